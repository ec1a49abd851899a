//! JSONL input: any bytes, read as the lines of a `.jsonl` file.
#![no_main]
use framescope::corpus::{read_jsonl, Item};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let reader = std::io::Cursor::new(bytes.to_vec());
    for item in read_jsonl("f.jsonl".into(), reader) {
        match item {
            Item::Article(a) => assert!(!a.body.trim().is_empty() && !a.id.is_empty()),
            Item::Problem(p) => assert!(p.line.is_some()),
        }
    }
});
