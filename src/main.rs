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

/// No transparent huge pages for this process (Linux), unless the user sets
/// `MIMALLOC_ALLOW_THP`. mimalloc asks the kernel for huge pages on its arenas
/// (`MADV_HUGEPAGE`), so every region it takes, or takes back after a purge, is faulted in and
/// zeroed 2 MiB at a time, however little of it is used. Measured (2026-12-06, session 47;
/// docs/performance.md), the same binary with `MIMALLOC_ALLOW_THP=0`, alternating: `run
/// --min-df 2` on 10,000 articles peaked at 123–128 MB against 156–198 MB, with 0.76–0.94 s of
/// kernel CPU against 0.99–1.45 s, in the same wall time; at 100,000 articles 338–356 MB
/// against 401–418 MB. Called before any thread starts: the setting is the process's (and its
/// children's), and mimalloc's own switch (`mi_option_allow_thp`) is read before `main`.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: a prctl with integer arguments; it changes only this process's memory policy.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

fn main() -> ExitCode {
    purge_freed_memory_soon();
    no_transparent_huge_pages();
    // SIGPIPE stays ignored (Rust's default): a closed stdout ends the printing quietly
    // (`cli::common::put_out`), a closed stderr drops the status lines and the job goes on,
    // and `score --stdout - | head` ends as below. SIGXFSZ (a file-size limit, `ulimit -f`, as
    // batch nodes set) is ignored too, so the write fails with an error and the job ends as
    // on a full disk, with a message and its staging folder removed, instead of being killed
    // silently (review, session 45).
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    stop_cleanly_on_signals();
    framescope::report::set_command_line(std::env::args_os().map(|a| a.to_string_lossy().into_owned()));
    framescope::report::measure_stage_peaks();
    match cli::run() {
        Ok(code) => code,
        // The reader of `score --stdout` went away (`| head`): quiet, with the status a shell
        // gives a job ended by SIGPIPE, as Unix tools end.
        Err(e) if closed_pipe(&e) => ExitCode::from(141),
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

/// Whether `e` is a write to a pipe whose reader has gone.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
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
    let msg = as_the_user_sees(&msg.replace(['\r', '\n'], " "));
    framescope::report::escape_control(&msg).into_owned()
}

/// A message with the job's scratch paths as the paths the user gave: a staging folder
/// (`.out.staging-123/`, `.out.files-123/`) is gone by the time the message is read, so its
/// files are named where they were going (`out/scores.csv`), and a temp file's own name
/// (tempfile's `at path "…/.scores.csv.Ab12.tmp"`) is left out (review, session 45: a full
/// disk named two deleted paths and not the output). Done here, once, on the finished line:
/// these paths reach errors from every writer of every job.
fn as_the_user_sees(msg: &str) -> String {
    const AT_PATH: &str = " at path \"";
    let msg = match msg.split_once(AT_PATH) {
        Some((head, rest)) => match rest.split_once('"') {
            Some((_, tail)) => format!("{head}{tail}"),
            None => msg.to_string(),
        },
        None => msg.to_string(),
    };
    // A staging folder's name: `.<folder name>.staging-<pid>` or `.<name>.files-<pid>`.
    fn staged_name(part: &str) -> Option<&str> {
        let rest = part.strip_prefix('.')?;
        let (name, pid) = rest.rsplit_once('-')?;
        let name = name.strip_suffix(".staging").or_else(|| name.strip_suffix(".files"))?;
        (!name.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(name)
    }
    // Path components of the whole message (a folder's name may hold spaces: `run 1`).
    let mut out: Vec<&str> = Vec::new();
    for part in msg.split('/') {
        match staged_name(part) {
            // Staged inside the folder itself (a mount point): `mnt/.mnt.files-9/x`.
            Some(name) if out.last() == Some(&name) => {}
            Some(name) => out.push(name),
            None => out.push(part),
        }
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn scratch_paths_read_as_the_outputs_they_become() {
        assert_eq!(
            super::as_the_user_sees(
                "./.fz.staging-15602/folds.json: File too large (os error 27) at path \"/tmp/./.fz.staging-15602/.folds.json.afCprw.tmp\""
            ),
            "./fz/folds.json: File too large (os error 27)"
        );
        assert_eq!(
            super::as_the_user_sees("mnt/.mnt.files-77/keyness.csv: No space left on device (os error 28)"),
            "mnt/keyness.csv: No space left on device (os error 28)"
        );
        assert_eq!(
            super::as_the_user_sees("./.run 1.staging-8/scores.csv: No space left on device"),
            "./run 1/scores.csv: No space left on device"
        );
        assert_eq!(
            super::as_the_user_sees("out/.x.staging-/a and .hidden-12 stay"),
            "out/.x.staging-/a and .hidden-12 stay"
        );
    }

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

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off_for_the_process() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            return;
        }
        super::no_transparent_huge_pages();
        // SAFETY: a query with integer arguments.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
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
