//! The seed articles built into the binary, so `framescope run` (and the Python package)
//! works from any folder: an installed binary has no `seeds/` beside it. The input name
//! `<built-in>/seeds` stands for them wherever a path is accepted.

use super::reader::text_items;
use super::{Article, Item, Source};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the built-in seeds claim to come from in messages, run.json and model.json.
pub const BUILTIN_SEEDS_NAME: &str = "<built-in>/seeds";

/// The repository's `seeds/*.txt`, as built in (a test checks the list matches the folder).
pub const BUILTIN_SEEDS: &[(&str, &str)] = &[
    (
        "000_d73d1625d48df82f.txt",
        include_str!("../../seeds/000_d73d1625d48df82f.txt"),
    ),
    (
        "001_b842e1f178b2f794.txt",
        include_str!("../../seeds/001_b842e1f178b2f794.txt"),
    ),
    (
        "002_e22fc656f51a6888.txt",
        include_str!("../../seeds/002_e22fc656f51a6888.txt"),
    ),
    (
        "003_543d731998cd08ce.txt",
        include_str!("../../seeds/003_543d731998cd08ce.txt"),
    ),
    (
        "004_994e15704f090877.txt",
        include_str!("../../seeds/004_994e15704f090877.txt"),
    ),
];

/// The built-in seed articles, read exactly as the `.txt` files are (id = file stem, headline
/// on line 1), their origin `<built-in>/seeds/NAME`.
pub fn builtin_seed_articles() -> Vec<Article> {
    BUILTIN_SEEDS
        .iter()
        .flat_map(|(name, text)| text_items(&Path::new(BUILTIN_SEEDS_NAME).join(name), text.as_bytes(), None))
        .filter_map(|item| match item {
            Item::Article(a) => Some(a),
            // The seeds are plain UTF-8 text; a test checks nothing is reported for them.
            Item::Problem(_) => None,
        })
        .collect()
}

/// The built-in seeds as one in-memory source, named [`BUILTIN_SEEDS_NAME`]: what
/// [`super::expand_paths`] makes of that name.
pub fn builtin_seeds() -> Source {
    Source::Memory {
        name: PathBuf::from(BUILTIN_SEEDS_NAME),
        articles: Arc::new(builtin_seed_articles()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{expand_paths, ArticleReader};

    fn articles(sources: Vec<Source>) -> Vec<Article> {
        ArticleReader::new(sources)
            .map(|i| match i {
                Item::Article(a) => a,
                Item::Problem(p) => panic!("{p}"),
            })
            .collect()
    }

    #[test]
    fn built_in_seeds_are_the_seeds_folder_read_the_same_way() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (on_disk, problems) = expand_paths(&[root.join("seeds")]).unwrap();
        assert!(problems.is_empty());
        let disk = articles(on_disk);
        let built = articles(vec![builtin_seeds()]);
        assert_eq!(disk.len(), built.len(), "seeds/ and BUILTIN_SEEDS list different files");
        for (d, b) in disk.iter().zip(&built) {
            let fields = |a: &Article| (a.id.clone(), a.title.clone(), a.body.clone(), a.label, a.lang.clone());
            assert_eq!(fields(d), fields(b));
            assert_eq!(b.origin, format!("{BUILTIN_SEEDS_NAME}/{}.txt", d.id));
        }
        // Nothing was dropped as a problem on the way.
        let items: usize = BUILTIN_SEEDS
            .iter()
            .map(|(n, t)| text_items(&Path::new(BUILTIN_SEEDS_NAME).join(n), t.as_bytes(), None).len())
            .sum();
        assert_eq!(items, BUILTIN_SEEDS.len());
        // The name works wherever a path does.
        let (named, _) = expand_paths(&[PathBuf::from(BUILTIN_SEEDS_NAME)]).unwrap();
        assert_eq!(articles(named), built);
    }
}
