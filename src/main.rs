//! The `framescope` binary: parse arguments, call the library, print, map errors to exit
//! codes (0 ok, 1 finished but some inputs were skipped, 2 stopped by an error).

mod cli;

/// mimalloc: the analysis allocates many small strings per token, and glibc malloc was a
/// third of the profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

/// mimalloc's `mi_option_purge_delay` (position 15 of `mi_option_e` in both v2 and v3 of
/// mimalloc.h; the Rust bindings do not name it). The test below checks it still is.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the process before it goes back to the system, in ms.
/// mimalloc v3 waits a second by default, so pages freed by one batch were still resident
/// when the next batch or stage allocated: measured on a 10,000-article run, peak RSS
/// 206–219 MB with the default, 168–178 MB with no delay. But no delay hands every freed page
/// back and faults it in again when the next batch allocates: `analyze` on 100,000 articles
/// spent 2.0 s of 19.6 s CPU in the kernel with 0 ms, 0.5 s with 50 ms, and took 10.0–10.8 s
/// against 8.6–8.8 s; `run` on 10,000 articles 6.4–7.3 s against 5.5–6.1 s, for 13–20 MB more
/// at its peak (2026-12-01, session 17; docs/performance.md). 50 ms keeps nearly all of the
/// time and most of the memory. A user's `MIMALLOC_PURGE_DELAY` still wins.
const PURGE_DELAY_MS: std::ffi::c_long = 50;

fn purge_freed_memory_soon() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called once at start-up, before any other thread exists.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

fn main() -> ExitCode {
    purge_freed_memory_soon();
    // Die quietly on a closed pipe (`framescope score … | head`), as Unix tools do, instead of
    // panicking in println!: Rust ignores SIGPIPE by default.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    stop_cleanly_on_signals();
    framescope::report::set_command_line(std::env::args_os().map(|a| a.to_string_lossy().into_owned()));
    framescope::report::measure_stage_peaks();
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            crate::eline!("framescope: error: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// Ctrl-C, SIGTERM and SIGHUP end a job without leaving its staging folder, temp files or
/// lock behind (`report::leftovers`), and say that the outputs are as they were. The exit
/// status is 130, as a shell gives a job stopped by Ctrl-C. The handler runs on its own
/// thread (the `ctrlc` crate), where removing files is safe, unlike in a signal handler.
fn stop_cleanly_on_signals() {
    let installed = ctrlc::set_handler(|| {
        let kept = framescope::report::leftovers::remove_all();
        let said = if kept.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = kept
                .iter()
                .map(|p| framescope::report::escape_control(&p.display().to_string()).into_owned())
                .collect();
            format!(
                "; {} left as it was (this job's unfinished outputs removed)",
                names.join(", ")
            )
        };
        // After a progress bar or the terminal's `^C`, start on a line of its own.
        let fresh_line = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            "\n"
        } else {
            ""
        };
        crate::eline!("{fresh_line}framescope: interrupted{said}");
        std::process::exit(130);
    });
    if let Err(e) = installed {
        crate::eline!("framescope: warning: cannot catch Ctrl-C ({e}); an interrupted job leaves its unfinished outputs in a hidden folder until the next job writing there");
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
    framescope::report::escape_control(&msg.replace(['\r', '\n'], " ")).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_option_is_the_one_mimalloc_documents() {
        // v3's documented default purge delay is 1000 ms; no neighbouring option has it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option is a plain load.
            assert_eq!(
                unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) },
                1000
            );
        }
    }

    #[test]
    fn a_cause_already_printed_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::from(std::io::Error::other(format!("out: {io}")));
        assert_eq!(super::one_line(&e.context("writing")), "writing: out: gone");
        let lib = framescope::Error::io("out", io);
        assert_eq!(super::one_line(&anyhow::Error::from(lib)), "out: gone");
    }
}
