//! `score --stdout`: one JSON object per line, for `RDD.pipe`, Hadoop streaming or any batch
//! system. Every input record comes back as exactly one line:
//!
//! - scored: `{"id": …, "article": {…}, "sentences": […]}` (`sentences` left out with
//!   `--no-sentences`);
//! - skipped: `{"id": … or null, "skipped": "reason", "origin": "file:line"}` — a record that
//!   is not JSON has no id (null); its origin names the line within that process's input
//!   (within the partition under Spark).
//!
//! Warnings (an article kept despite, say, invalid UTF-8) stay on stderr: they are not
//! records.

use crate::compare::ArticleRow;
use crate::corpus::InputProblem;
use crate::score::SentenceScore;
use serde::Serialize;

#[derive(Serialize)]
struct Scored<'a> {
    id: &'a str,
    article: &'a ArticleRow,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<&'a [SentenceScore]>,
}

#[derive(Serialize)]
struct Skipped<'a> {
    id: Option<&'a str>,
    skipped: &'a str,
    origin: String,
}

/// The line of a scored article (without the newline).
pub fn scored_line(article: &ArticleRow, sentences: Option<&[SentenceScore]>) -> String {
    serde_json::to_string(&Scored {
        id: &article.id,
        article,
        sentences,
    })
    .expect("scores serialise to JSON")
}

/// The line of a skipped record, or `None` for a warning (the article was kept).
pub fn skipped_line(p: &InputProblem) -> Option<String> {
    if !p.skipped {
        return None;
    }
    let origin = match p.line {
        Some(l) => format!("{}:{l}", p.path.display()),
        None => p.path.display().to_string(),
    };
    Some(
        serde_json::to_string(&Skipped {
            id: p.id.as_deref(),
            skipped: &p.message,
            origin,
        })
        .expect("strings serialise to JSON"),
    )
}

/// The lines of one batch in input order: `scored` (one per document, in order) with each
/// skipped problem's line ([`skipped_line`]) put back where it was read — problem k came
/// after `at[k]` documents. Warnings (not skipped) give no line.
pub fn in_input_order(scored: Vec<String>, problems: &[InputProblem], at: &[usize]) -> Vec<String> {
    assert_eq!(problems.len(), at.len(), "one position per problem");
    let mut out = Vec::with_capacity(scored.len() + problems.len());
    let mut skipped = problems.iter().zip(at).peekable();
    for (i, line) in scored.into_iter().enumerate() {
        while let Some((p, _)) = skipped.next_if(|(_, &a)| a <= i) {
            out.extend(skipped_line(p));
        }
        out.push(line);
    }
    out.extend(skipped.filter_map(|(p, _)| skipped_line(p)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_records_go_back_to_their_input_places() {
        let p = |line: usize, skipped: bool| InputProblem {
            path: "<stdin>".into(),
            line: Some(line),
            message: "bad".into(),
            skipped,
            id: None,
        };
        // Input: bad line 1, a (2), b (3), bad 4, a warning on 5 (its article c is line 5),
        // bad 6.
        let problems = [p(1, true), p(4, true), p(5, false), p(6, true)];
        let lines = in_input_order(vec!["a".into(), "b".into(), "c".into()], &problems, &[0, 2, 2, 3]);
        let origin = |l: &str| serde_json::from_str::<serde_json::Value>(l).unwrap()["origin"].clone();
        assert_eq!(lines.len(), 6);
        assert_eq!(origin(&lines[0]), "<stdin>:1");
        assert_eq!(&lines[1..3], ["a", "b"]);
        assert_eq!(origin(&lines[3]), "<stdin>:4");
        assert_eq!(lines[4], "c");
        assert_eq!(origin(&lines[5]), "<stdin>:6");
    }

    #[test]
    fn a_skipped_record_is_one_line_with_its_id_or_null() {
        let mut p = InputProblem {
            path: "<stdin>".into(),
            line: Some(3),
            message: "missing field `text`".into(),
            skipped: true,
            id: Some("a\"1".into()),
        };
        assert_eq!(
            skipped_line(&p).unwrap(),
            r#"{"id":"a\"1","skipped":"missing field `text`","origin":"<stdin>:3"}"#
        );
        p.id = None;
        let v: serde_json::Value = serde_json::from_str(&skipped_line(&p).unwrap()).unwrap();
        assert!(v["id"].is_null());
        p.skipped = false;
        assert_eq!(skipped_line(&p), None);
    }
}
