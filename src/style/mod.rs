//! Presentation shared by the charts and the HTML report: the colour [`palette`] and how a
//! signed number is shown ([`signed`]). A leaf: it depends on nothing else in the crate, so
//! `charts` and `report` can both use it without depending on each other.

pub mod palette;

/// A signed number with `decimals` places, never showing "-0.00".
pub fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{v:+.decimals$}");
    if s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn signed_numbers_never_show_minus_zero() {
        assert_eq!(super::signed(-0.0001, 2), "0.00");
        assert_eq!(super::signed(0.25, 2), "+0.25");
        assert_eq!(super::signed(-0.107, 3), "-0.107");
    }
}
