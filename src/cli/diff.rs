//! `framescope diff`: what changed between two trainings: two output folders, two model
//! files, or one of each. Lexicon entries, training articles, training statistics, weight
//! changes grouped by term, and per article the sentences that moved most with their causes.

use framescope::report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier output folder or model file.
    #[arg(value_name = "OLD", required_unless_present = "old")]
    pub old_pos: Option<PathBuf>,
    /// The later output folder or model file.
    #[arg(value_name = "NEW", required_unless_present = "new")]
    pub new_pos: Option<PathBuf>,
    /// The earlier side (same as OLD).
    #[arg(long, conflicts_with = "old_pos")]
    pub old: Option<PathBuf>,
    /// The later side (same as NEW).
    #[arg(long, conflicts_with = "new_pos")]
    pub new: Option<PathBuf>,
    /// Where diff.csv and charts/before_after.png go [default: NEW when it is a folder, else
    /// the folder of the NEW model file].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Rows printed per section (and articles explained).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let old = a.old.or(a.old_pos).expect("clap requires OLD");
    let new = a.new.or(a.new_pos).expect("clap requires NEW");
    let changes = report::compare_paths(&old, &new, a.top)?;
    let out = a.out.unwrap_or_else(|| {
        if new.is_dir() {
            new.clone()
        } else {
            new.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from)
        }
    });
    let written = report::write_changes(&out, &changes)?;
    for line in framescope::compare::changes::rows::summary(&changes, a.top) {
        println!("{line}");
    }
    for w in written {
        eprintln!("wrote {}", w.display());
    }
    Ok(ExitCode::SUCCESS)
}
