//! Replacing a whole file so that a crash or a failed write never leaves half of one: the new content
//! goes to a temporary file beside the target (same folder, so the rename stays on one file system),
//! is synced to disk, takes the permissions the target had, and is then renamed over it. On any error
//! the temporary file is removed and the target is left as it was.
//!
//! Used wherever stardrill rewrites a file whole: `config set/unset`, the story schema written beside
//! the story file, and `export -o`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `bytes` as the whole file at `path` (see the module's doc). The folder must exist. A path
/// that names no file (`/`, `..`) is an `InvalidInput` error.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path)?;
    let result = write_temp(&temp, path, bytes).and_then(|()| fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    // The rename itself is made durable by syncing the folder; a system that cannot sync a folder
    // still has the new file in place.
    #[cfg(unix)]
    if let Some(dir) = folder(path) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// `.NAME.PID.tmp` beside `path`: hidden, and one per process so two runs never write the same one.
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(".{}.tmp", std::process::id()));
    Ok(path.with_file_name(temp))
}

/// The folder `path` is in (`.` for a bare name).
#[cfg(unix)]
fn folder(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

/// The temporary file, created new (never through a link or a file already there: a leftover of a
/// run that crashed with the same process id is removed first) with the target's permissions when it
/// exists: on unix it is created with them, so a private file is never readable by others, not even
/// for a moment; then they are set exactly (the umask may have narrowed them).
fn write_temp(temp: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    let _ = fs::remove_file(temp);
    let permissions = fs::metadata(target).ok().map(|m| m.permissions());
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if let Some(p) = &permissions {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(p.mode() & 0o7777);
    }
    let mut file = options.open(temp)?;
    if let Some(p) = permissions {
        file.set_permissions(p)?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_is_created_then_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.md");
        write(&path, b"first, and longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first, and longer");
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second", "nothing of the old content is left");
        assert_eq!(entries(dir.path()), ["pack.md"], "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn the_target_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"newer").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(fs::read_to_string(&path).unwrap(), "newer");
    }

    #[test]
    fn a_failed_replace_leaves_the_target_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way: the temporary file is written, the rename over the folder fails.
        let target = dir.path().join("pack.md");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "kept").unwrap();
        let e = write(&target, b"new").unwrap_err();
        assert_ne!(e.kind(), io::ErrorKind::NotFound, "{e}");
        assert!(target.is_dir());
        assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "kept");
        assert_eq!(entries(dir.path()), ["pack.md"], "the temporary file is removed");
    }

    #[test]
    fn a_missing_folder_or_a_path_without_a_file_name_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = write(&dir.path().join("missing/pack.md"), b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert_eq!(entries(dir.path()), Vec::<String>::new());
        let e = write(Path::new("/"), b"x").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_where_the_temporary_file_goes_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.md");
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep me").unwrap();
        std::os::unix::fs::symlink(&victim, temp_path(&path).unwrap()).unwrap();
        write(&path, b"the pack").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep me", "the link's target is untouched");
        assert_eq!(fs::read(&path).unwrap(), b"the pack");
        assert_eq!(entries(dir.path()), ["pack.md", "victim"], "the link is gone, no temporary file is left");
    }
}
