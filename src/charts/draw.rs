//! Shared drawing helpers: fonts, in-memory rendering and PNG encoding, titles and legends.

use crate::error::{Error, Result};
use crate::style::palette::{self, Rgb};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;
use std::sync::Once;

pub type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;
pub type DrawResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// Canvas width of every chart; heights are at least [`MIN_HEIGHT`] and grow with rows.
pub const WIDTH: u32 = 1600;
pub const MIN_HEIGHT: u32 = 1000;
/// Height of the title block drawn by [`header`].
pub const HEADER: i32 = 120;

/// Register DejaVu Sans (regular and bold) as plotters' `sans-serif`, once per process.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are a valid TrueType font compiled into the binary: registration
        // cannot fail, and a failure would only show up as missing text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular());
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

pub fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Regular text of `size` pixels in `c`.
pub fn text(size: f64, c: Rgb) -> TextStyle<'static> {
    TextStyle {
        font: ("sans-serif", size).into_font(),
        color: rgb(c).to_backend_color(),
        pos: Pos::default(),
    }
}

pub fn bold(size: f64, c: Rgb) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FontFamily::SansSerif, size, FontStyle::Bold),
        color: rgb(c).to_backend_color(),
        pos: Pos::default(),
    }
}

/// Anchor a text style: `h` = left/centre/right, `v` = top/centre/bottom.
pub fn anchored(s: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    s.pos(Pos::new(h, v))
}

/// A chart encoded as PNG, for the caller to write.
pub type Png = Vec<u8>;

/// Draw into a white `width × height` canvas and encode it as PNG. `path` is where the chart
/// will go, named in errors; nothing is written.
pub fn render(path: &Path, (width, height): (u32, u32), f: impl FnOnce(&Area) -> DrawResult) -> Result<Png> {
    register_fonts();
    let err = |m: String| Error::Chart {
        path: path.to_path_buf(),
        message: m,
    };
    let mut buf = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        f(&root).map_err(|e| err(e.to_string()))?;
        root.present().map_err(|e| err(e.to_string()))?;
    }
    let mut png_bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_bytes, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // Charts are mostly flat colour: real compression makes them several times smaller.
        enc.set_compression(png::Compression::Default);
        let mut w = enc.write_header().map_err(|e| err(e.to_string()))?;
        w.write_image_data(&buf).map_err(|e| err(e.to_string()))?;
    }
    Ok(png_bytes)
}

/// A chart of `height` pixels under a header ([`header`]: title, subtitle lines, legend);
/// `f` draws into the body below it (given the whole area too, for labels in the margins).
pub fn with_header(
    path: &Path,
    height: u32,
    title: &str,
    subtitle: &[String],
    legend: &[(&str, Rgb)],
    f: impl for<'a> FnOnce(&Area<'a>, &Area<'a>) -> DrawResult,
) -> Result<Png> {
    render(path, (WIDTH, height), |root| -> DrawResult {
        let body = header(root, title, subtitle, legend)?;
        f(root, &body)
    })
}

/// Title, optional subtitle (grey) and a legend at the top right. Returns the area below.
pub fn header<'a>(
    root: &Area<'a>,
    title: &str,
    subtitle: &[String],
    legend: &[(&str, Rgb)],
) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    root.draw(&Text::new(title.to_string(), (40, 22), bold(34.0, palette::INK)))?;
    for (i, s) in subtitle.iter().enumerate() {
        root.draw(&Text::new(
            s.clone(),
            (40, 68 + 26 * i as i32),
            text(20.0, Rgb(0x55, 0x55, 0x55)),
        ))?;
    }
    // Legend, right-aligned on the title line.
    let (w, _) = root.dim_in_pixel();
    let style = text(22.0, palette::INK);
    let mut x = w as i32 - 40;
    for (name, c) in legend.iter().rev() {
        let (tw, _) = root.estimate_text_size(name, &style)?;
        x -= tw as i32;
        root.draw(&Text::new(name.to_string(), (x, 28), style.clone()))?;
        x -= 30;
        root.draw(&Rectangle::new([(x, 28), (x + 22, 50)], rgb(*c).filled()))?;
        x -= 28;
    }
    let extra = (subtitle.len().saturating_sub(1) * 26) as i32;
    Ok(root.clone().margin(HEADER + extra, 0, 0, 0))
}

/// Width in pixels of `s` in `style`.
pub fn text_width(area: &Area, s: &str, style: &TextStyle) -> i32 {
    area.estimate_text_size(s, style).map(|d| d.0 as i32).unwrap_or(0)
}

/// `s` cut (with `…`) until it fits in `max_px` pixels.
pub fn fit_text(area: &Area, s: &str, style: &TextStyle, max_px: i32) -> String {
    if text_width(area, s, style) <= max_px {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let t: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &t, style) <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>() + "…"
}

/// Height for `rows` rows of `row_px` pixels plus `fixed` pixels, at least [`MIN_HEIGHT`].
pub fn height_for(rows: usize, row_px: u32, fixed: u32) -> u32 {
    (fixed + rows as u32 * row_px).max(MIN_HEIGHT)
}
