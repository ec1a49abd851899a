//! Tests of `overlap`.

use super::*;

/// Size of the intersection of two sorted, deduplicated lists.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The fingerprints of some sentences (3-shingles).
pub(super) fn prints(sents: &[&str]) -> Vec<SentencePrint> {
    sents.iter().map(|s| fingerprint(s, 3)).collect()
}

#[test]
fn exact_after_normalisation_and_near_by_jaccard() {
    let a = prints(&[
        "“Our Western partners — as you call them,” he said.",
        "Washington has estimated that some 30,000 Russian troops have deployed to Belarus.",
        "Something only A says about the weather today.",
    ]);
    let b = prints(&[
        "\"Our western partners - as you call them\" he said",
        // "30,000" is two tokens (30, 000). B: 12 words → 10 shingles; A's sentence has
        // 13 words → 11 shingles. The first 9 shingles are common ("washington has
        // estimated" … "troops have deployed"), so Jaccard = 9 / (11 + 10 − 9) = 0.75.
        "Washington has estimated that some 30,000 Russian troops have deployed there.",
    ]);
    let m = find_matches(&[a.clone(), b.clone()], &OverlapParams::default()).unwrap();
    assert_eq!(m[0][0].len(), 1);
    assert!(m[0][0][0].exact && m[0][0][0].similarity == 1.0);
    assert!(!m[0][1][0].exact);
    assert!(
        (m[0][1][0].similarity - 0.75).abs() < 1e-12,
        "{}",
        m[0][1][0].similarity
    );
    assert!(m[0][2].is_empty());
    // Symmetric.
    assert_eq!(m[1][1][0].sentence, 1);
    // Above the threshold the pair is gone.
    let strict = OverlapParams {
        near_threshold: 0.76,
        ..Default::default()
    };
    assert!(find_matches(&[a, b], &strict).unwrap()[0][1].is_empty());
}

/// Prefix filtering finds exactly the pairs an all-pairs Jaccard computation finds.
#[test]
fn prefix_filtering_equals_brute_force() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let words = ["aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"];
    let arts: Vec<Vec<SentencePrint>> = (0..12)
        .map(|_| {
            (0..6)
                .map(|_| {
                    let n = rng.gen_range(1..9);
                    let s: Vec<&str> = (0..n).map(|_| words[rng.gen_range(0..words.len())]).collect();
                    fingerprint(&s.join(" "), 3)
                })
                .collect()
        })
        .collect();
    for t in [0.3, 0.5, 0.8] {
        let params = OverlapParams {
            near_threshold: t,
            max_matches: usize::MAX,
            ..Default::default()
        };
        let got = find_matches(&arts, &params).unwrap();
        let near = got.iter().flatten().flatten().filter(|m| !m.exact).count();
        assert!(
            t > 0.5 || near > 0,
            "t={t}: the test needs near (not exact) matches to mean something"
        );
        for (a, sents) in arts.iter().enumerate() {
            for (i, p) in sents.iter().enumerate() {
                // Brute force: best similarity per other article.
                let mut want: Vec<(usize, f64)> = Vec::new();
                for (b, other) in arts.iter().enumerate().filter(|(b, _)| *b != a) {
                    let best = other
                        .iter()
                        .filter(|q| q.words > 0 && p.words > 0)
                        .map(|q| {
                            if q.exact == p.exact {
                                1.0
                            } else {
                                let c = intersection(&p.shingles, &q.shingles);
                                c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64
                            }
                        })
                        .filter(|&j| j >= t)
                        .fold(None, |m: Option<f64>, j| Some(m.map_or(j, |m| m.max(j))));
                    if let Some(j) = best {
                        want.push((b, j));
                    }
                }
                let have: Vec<(usize, f64)> = got[a][i].iter().map(|m| (m.article, m.similarity)).collect();
                assert_eq!(have, want, "t={t} article {a} sentence {i}");
            }
        }
    }
}

/// All pairs, the slow way: for each sentence, the best match in each other article
/// (highest Jaccard, exact = 1.0; ties to the lowest sentence index), capped at
/// `max_matches` (the most similar, ties by article order).
fn brute_force(arts: &[Vec<SentencePrint>], params: &OverlapParams) -> Vec<Vec<Vec<Match>>> {
    let t = params.near_threshold;
    arts.iter()
        .enumerate()
        .map(|(a, sents)| {
            sents
                .iter()
                .map(|p| {
                    let mut v: Vec<Match> = Vec::new();
                    for (b, other) in arts.iter().enumerate().filter(|(b, _)| *b != a) {
                        let mut best: Option<Match> = None;
                        for (j, q) in other.iter().enumerate().filter(|(_, q)| q.words > 0 && p.words > 0) {
                            let exact = q.exact == p.exact;
                            let c = intersection(&p.shingles, &q.shingles);
                            let s = if exact {
                                1.0
                            } else {
                                c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64
                            };
                            if s >= t && best.as_ref().is_none_or(|m| s > m.similarity) {
                                best = Some(Match {
                                    article: b,
                                    sentence: j,
                                    similarity: s,
                                    exact,
                                });
                            }
                        }
                        v.extend(best);
                    }
                    while v.len() > params.max_matches {
                        // Drop the least similar, the last article among equals.
                        let worst = (0..v.len())
                            .min_by(|&x, &y| v[x].similarity.total_cmp(&v[y].similarity).then(y.cmp(&x)))
                            .unwrap();
                        v.remove(worst);
                    }
                    v
                })
                .collect()
        })
        .collect()
}

/// Templated text, like the synthetic corpora (and wire copy): sentences drawn from a
/// few templates with some words replaced, so that near duplicates, exact repeats,
/// repeats within an article and shingles common to most sentences all occur.
fn templated(seed: u64, n_articles: usize) -> Vec<Vec<SentencePrint>> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let templates: Vec<Vec<String>> = (0..6)
        .map(|k| {
            let n = rng.gen_range(2..16);
            let mut w: Vec<String> = vec!["the".into(), "kremlin".into(), "said".into()];
            w.extend((0..n).map(|i| format!("w{}", (i * 7 + k) % 11)));
            w
        })
        .collect();
    (0..n_articles)
        .map(|_| {
            (0..rng.gen_range(0..9))
                .map(|_| {
                    let mut w = templates[rng.gen_range(0..templates.len())].clone();
                    for _ in 0..rng.gen_range(0..4) {
                        let at = rng.gen_range(0..w.len());
                        w[at] = format!("x{}", rng.gen_range(0..5));
                    }
                    w.truncate(rng.gen_range(0..=w.len()));
                    fingerprint(&w.join(" "), 3)
                })
                .collect()
        })
        .collect()
}

/// The indexed, once-per-pair, early-stopping search returns exactly what comparing
/// every pair returns: same matches, same sentence, same similarity bits, same order.
#[test]
fn find_matches_equals_all_pairs_on_templated_text() {
    let mut near = 0;
    for seed in 0..6 {
        let arts = templated(seed, 40);
        for t in [0.2, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0] {
            for max_matches in [2, 5, usize::MAX] {
                let params = OverlapParams {
                    near_threshold: t,
                    max_matches,
                    ..Default::default()
                };
                let got = find_matches(&arts, &params).unwrap();
                assert_eq!(got, brute_force(&arts, &params), "seed {seed} t={t} max {max_matches}");
                near += got.iter().flatten().flatten().filter(|m| !m.exact).count();
            }
        }
    }
    assert!(
        near > 1000,
        "the test needs many near matches to mean something: {near}"
    );
}

/// Audit finding (session 24): one sentence repeated 200,000 times in one article took
/// the comparison 5 minutes (every copy probed every other). Copies are one group now;
/// the matches are still those of the all-pairs computation, copies within and across
/// articles, exact and near.
#[test]
fn repeated_sentences_match_as_all_pairs_do() {
    let s1 = "the kremlin said the drills were purely defensive and would end soon";
    let s1_near = "the kremlin said the drills were purely defensive and would end on sunday";
    let s2 = "moscow backed separatists shelled the village near the front line again";
    let s2_near = "moscow backed separatists shelled a village near the front line again";
    let s3 = "talks resumed in geneva on friday after a long pause in the negotiations";
    let rep = |s: &'static str, n: usize| std::iter::repeat_n(s, n);
    let a: Vec<&str> = rep(s1, 50).chain(rep(s2, 3)).chain([s3, "", s1]).collect();
    let b: Vec<&str> = [s3]
        .into_iter()
        .chain(rep(s1, 5))
        .chain(rep(s1_near, 4))
        .chain([s2])
        .collect();
    let c: Vec<&str> = [s2_near]
        .into_iter()
        .chain(rep(s3, 10))
        .chain(rep(s1_near, 2))
        .collect();
    let arts = vec![prints(&a), prints(&b), prints(&c), prints(&a)];
    for t in [0.3, 0.6, 0.9, 1.0] {
        for max_matches in [1, 2, usize::MAX] {
            let params = OverlapParams {
                near_threshold: t,
                max_matches,
                ..Default::default()
            };
            let got = find_matches(&arts, &params).unwrap();
            assert_eq!(got, brute_force(&arts, &params), "t={t} max {max_matches}");
            if t == 0.3 {
                assert!(
                    got.iter().flatten().flatten().any(|m| !m.exact),
                    "no near match to check"
                );
            }
        }
    }
}

#[test]
fn matches_per_sentence_are_capped_most_similar_first() {
    let same = prints(&["one two three four five"]);
    let near = prints(&["one two three four five six"]); // Jaccard 3/4
    let arts = vec![same.clone(), near, same.clone(), same];
    let params = OverlapParams {
        max_matches: 2,
        ..Default::default()
    };
    let m = find_matches(&arts, &params).unwrap();
    // Article 0 matches 1 (near), 2 and 3 (exact): the two exact ones are kept.
    let kept: Vec<usize> = m[0][0].iter().map(|x| x.article).collect();
    assert_eq!(kept, [2, 3]);
}

/// Review, session 48: short sentences that differ in one number are pairwise near, so their
/// pairs grow with the square of their number (8,000 took 2 GB, 100,000 in one article 17 GB).
/// The comparison stops past `max_near_pairs`, exactly when the pairs counted by brute force
/// (distinct prints, Jaccard ≥ t) pass it, on one thread or several.
#[test]
fn the_comparison_stops_exactly_past_its_pair_budget_whatever_the_threads() {
    let sentences: Vec<String> = (0..300)
        .map(|i| format!("paragraph {i} shows the weather of paris continued today"))
        .collect();
    let one: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let arts = vec![prints(&one[..150]), prints(&one[150..])];
    let t = OverlapParams::default().near_threshold;
    // Copies are one group (one print): pairs of distinct prints are what is compared.
    let mut all: Vec<&SentencePrint> = arts.iter().flatten().collect();
    all.sort_by_key(|p| p.exact);
    all.dedup_by_key(|p| p.exact);
    let mut pairs = 0;
    for (i, p) in all.iter().enumerate() {
        for q in &all[..i] {
            let c = intersection(&p.shingles, &q.shingles);
            let j = c as f64 / (p.shingles.len() + q.shingles.len() - c) as f64;
            if p.exact != q.exact && j >= t {
                pairs += 1;
            }
        }
    }
    assert!(
        pairs > 40_000,
        "the sentences must be pairwise near to test anything: {pairs}"
    );
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let with = |budget| {
            let params = OverlapParams {
                max_near_pairs: budget,
                ..Default::default()
            };
            pool.install(|| find_matches(&arts, &params))
        };
        assert_eq!(
            with(pairs - 1),
            Err(TooManyNearPairs { limit: pairs - 1 }),
            "{threads} thread(s)"
        );
        assert_eq!(
            with(pairs),
            Ok(brute_force(&arts, &OverlapParams::default())),
            "{threads} thread(s)"
        );
    }
}
