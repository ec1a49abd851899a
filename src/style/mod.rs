//! Presentation shared by the charts and the HTML report: the colour [`palette`] and how a
//! signed number is shown ([`signed`]). A leaf: it depends on nothing else in the crate, so
//! `charts` and `report` can both use it without depending on each other.

pub mod palette;

/// Items named in a message: the first `shown` in backquotes, comma-separated, then
/// "and N more" (`a`, `b` and 3 more).
pub fn named<S: std::fmt::Display>(items: &[S], shown: usize) -> String {
    let mut s = items
        .iter()
        .take(shown)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > shown {
        s.push_str(&format!(" and {} more", items.len() - shown));
    }
    s
}

/// A signed number with `decimals` places, never showing "-0.00".
pub fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{v:+.decimals$}");
    if s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// An interval bound as [`signed`], but never rounded to zero when it is not zero: a
/// bound whose side decides a label (an interval containing 0 is undecided) keeps its sign.
/// `decimals` digits, more when they would all be 0 (up to 6, the tables' precision: a bound
/// the tables write as 0 prints as 0, with `decimals` digits like an exact 0: a zero-width
/// interval printed `[0.00, 0.000000]`).
pub fn bound(v: f64, decimals: usize) -> String {
    let zero = |d: usize| format!("{:.d$}", v.abs()).bytes().all(|c| c == b'0' || c == b'.');
    let mut d = decimals;
    while d < 6 && v != 0.0 && zero(d) {
        d += 1;
    }
    if zero(d) {
        return signed(0.0, decimals);
    }
    signed(v, d)
}

/// Whole percents of shares that sum to 1 (an article's Kremlin, neutral and Western shares),
/// rounded so they sum to 100: each rounded down, then the largest remainders take the points
/// left (ties to the earlier share). Review K, session 51: 2/7, 3/7, 2/7 showed as 29/43/29.
/// Shares that do not sum to 1 (within half a unit of the tables' sixth decimal per share:
/// 4/6, 1/6, 1/6 are written 0.666667, 0.166667, 0.166667, which sum to 1.000001) are
/// rounded each on its own.
pub fn percents<const N: usize>(shares: [f64; N]) -> [i64; N] {
    let total: f64 = shares.iter().sum();
    if (total - 1.0).abs() > 0.5e-6 * N as f64 + 1e-12 {
        return shares.map(|v| (v * 100.0).round() as i64);
    }
    let mut out = shares.map(|v| (v * 100.0 + 1e-9).floor() as i64);
    let left = 100 - out.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..N).collect();
    order.sort_by(|&a, &b| {
        let r = |i: usize| shares[i] * 100.0 - out[i] as f64;
        r(b).total_cmp(&r(a)).then(a.cmp(&b))
    });
    for &i in order.iter().take(left.max(0) as usize) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn percents_of_shares_sum_to_a_hundred() {
        // 2/7, 3/7, 2/7 = 28.57, 42.86, 28.57: floors 28, 42, 28 (98), remainders 0.571,
        // 0.857, 0.571; the 2 points left go to the neutral share, then the first of the tie.
        assert_eq!(super::percents([2.0 / 7.0, 3.0 / 7.0, 2.0 / 7.0]), [29, 43, 28]);
        assert_eq!(super::percents([1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0]), [34, 33, 33]);
        assert_eq!(super::percents([0.25, 0.5, 0.25]), [25, 50, 25]);
        assert_eq!(super::percents([0.0, 1.0, 0.0]), [0, 100, 0]);
        // Not a whole: each rounded.
        assert_eq!(super::percents([0.126, 0.5]), [13, 50]);
        // Review V: shares as the tables write them (six decimals) still sum to 100: 4/6,
        // 1/6, 1/6 → 66.67, 16.67, 16.67: floors 66, 16, 16, and the two points left go to
        // the first two of the tied remainders.
        assert_eq!(super::percents([0.666667, 0.166667, 0.166667]), [67, 17, 16]);
        assert_eq!(super::percents([0.076923, 0.615385, 0.307692]), [8, 61, 31]);
    }

    #[test]
    fn named_lists_the_first_items_and_counts_the_rest() {
        use super::named;
        assert_eq!(named::<&str>(&[], 5), "");
        assert_eq!(named(&["a"], 5), "`a`");
        assert_eq!(named(&["a", "b", "c"], 2), "`a`, `b` and 1 more");
        assert_eq!(named(&[1, 2], 2), "`1`, `2`");
    }

    #[test]
    fn bounds_keep_the_sign_that_decides_a_label() {
        assert_eq!(super::bound(0.004, 2), "+0.004");
        assert_eq!(super::bound(-0.0042, 2), "-0.004");
        assert_eq!(super::bound(0.00004, 3), "+0.00004");
        assert_eq!(super::bound(0.432, 2), "+0.43");
        assert_eq!(super::bound(0.0, 2), "0.00");
        assert_eq!(super::bound(-0.0000001, 2), "0.00");
        assert_eq!(super::bound(0.0000004, 3), "0.000");
    }

    #[test]
    fn signed_numbers_never_show_minus_zero() {
        assert_eq!(super::signed(-0.0001, 2), "0.00");
        assert_eq!(super::signed(0.25, 2), "+0.25");
        assert_eq!(super::signed(-0.107, 3), "-0.107");
    }
}
