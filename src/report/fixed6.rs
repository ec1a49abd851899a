//! `format!("{x:.6}")` for the numbers tables write, without the formatting machinery.
//!
//! Every score, probability and share of `scores.csv` and `sentences.csv` is a 6-decimal cell:
//! about 15 million cells at 100k articles. `format!` gets each one through Grisu (with the
//! slower Dragon fallback for a share of them) and a new `String`, about 3% of `run`'s CPU.
//! No well-kept crate formats a fixed number of decimals exactly (ryu and dtoa write the
//! shortest round-trip form), so this is written by hand, and tested against `format!`: the
//! exact value of the double times 10⁶ is an integer of at most 73 bits over a power of two,
//! so it is rounded exactly in `u128` arithmetic (half to even, as `format!` rounds).

/// Values this path formats; others (huge, infinite, NaN) go through `format!`.
const LIMIT: f64 = 1e9;

/// Write `format!("{x:.6}")` into `buf` and return its length, or `None` for a value outside
/// (−10⁹, 10⁹) or not finite.
pub(crate) fn fixed6(x: f64, buf: &mut [u8; 24]) -> Option<usize> {
    if !x.is_finite() || x.abs() >= LIMIT {
        return None;
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = m · 2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let p = u128::from(m) * 1_000_000; // < 2^73
                                       // Below LIMIT < 2^30 a normal double has e ≤ −23 and a subnormal e = −1074: x·10⁶ is p
                                       // over 2^s.
    let s = e.unsigned_abs();
    let q: u128 = if s > 100 {
        0 // p < 2^73 < half of 2^s: rounds to 0
    } else {
        let (q, rem, half) = (p >> s, p & ((1u128 << s) - 1), 1u128 << (s - 1));
        if rem > half || (rem == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    let mut n = 0;
    if negative {
        buf[0] = b'-';
        n = 1;
    }
    let (int, dec) = ((q / 1_000_000) as u64, (q % 1_000_000) as u32);
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut v = int;
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let len = digits.len() - k;
    buf[n..n + len].copy_from_slice(&digits[k..]);
    n += len;
    buf[n] = b'.';
    n += 1;
    let mut d = dec;
    for i in (0..6).rev() {
        buf[n + i] = b'0' + (d % 10) as u8;
        d /= 10;
    }
    Some(n + 6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(x: f64) -> Option<String> {
        let mut buf = [0u8; 24];
        fixed6(x, &mut buf).map(|n| String::from_utf8(buf[..n].to_vec()).unwrap())
    }

    fn check(x: f64) {
        assert_eq!(ours(x).unwrap(), format!("{x:.6}"), "{x:e} ({:#x})", x.to_bits());
    }

    #[test]
    fn hand_checked_values() {
        assert_eq!(ours(0.5).unwrap(), "0.500000");
        assert_eq!(ours(-1.25).unwrap(), "-1.250000");
        assert_eq!(ours(0.1234565).unwrap(), "0.123456"); // below the half in binary
        assert_eq!(ours(123456789.9999996).unwrap(), "123456790.000000");
        assert_eq!(ours(-0.0).unwrap(), "-0.000000");
        assert_eq!(ours(-1e-9).unwrap(), "-0.000000");
        assert_eq!(ours(5e-324).unwrap(), "0.000000");
        assert_eq!(ours(f64::NAN), None);
        assert_eq!(ours(f64::INFINITY), None);
        assert_eq!(ours(1e9), None);
    }

    #[test]
    fn exact_halves_round_as_format_does() {
        // j/128 for odd j is an exact tie at the sixth decimal (j · 7812.5 · 10⁻⁶).
        for j in -3000..3000 {
            check(j as f64 / 128.0);
        }
        // And ties at the sixth decimal of larger numbers: k + j/128.
        for k in [1.0, 7.0, 12345.0, 999_999_999.0 - 1.0] {
            for j in (1..128).step_by(2) {
                check(k + j as f64 / 128.0);
                check(-(k + j as f64 / 128.0));
            }
        }
    }

    #[test]
    fn values_next_to_every_rounding_boundary() {
        // n·10⁻⁶ + 5·10⁻⁷ and the doubles either side of it.
        for n in 0..20_000i64 {
            let x = (n as f64 + 0.5) / 1e6;
            for y in [x, f64::from_bits(x.to_bits() - 1), f64::from_bits(x.to_bits() + 1)] {
                check(y);
                check(-y);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn equals_format_on_any_double_in_range(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            match ours(x) {
                Some(s) => prop_assert_eq!(s, format!("{x:.6}")),
                None => prop_assert!(!x.is_finite() || x.abs() >= LIMIT),
            }
        }

        #[test]
        fn equals_format_on_scores(x in -200.0f64..200.0) {
            prop_assert_eq!(ours(x).unwrap(), format!("{x:.6}"));
        }
    }
}
