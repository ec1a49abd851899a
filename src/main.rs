//! The `framescope` binary: parse arguments, call the library, print, map errors to exit
//! codes (0 ok, 1 finished but some inputs were skipped, 2 stopped by an error).

mod cli;

/// mimalloc: the analysis allocates many small strings per token, and glibc malloc was a
/// third of the profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            // One line: the error and its context chain.
            eprintln!("framescope: error: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
