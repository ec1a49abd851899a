//! The one palette of every chart and of the HTML report, from Okabe & Ito's colour-blind-safe
//! set: vermillion for Kremlin-sourced framing, blue for Western-sourced, grey for neutral.
//! Plain RGB triples (no plotters types), so non-chart code (the HTML report) can share them.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Linear blend: `t = 0` gives `self`, `t = 1` gives `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// Kremlin-sourced framing: Okabe–Ito vermillion `#D55E00`.
pub const KREMLIN: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Western-sourced framing: Okabe–Ito blue `#0072B2`.
pub const WESTERN: Rgb = Rgb(0x00, 0x72, 0xB2);
/// Neutral sentences / balanced articles: mid grey `#999999`.
pub const NEUTRAL: Rgb = Rgb(0x99, 0x99, 0x99);
/// Text and axes.
pub const INK: Rgb = Rgb(0x22, 0x22, 0x22);
/// Light grid lines and backgrounds.
pub const FAINT: Rgb = Rgb(0xE6, 0xE6, 0xE6);
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
/// Dark end of the sequential scale of the similarity heatmap (Okabe–Ito bluish green,
/// darkened), which avoids the two side colours so similarity is not read as a side.
pub const SEQ_DARK: Rgb = Rgb(0x00, 0x4D, 0x38);
pub const SEQ_MID: Rgb = Rgb(0x00, 0x9E, 0x73);

/// Colour of one side's name (`"kremlin"`, `"western"`, anything else neutral).
pub fn side(name: &str) -> Rgb {
    match name {
        "kremlin" => KREMLIN,
        "western" => WESTERN,
        _ => NEUTRAL,
    }
}

/// The diverging scale for a probability of Kremlin framing: blue at 0, near-white at 0.5,
/// vermillion at 1.
pub fn diverging(p_kremlin: f64) -> Rgb {
    let p = if p_kremlin.is_finite() {
        p_kremlin.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let centre = Rgb(0xF7, 0xF7, 0xF7);
    if p >= 0.5 {
        centre.mix(KREMLIN, (p - 0.5) * 2.0)
    } else {
        centre.mix(WESTERN, (0.5 - p) * 2.0)
    }
}

/// The sequential scale of the similarity heatmap: white at 0, bluish green at 0.5, dark
/// green at 1.
pub fn sequential(v: f64) -> Rgb {
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    if v <= 0.5 {
        WHITE.mix(SEQ_MID, v * 2.0)
    } else {
        SEQ_MID.mix(SEQ_DARK, (v - 0.5) * 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_hit_their_end_points_and_centre() {
        assert_eq!(diverging(1.0), KREMLIN);
        assert_eq!(diverging(0.0), WESTERN);
        assert_eq!(diverging(0.5), Rgb(0xF7, 0xF7, 0xF7));
        assert_eq!(diverging(f64::NAN), diverging(0.5));
        assert_eq!(sequential(0.0), WHITE);
        assert_eq!(sequential(1.0), SEQ_DARK);
        assert_eq!(KREMLIN.hex(), "#d55e00");
        assert_eq!(side("western"), WESTERN);
    }

    #[test]
    fn diverging_is_monotone_towards_each_side() {
        // More Kremlin → less blue channel; more Western → less red channel.
        let b: Vec<u8> = [0.5, 0.7, 0.9].iter().map(|&p| diverging(p).2).collect();
        assert!(b[0] > b[1] && b[1] > b[2], "{b:?}");
        let r: Vec<u8> = [0.5, 0.3, 0.1].iter().map(|&p| diverging(p).0).collect();
        assert!(r[0] > r[1] && r[1] > r[2], "{r:?}");
    }
}
