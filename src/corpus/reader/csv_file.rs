//! CSV articles, one row per article.

use super::{problem, record_items_noted, warning};
use crate::corpus::record::Record;
use crate::corpus::Item;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// CSV with a header row naming at least `text` (and usually `id`, `title`).
pub(super) fn read_csv(path: &Path) -> Vec<Item> {
    let mut file = match File::open(path) {
        Ok(f) => BufReader::new(f),
        Err(e) => return vec![problem(path, None, format!("cannot read: {e}"))],
    };
    if file.fill_buf().is_ok_and(|b| b.starts_with(b"\xEF\xBB\xBF")) {
        file.consume(3);
    }
    // Said as what they are, not as a header without `text` (review, session 30).
    match file.fill_buf() {
        Ok([]) => return vec![problem(path, None, crate::corpus::decode::NotText::Empty.to_string())],
        Ok(b) if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") => {
            return vec![problem(path, None, crate::corpus::decode::NotText::Utf16.to_string())]
        }
        _ => {}
    }
    let crlf = file
        .fill_buf()
        .is_ok_and(crate::corpus::csv_lines::ends_first_line_with_crlf);
    let file: Box<dyn std::io::Read> = match file
        .fill_buf()
        .is_ok_and(crate::corpus::csv_lines::ends_first_line_with_lone_cr)
    {
        true => Box::new(crate::corpus::csv_lines::CrAsLf(file)),
        false => Box::new(file),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(crate::corpus::csv_lines::QuoteCheck::new(file));
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![problem(path, Some(1), format!("bad CSV header: {e}"))],
    };
    if let Some(m) = crate::corpus::record::misnamed_field(headers.iter(), "column") {
        return vec![problem(path, Some(1), format!("{m} (the file is skipped)"))];
    }
    // A field named twice is the header's fault, said once (review, session 44: every row
    // was skipped with "duplicate field `text`", one line each).
    if let Some(twice) = crate::corpus::record::FIELDS
        .iter()
        .find(|f| headers.iter().filter(|h| h.trim() == **f).count() > 1)
    {
        return vec![problem(
            path,
            Some(1),
            format!("the header names column `{twice}` twice: keep one (the file is skipped)"),
        )];
    }
    if !headers.iter().any(|h| h.trim() == "text") {
        // A spreadsheet saved with `;` or tabs between cells (European Excel exports) reads
        // as one column named `id;title;text`: say so (review, session 41).
        let split_by = [';', '\t']
            .into_iter()
            .find(|&d| headers.iter().any(|h| h.split(d).any(|c| c.trim() == "text")));
        let message = match split_by {
            Some(d) => format!(
                "missing column `text`: the header row's cells are separated by {} — framescope reads comma-separated CSV (save it with commas, or as JSONL)",
                if d == ';' { "`;`" } else { "tabs" }
            ),
            None => "missing column `text` (the header row must name a `text` column; `id`, `title` and the others are optional)".into(),
        };
        return vec![problem(path, Some(1), message)];
    }
    let cols = CellColumns {
        id: headers.iter().position(|h| h == "id"),
        outlet: headers.iter().position(|h| h == "outlet"),
        date: headers.iter().position(|h| h == "date"),
    };
    let typed_headers = csv_headers(&headers);
    let mut out = Vec::new();
    let mut line = 1;
    let mut start = rdr.position().byte();
    let mut bytes = csv::ByteRecord::new();
    loop {
        // Read as bytes: a row that is not UTF-8 is decoded lossily with a warning, as a
        // `.txt` or JSONL article is (the csv crate's own text records refuse it).
        let mut lossy = None;
        let rec = match rdr.read_byte_record(&mut bytes) {
            Ok(false) => break,
            Ok(true) => {
                // The line a record starts on (a quoted field may span several lines).
                line = bytes
                    .position()
                    .map_or(line + 1, |p| crate::corpus::csv_lines::record_line(p, crlf));
                // A row of empty cells (`,,,,`, as spreadsheets save the rows under a table)
                // holds nothing, like a blank line, which the crate passes over (review,
                // session 44: each was "skipped: missing field `text`", exit 1).
                if bytes.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    start = rdr.position().byte();
                    continue;
                }
                let record = match csv::StringRecord::from_byte_record(std::mem::take(&mut bytes)) {
                    Ok(r) => r,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let field = e.utf8_error().field() + 1;
                        lossy = Some(format!("field {field}: {}", crate::corpus::decode::lossy_note(at)));
                        csv::StringRecord::from_byte_record_lossy(e.into_byte_record())
                    }
                };
                record.deserialize::<Record>(Some(&typed_headers)).map(|mut r| {
                    cells_as_written(&mut r, &record, cols);
                    r
                })
            }
            Err(e) => Err(e),
        };
        if let Err(e) = &rec {
            line = e
                .position()
                .map_or(line, |p| crate::corpus::csv_lines::record_line(p, crlf));
        }
        match rec {
            Ok(_) if rdr.position().byte() - start > crate::corpus::MAX_ARTICLE_BYTES => out.push(problem(
                path,
                Some(line),
                crate::corpus::too_large(rdr.position().byte() - start),
            )),
            Ok(r) => {
                // The lossy-decoding warning only for an article that is kept, as for JSONL.
                out.extend(record_items_noted(r, path, line, lossy))
            }
            Err(e) => out.push(problem(path, Some(line), format!("bad CSV row: {}", csv_message(&e)))),
        }
        start = rdr.position().byte();
    }
    // Every record read gave an item (an article or its fault), so none means no rows.
    if out.is_empty() {
        out.push(problem(path, None, "empty: no rows after the header".into()));
    }
    let check = rdr.into_inner();
    if let Some((line, message)) = check.fault() {
        if check.merged_rows() {
            // The row the stray quote opened holds the rows after it: no article (review,
            // session 44: it was scored as one article of 41 sentences, exit 0). Its rows are
            // lost either way; reported as skipped, they make the exit code say so.
            let origin = format!("{}:{line}", crate::corpus::path_text(path));
            // The merged row is an article, or skipped for a fault of its own making (a field
            // count gone wrong in a header of more than two columns): either way the stray
            // quote is the reason (review U, session 56: the skip said "3 fields where the
            // header has 4" and the quote came as a warning after it).
            let merged = |i: &Item| match i {
                Item::Article(a) => a.origin == origin,
                Item::Problem(p) => p.skipped && p.line == Some(line),
            };
            if let Some(at) = out.iter().position(merged) {
                out[at] = problem(path, Some(line), message);
                return out;
            }
        }
        out.push(warning(path, Some(line), message));
    }
    out
}

/// A CSV cell is text: the csv crate's deserializer guesses a type for each cell, which made
/// an id `007` the number 7 (and `true` a boolean), a year `2022` or a day `20220224` epoch
/// seconds in 1970, and an outlet `true` a boolean that skipped its row. The `id`, `outlet`
/// and `date` cells are taken as written instead (the outlet column is hidden from the
/// deserializer by [`csv_headers`]), with two exceptions that keep what the cells mean: an
/// integral id or outlet written as a float (`7.0`, as pandas writes an integer column with
/// gaps) is the integer, and a date of ten or more digits alone is epoch seconds
/// (milliseconds from 10¹¹ on, as in JSONL).
fn cells_as_written(r: &mut Record, record: &csv::StringRecord, cols: CellColumns) {
    use serde_json::Value;
    let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::trim).filter(|t| !t.is_empty());
    r.id = cell(cols.id).map(|t| Value::String(integral_as_integer(t).to_string()));
    r.outlet = cell(cols.outlet).map(|t| integral_as_integer(t).to_string());
    r.date = cell(cols.date).map(|t| match t.parse::<u64>() {
        Ok(n) if t.len() >= 10 => Value::from(n),
        _ => Value::String(t.to_string()),
    });
}

/// The columns [`cells_as_written`] reads itself.
#[derive(Clone, Copy)]
struct CellColumns {
    id: Option<usize>,
    outlet: Option<usize>,
    date: Option<usize>,
}

/// The header the deserializer sees: `outlet` renamed to a name no field has, so that the
/// cell is not typed by guess (the record's `outlet` deserializer takes JSON numbers, and
/// the csv crate offers `true` as a boolean, `007` as 7); [`cells_as_written`] sets it.
fn csv_headers(headers: &csv::StringRecord) -> csv::StringRecord {
    headers
        .iter()
        .map(|h| if h == "outlet" { "outlet (read as written)" } else { h })
        .collect()
}

/// `7.0` → `7` (an integer written as a float, as pandas writes an integer column with
/// gaps); any other text as it is (`007`, `1.50`, `7.5`).
fn integral_as_integer(t: &str) -> &str {
    match t.split_once('.') {
        Some((int, zeros))
            if !int.trim_start_matches('-').is_empty()
                && int.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            int
        }
        _ => t,
    }
}

/// A csv error without the crate's "CSV … error: record N (line …, byte …):" prefix: the
/// problem already names the file and line.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(f) => format!("field {}: {}", f + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}
