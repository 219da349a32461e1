//! Opening the story file in the user's editor, from `stardrill story new/edit` and from the Stories
//! screen (which gives the terminal to the editor and takes it back).

use std::path::Path;

use crate::text::visible_line;

/// `$VISUAL`, else `$EDITOR`, else `vi`: what git and most tools open.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Editors known to take `+LINE` before the file to open it at that line.
const TAKES_PLUS_LINE: &[&str] =
    &["vi", "vim", "nvim", "gvim", "view", "nano", "pico", "emacs", "emacsclient", "micro", "joe", "ne", "mg", "kak"];

/// Run the editor on `path`, at `line` when it is known to take `+LINE`, and wait for it. The editor
/// variable may hold arguments (`code --wait`); on Unix it is run by the shell, as git does. Ok(Some)
/// says the editor exited with a failure (what it saved is there all the same); Err, that it could
/// not be run.
pub fn run(path: &Path, line: usize) -> Result<Option<String>, String> {
    let editor = editor();
    let program = editor.split_whitespace().next().unwrap_or("vi");
    let base = Path::new(program).file_name().and_then(|n| n.to_str()).unwrap_or(program);
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    if TAKES_PLUS_LINE.contains(&base) {
        args.push(format!("+{line}").into());
    }
    args.push(path.as_os_str().to_owned());
    #[cfg(unix)]
    let status =
        std::process::Command::new("sh").arg("-c").arg(format!("{editor} \"$@\"")).arg("sh").args(&args).status();
    #[cfg(not(unix))]
    let status = std::process::Command::new(program).args(editor.split_whitespace().skip(1)).args(&args).status();
    let shown = visible_line(&editor).into_owned();
    match status {
        Ok(s) if s.success() => Ok(None),
        Ok(s) => Ok(Some(format!("the editor ({shown}) exited with {s}"))),
        Err(e) => Err(format!(
            "cannot run the editor ({shown}): {e}; set $VISUAL or $EDITOR, or edit {} yourself",
            visible_line(&path.display().to_string())
        )),
    }
}

/// The line of `- id: ID` in a file that does not validate, when it is written plainly.
pub fn find_line(path: &Path, id: &str) -> Option<usize> {
    let text = super::load::read(path).ok()??.text;
    text.lines()
        .position(|l| l.trim_start_matches(['-', ' ']).strip_prefix("id:").map(str::trim) == Some(id))
        .map(|i| i + 1)
}

/// What the Stories screen asks the editor for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryEdit {
    /// The story with this id.
    Story(String),
    /// A new story: a template appended for the principle with the fewest stories, then edited.
    New,
}

/// Do `edit` on the story file at `path` (appending a template first for a new story), run the editor
/// and read the file again. Returns the shelf as it now is and a warning (the editor's exit) if any.
pub fn edit_story(
    path: &Path,
    edit: &StoryEdit,
    stories: &super::Stories,
    known: &[crate::bank::Question],
) -> Result<(super::Shelf, Option<String>), String> {
    let line = match edit {
        StoryEdit::Story(id) => stories.find(id).map(|s| s.line).or_else(|| find_line(path, id)).unwrap_or(1),
        StoryEdit::New => {
            let id = super::store::unique_id(&super::store::slug("New story"), |id| stories.find(id).is_some());
            let principles: Vec<crate::bank::Principle> = stories.coverage().neediest().into_iter().collect();
            let appended = super::store::append(path, &super::store::template(&id, "New story", &principles))?;
            if appended.created {
                // The story matters; an editor only loses completion without the schema.
                let _ = super::store::write_schema_beside(path);
            }
            appended.line
        }
    };
    let warning = run(path, line)?;
    Ok((super::Shelf::load(path.to_path_buf(), known), warning))
}
