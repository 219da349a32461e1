//! How the binaries are linked on Linux, for a faster start (README, "Performance";
//! `cargo bench --bench first_frame` measures it).
//!
//! - At a fixed address (`-no-pie`), every binary this package links (the app, its tests, benches and
//!   examples: the first-frame bench's bare ratatui app is linked alike). A position-independent
//!   executable has its internal pointers (about 5,600 in the app: string tables, vtables, panic
//!   locations) written by the dynamic loader at every start, which reads a 137 KB relocation table
//!   and copies 96 KB of pages before `main` runs; at a fixed address the linker writes them once.
//!   The cost: the binary's own code is not placed at a random address (shared libraries, the stack
//!   and the heap still are). stardrill reads only the user's own files.
//! - The functions the app runs before its first frame side by side (`link/startup-order.txt`, made
//!   by `link/startup_order.sh`), when the linker takes a symbol ordering file (lld, rustc's default
//!   linker for x86_64 Linux from Rust 1.90; mold): scattered through the code they were paged in a
//!   64 KB window at a time, about 50 windows. Whether it does is tried by linking an empty program
//!   with the list, as this build links; GNU ld does not, and then nothing changes.
//!
//! `STARDRILL_PIE=1` keeps the usual position-independent executable; `STARDRILL_LINK_ORDER=0` leaves
//! the functions where the linker puts them.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=link/startup-order.txt");
    println!("cargo::rerun-if-env-changed=STARDRILL_PIE");
    println!("cargo::rerun-if-env-changed=STARDRILL_LINK_ORDER");
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    if env("CARGO_CFG_TARGET_OS") != "linux" || env("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    if !setting("STARDRILL_PIE", false) {
        println!("cargo::rustc-link-arg=-no-pie");
    }
    let order = Path::new(&env("CARGO_MANIFEST_DIR")).join("link/startup-order.txt");
    if setting("STARDRILL_LINK_ORDER", true) && order.is_file() {
        let args = [
            format!("-Wl,--symbol-ordering-file={}", order.display()),
            // Names the binary does not have (another profile, compiler or dependency) are skipped quietly.
            "-Wl,--no-warn-symbol-ordering".to_string(),
        ];
        if links_with(&args) {
            for arg in args {
                println!("cargo::rustc-link-arg-bins={arg}");
            }
        }
    }
}

/// An on/off setting from the environment: `1`, `yes`, `true`, `on` or `0`, `no`, `false`, `off` (any
/// case); unset or empty, `default`; anything else is said as a warning and counts as `default`.
fn setting(name: &str, default: bool) -> bool {
    let value = std::env::var(name).unwrap_or_default();
    match value.trim().to_ascii_lowercase().as_str() {
        "" => default,
        "1" | "yes" | "true" | "on" => true,
        "0" | "no" | "false" | "off" => false,
        _ => {
            println!("cargo::warning={name}={value:?} is neither on (1) nor off (0); using {}", u8::from(default));
            default
        }
    }
}

/// Whether an empty program links with `args`, as this build links (the same rustc, target, flags
/// and linker).
fn links_with(args: &[String]) -> bool {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let source = out.join("link_probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let mut command = std::process::Command::new(rustc);
    command.arg(&source).arg("-o").arg(out.join("link_probe")).arg("--crate-type=bin").arg("--edition=2021");
    if let Ok(target) = std::env::var("TARGET") {
        command.arg("--target").arg(target);
    }
    if let Ok(linker) = std::env::var("RUSTC_LINKER") {
        command.arg("-C").arg(format!("linker={linker}"));
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    command.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    for arg in args {
        command.arg("-C").arg(format!("link-arg={arg}"));
    }
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    command.status().is_ok_and(|s| s.success())
}
