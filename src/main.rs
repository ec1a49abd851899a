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
            eprintln!("framescope: error: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its context chain on one line. A cause whose text the previous message
/// already ends with is left out (library errors such as `path: io error` print their source
/// themselves), so nothing is said twice.
fn one_line(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if msg.ends_with(&s) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&s);
    }
    msg.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cause_already_printed_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::from(std::io::Error::other(format!("out: {io}")));
        assert_eq!(super::one_line(&e.context("writing")), "writing: out: gone");
        let lib = framescope::Error::io("out", io);
        assert_eq!(super::one_line(&anyhow::Error::from(lib)), "out: gone");
    }
}
