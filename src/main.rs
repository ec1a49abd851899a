//! The `framescope` binary: parse arguments, call the library, print, map errors to exit
//! codes (0 ok, 1 finished but some inputs were skipped, 2 stopped by an error).

mod cli;

/// mimalloc: the analysis allocates many small strings per token, and glibc malloc was a
/// third of the profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Die quietly on a closed pipe (`framescope score … | head`), as Unix tools do, instead of
    // panicking in println!: Rust ignores SIGPIPE by default.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            // One line: the error and its context chain.
            eprintln!("framescope: error: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
