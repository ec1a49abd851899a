//! Read articles and count them, nothing else: the input readers' speed alone (issue 20's
//! Parquet vs JSONL measurement). `cargo run --release --example read_speed -- FILE…`
//! prints `articles problems body_bytes seconds`.

use framescope::corpus::{expand_paths, ArticleReader, Item};

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let t = std::time::Instant::now();
    let (sources, _) = expand_paths(&paths).expect("inputs exist");
    let (mut articles, mut problems, mut bytes) = (0usize, 0usize, 0usize);
    for item in ArticleReader::new(sources) {
        match item {
            Item::Article(a) => {
                articles += 1;
                bytes += a.body.len();
            }
            Item::Problem(_) => problems += 1,
        }
    }
    println!("{articles} {problems} {bytes} {:.3}", t.elapsed().as_secs_f64());
}
