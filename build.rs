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
//!   by `link/startup_order.sh`), with rustc's default linker, lld (Rust 1.90 on): scattered through
//!   the code they were paged in a 64 KB window at a time, about 50 windows.
//!
//! `STARDRILL_PIE=1` keeps the usual position-independent executable; `STARDRILL_LINK_ORDER=0` leaves
//! the functions where the linker puts them (for a linker other than lld, which may refuse the list).

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=link/startup-order.txt");
    println!("cargo::rerun-if-env-changed=STARDRILL_PIE");
    println!("cargo::rerun-if-env-changed=STARDRILL_LINK_ORDER");
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    if env("CARGO_CFG_TARGET_OS") != "linux" {
        return;
    }
    let off = |name: &str| matches!(env(name).as_str(), "0" | "no" | "false");
    let on = |name: &str| !env(name).is_empty() && !off(name);
    if !on("STARDRILL_PIE") {
        println!("cargo::rustc-link-arg=-no-pie");
    }
    let order = Path::new(&env("CARGO_MANIFEST_DIR")).join("link/startup-order.txt");
    if !off("STARDRILL_LINK_ORDER") && links_with_lld() && order.is_file() {
        println!("cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}", order.display());
        // Names the binary does not have (another profile, compiler or dependency) are skipped quietly.
        println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether rustc links this build with its own lld: its default for x86_64 Linux from Rust 1.90, when
/// the flags do not choose another linker.
fn links_with_lld() -> bool {
    if std::env::var("TARGET").ok().as_deref() != Some("x86_64-unknown-linux-gnu") {
        return false;
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if ["linker", "link-self-contained", "fuse-ld"].iter().any(|f| flags.contains(f)) {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() else { return false };
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .lines()
        .find_map(|l| l.strip_prefix("release: "))
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    minor.is_some_and(|m| m >= 90)
}
