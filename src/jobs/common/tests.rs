//! Tests of `common`.

use super::*;

fn batch(articles: usize) -> Loaded {
    Loaded {
        articles,
        ..Loaded::default()
    }
}

/// Batches 0..n through the three stages; `fail` makes one stage fail at batch 3.
fn three_stages(n: usize, fail: Option<&str>) -> (Result<()>, Vec<usize>) {
    let mut got = Vec::new();
    let err = |stage: &str| Error::Invalid(format!("{stage} failed"));
    let r = pipelined_from(
        |each| {
            for i in 0..n {
                if fail == Some("read") && i == 3 {
                    return Err(err("read"));
                }
                each(batch(i))?;
            }
            Ok(())
        },
        |b| match fail == Some("produce") && b.articles == 3 {
            true => Err(err("produce")),
            false => Ok(b.articles * 10),
        },
        |x| match fail == Some("consume") && x == 30 {
            true => Err(err("consume")),
            false => {
                got.push(x);
                Ok(())
            }
        },
    );
    (r, got)
}

#[test]
fn the_three_stages_keep_order_and_report_the_stage_that_failed() {
    let (r, got) = three_stages(200, None);
    assert!(r.is_ok());
    assert_eq!(got, (0..200).map(|i| i * 10).collect::<Vec<_>>());
    for stage in ["read", "produce", "consume"] {
        let (r, got) = three_stages(200, Some(stage));
        assert_eq!(r.unwrap_err().to_string(), err_text(stage), "{stage}");
        assert_eq!(
            got,
            vec![0, 10, 20],
            "{stage}: nothing after the failed batch is written"
        );
    }
}

fn err_text(stage: &str) -> String {
    Error::Invalid(format!("{stage} failed")).to_string()
}

#[test]
fn a_copy_of_the_built_in_seeds_is_read_once() {
    use crate::corpus::BUILTIN_SEEDS;
    let tmp = tempfile::tempdir().unwrap();
    let folder = |name: &str, extra: Option<(&str, &str)>, change_last: bool| {
        let dir = tmp.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        for (i, (n, text)) in BUILTIN_SEEDS.iter().enumerate() {
            let mut text = text.to_string();
            if change_last && i + 1 == BUILTIN_SEEDS.len() {
                text.push(' ');
            }
            std::fs::write(dir.join(n), text).unwrap();
        }
        if let Some((n, text)) = extra {
            std::fs::write(dir.join(n), text).unwrap();
        }
        dir
    };
    let copy = folder("copy", Some((".DS_Store", "x")), false);
    let more = folder("more", Some(("extra.txt", "Title\nText.\n")), false);
    let edited = folder("edited", None, true);
    let (name, _) = BUILTIN_SEEDS[1];
    let one = tmp.path().join(name);
    std::fs::write(&one, BUILTIN_SEEDS[1].1).unwrap();
    let renamed = tmp.path().join("renamed.txt");
    std::fs::write(&renamed, BUILTIN_SEEDS[1].1).unwrap();

    // Nothing built in before them: a copy is kept, and a seed's copy after it is its.
    let mut alone = Inputs::paths([copy.clone(), one.clone()]);
    assert_eq!(alone.drop_repeated_paths(), vec![(one.clone(), copy.clone())]);
    assert_eq!(alone.paths, vec![copy.clone()]);

    let builtin = PathBuf::from("<built-in>/seeds");
    let mut inputs = Inputs::paths([
        builtin.clone(),
        copy.clone(),
        more.clone(),
        edited.clone(),
        one.clone(),
        renamed.clone(),
    ]);
    assert_eq!(
        inputs.drop_repeated_paths(),
        vec![(copy, builtin.clone()), (one, builtin.clone())]
    );
    // A folder with one more file, one seed changed by a byte, a seed under another name:
    // not copies, read (their seeds are reported as duplicates then).
    assert_eq!(inputs.paths, vec![builtin, more, edited, renamed]);
}

/// Review finding (session 30): a file of a folder also named (before or after it), under its own name or
/// through a link of another name, was read twice (under two ids) and trained on twice.
#[test]
fn a_file_in_a_folder_named_before_it_is_read_with_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("arts");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Title\nText.\n").unwrap();
    std::fs::write(dir.join("notes.md"), "not read by the folder").unwrap();
    std::fs::write(
        dir.join(".draft.txt"),
        "Title\nA hidden draft the folder passes over.\n",
    )
    .unwrap();
    let link = tmp.path().join("link.txt");
    std::os::unix::fs::symlink(dir.join("a.txt"), &link).unwrap();
    let other = tmp.path().join("b.txt");
    std::fs::write(&other, "Title\nText.\n").unwrap();
    let b = dir.join("b.txt");
    std::fs::write(&b, "Title\nAnother text.\n").unwrap();
    let mut inputs = Inputs::paths([
        b.clone(),
        dir.clone(),
        dir.join("a.txt"),
        link.clone(),
        other.clone(),
        dir.join("notes.md"),
        dir.join(".draft.txt"),
    ]);
    assert_eq!(
        inputs.drop_repeated_paths(),
        vec![(b, dir.clone()), (dir.join("a.txt"), dir.clone()), (link, dir.clone())]
    );
    // A file the folder does not read as an article is still named on its own.
    // A file the folder does not read (a hidden draft) is still named on its own.
    assert_eq!(
        inputs.paths,
        vec![dir.clone(), other, dir.join("notes.md"), dir.join(".draft.txt")]
    );
}

#[test]
fn a_path_given_twice_is_read_once_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seeds");
    std::fs::create_dir(&dir).unwrap();
    let other = tmp.path().join("more");
    std::fs::create_dir(&other).unwrap();
    // The same folder spelt two ways, another folder, stdin twice, a built-in name twice.
    let dotted = tmp.path().join("more").join("..").join("seeds");
    let mut inputs = Inputs::paths([
        dir.clone(),
        other.clone(),
        dotted.clone(),
        "-".into(),
        "-".into(),
        "<built-in>/seeds".into(),
        "<built-in>/seeds".into(),
    ]);
    let dropped = inputs.drop_repeated_paths();
    assert_eq!(
        dropped,
        vec![
            (dotted, dir.clone()),
            ("<built-in>/seeds".into(), "<built-in>/seeds".into())
        ]
    );
    let kept: Vec<PathBuf> = vec![dir, other, "-".into(), "-".into(), "<built-in>/seeds".into()];
    assert_eq!(inputs.paths, kept);
}
