//! The `leaning` column of `scores.csv`, from the real binary: an article that puts the other
//! side's every term in scare quotes gets the side its score shows, though its shares (whole
//! sentences as written, no scare-quote flip) all point the other way.

use assert_cmd::Command;
use std::path::Path;

mod common;
use common::table;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("framescope").unwrap();
    c.current_dir(dir);
    c
}

/// Written for this test: a Western outlet's own voice, distancing itself from Moscow's
/// vocabulary in scare quotes, and the same text with the quotation marks removed (adopting it).
const SCARE: &str = "Moscow's words for the war\n\n\
The \"special military operation\" went on in the east on Thursday.\n\
The so-called \"denazification\" of the country has levelled another town.\n\
Moscow's \"security guarantees\" were a smokescreen for the assault.\n\
The \"special military operation\" has now lasted two weeks.\n\
Columns moved along the front near several villages.\n\
The \"peacekeeping mission\" left thousands without homes.\n";

#[test]
fn scare_quoting_the_other_sides_words_leans_to_ones_own_side() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = bin(d).args(["run", "--out", "seedrun"]).arg(&seeds).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::create_dir(d.join("in")).unwrap();
    std::fs::write(d.join("in/scare.txt"), SCARE).unwrap();
    std::fs::write(d.join("in/plain.txt"), SCARE.replace('"', "").replace("so-called ", "")).unwrap();
    let out = bin(d)
        .args(["score", "--model", "seedrun/model.json", "--out", "s", "in"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = table(&d.join("s/scores.csv"));
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    let f = |r: &std::collections::BTreeMap<String, String>, c: &str| r[c].parse::<f64>().unwrap();
    let (scare, plain) = (row("scare"), row("plain"));
    // The premise: the shares read the scare-quoted terms as written, Kremlin; the score
    // flips them, Western, with an interval clear of 0.
    assert!(
        f(scare, "share_kremlin") > 0.0 && f(scare, "share_western") == 0.0,
        "{scare:?}"
    );
    assert!(f(scare, "score_high") < 0.0, "{scare:?}");
    assert_eq!(scare["leaning"], "western");
    // Adopting the same words leans Kremlin.
    assert!(f(plain, "score_low") > 0.0, "{plain:?}");
    assert_eq!(plain["leaning"], "kremlin");
    // The terminal summary and inspect say the same.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().find(|l| l.starts_with("scare ")).unwrap();
    assert!(line.contains(" Western "), "{line}");
    let out = bin(d).args(["inspect", "scare", "--out", "s"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Western-leaning"), "{text}");
}
