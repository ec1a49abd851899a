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
/// When the legend needs lines of its own ([`header_layout`]), the canvas grows by them, so
/// the body keeps the height the chart asked for.
pub fn with_header(
    path: &Path,
    height: u32,
    title: &str,
    subtitle: &[String],
    legend: &[(&str, Rgb)],
    f: impl for<'a> FnOnce(&Area<'a>, &Area<'a>) -> DrawResult,
) -> Result<Png> {
    let lines = subtitle_lines(WIDTH as i32, subtitle);
    let layout = measure_header(WIDTH as i32, title, &lines, legend);
    // Lines the wrapping added grow the canvas too.
    let wrapped = SUBTITLE_STEP * (lines.len() - subtitle.len()) as i32;
    let grown = height + (layout.legend_lines * LEGEND_LINE + wrapped) as u32;
    render(path, (WIDTH, grown), |root| -> DrawResult {
        let body = draw_header(root, &layout, title, &lines, legend)?;
        f(root, &body)
    })
}

/// The subtitle lines as drawn on a canvas `width` pixels wide: each given line word-wrapped
/// to fit between the header's margins (in the subtitle's font).
pub fn subtitle_lines(width: i32, subtitle: &[String]) -> Vec<String> {
    register_fonts();
    let style = text(SUBTITLE_PX, palette::INK);
    let w = |s: &str| style.font.box_size(s).map_or(0, |(w, _)| w as i32);
    wrap_lines(subtitle, width - 2 * SIDE, w)
}

/// Each line word-wrapped greedily to at most `max_px` (as `width_of` measures); a word wider
/// than that on its own is split between characters.
pub fn wrap_lines(lines: &[String], max_px: i32, width_of: impl Fn(&str) -> i32) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut cur = String::new();
        for word in line.split(' ') {
            let joined = match cur.is_empty() {
                true => word.to_string(),
                false => format!("{cur} {word}"),
            };
            if width_of(&joined) <= max_px {
                cur = joined;
                continue;
            }
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            for c in word.chars() {
                if !cur.is_empty() && width_of(&format!("{cur}{c}")) > max_px {
                    out.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
        }
        out.push(cur);
    }
    out
}

/// Title, optional subtitle (grey) and a legend at the top right (below the subtitle when it
/// does not fit beside the title: [`header_layout`]). Returns the area below.
pub fn header<'a>(
    root: &Area<'a>,
    title: &str,
    subtitle: &[String],
    legend: &[(&str, Rgb)],
) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    let (w, _) = root.dim_in_pixel();
    let lines = subtitle_lines(w as i32, subtitle);
    let layout = measure_header(w as i32, title, &lines, legend);
    draw_header(root, &layout, title, &lines, legend)
}

/// A box on the canvas in pixels: `x0..x1` × `y0..y1` (right and bottom exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PxBox {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PxBox {
    fn at(x: i32, y: i32, (w, h): (i32, i32)) -> PxBox {
        PxBox {
            x0: x,
            y0: y,
            x1: x + w,
            y1: y + h,
        }
    }

    /// Whether the two boxes share a pixel.
    #[cfg(test)]
    pub fn overlaps(&self, o: &PxBox) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Where [`header`] draws its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLayout {
    /// The title's text box.
    pub title: PxBox,
    /// Each subtitle line's text box.
    pub subtitle: Vec<PxBox>,
    /// Per legend entry, in order: its colour swatch and its text's box.
    pub legend: Vec<(PxBox, PxBox)>,
    /// Lines the legend takes below the subtitle (0 when it sits beside the title).
    pub legend_lines: i32,
    /// Pixels above the body: the title, the subtitle lines and any legend lines.
    pub height: i32,
}

/// Left and right margin of the header.
const SIDE: i32 = 40;
const TITLE_Y: i32 = 22;
const TITLE_PX: f64 = 34.0;
const SUBTITLE_Y: i32 = 68;
pub const SUBTITLE_STEP: i32 = 26;
const SUBTITLE_PX: f64 = 20.0;
/// Top of a legend entry beside the title.
const TITLE_LEGEND_Y: i32 = 28;
const LEGEND_PX: f64 = 22.0;
const SWATCH: i32 = 22;
/// From a swatch's left edge to its text; between one entry's text and the next swatch.
const SWATCH_TO_TEXT: i32 = 30;
const ENTRY_GAP: i32 = 28;
/// Least room between the title and a legend beside it.
const TITLE_GAP: i32 = 40;
/// Height of one legend line below the subtitle.
pub const LEGEND_LINE: i32 = 36;

/// Lay out a header `width` pixels wide: the title (`title` = its text's width and height)
/// at the top left, the grey subtitle lines under it (`subtitles`: their texts' sizes; wrap
/// them first, [`subtitle_lines`]), and the legend entries (their texts'
/// sizes), each a swatch then its text. The legend is right-aligned on the title line when
/// it fits there with [`TITLE_GAP`] to spare; else it goes below the subtitle, right-aligned,
/// on as many lines of [`LEGEND_LINE`] pixels as it needs, and the header grows by them.
pub fn header_layout(width: i32, title: (i32, i32), subtitle: &[(i32, i32)], legend: &[(i32, i32)]) -> HeaderLayout {
    let title_box = PxBox::at(SIDE, TITLE_Y, title);
    let subtitles = subtitle.len();
    let subtitle: Vec<PxBox> = subtitle
        .iter()
        .enumerate()
        .map(|(i, &size)| PxBox::at(SIDE, SUBTITLE_Y + SUBTITLE_STEP * i as i32, size))
        .collect();
    let entry_w = |(tw, _): &(i32, i32)| SWATCH_TO_TEXT + tw;
    let line_w = |es: &[(i32, i32)]| es.iter().map(entry_w).sum::<i32>() + ENTRY_GAP * (es.len() as i32 - 1).max(0);
    // Entries placed right-aligned on one line whose top is `y`.
    let place = |es: &[(i32, i32)], y: i32, out: &mut Vec<(PxBox, PxBox)>| {
        let mut x = width - SIDE - line_w(es);
        for e in es {
            out.push((PxBox::at(x, y, (SWATCH, SWATCH)), PxBox::at(x + SWATCH_TO_TEXT, y, *e)));
            x += entry_w(e) + ENTRY_GAP;
        }
    };
    let sub_extra = SUBTITLE_STEP * (subtitles as i32 - 1).max(0);
    let mut boxes = Vec::with_capacity(legend.len());
    let beside_title = width - SIDE - line_w(legend) >= title_box.x1 + TITLE_GAP;
    if legend.is_empty() || beside_title {
        place(legend, TITLE_LEGEND_Y, &mut boxes);
        return HeaderLayout {
            title: title_box,
            subtitle,
            legend: boxes,
            legend_lines: 0,
            height: HEADER + sub_extra,
        };
    }
    // Below the subtitle: fill lines left to right with as many entries as fit.
    let first_y = SUBTITLE_Y + SUBTITLE_STEP * subtitles as i32 + 8;
    let room = width - 2 * SIDE;
    let (mut start, mut lines) = (0, 0);
    while start < legend.len() {
        let mut end = start + 1;
        while end < legend.len() && line_w(&legend[start..=end]) <= room {
            end += 1;
        }
        place(&legend[start..end], first_y + LEGEND_LINE * lines, &mut boxes);
        lines += 1;
        start = end;
    }
    HeaderLayout {
        title: title_box,
        subtitle,
        legend: boxes,
        legend_lines: lines,
        height: HEADER + sub_extra + LEGEND_LINE * lines,
    }
}

/// [`header_layout`] of these texts in the header's fonts (`subtitle` as drawn: wrapped).
pub fn measure_header(width: i32, title: &str, subtitle: &[String], legend: &[(&str, Rgb)]) -> HeaderLayout {
    register_fonts();
    let size = |s: &str, style: &TextStyle| {
        let (w, h) = style.font.box_size(s).unwrap_or((0, 0));
        (w as i32, h as i32)
    };
    let lstyle = text(LEGEND_PX, palette::INK);
    let sizes: Vec<(i32, i32)> = legend.iter().map(|(name, _)| size(name, &lstyle)).collect();
    let sstyle = text(SUBTITLE_PX, palette::INK);
    let subtitle: Vec<(i32, i32)> = subtitle.iter().map(|s| size(s, &sstyle)).collect();
    header_layout(width, size(title, &bold(TITLE_PX, palette::INK)), &subtitle, &sizes)
}

fn draw_header<'a>(
    root: &Area<'a>,
    layout: &HeaderLayout,
    title: &str,
    subtitle: &[String],
    legend: &[(&str, Rgb)],
) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    root.draw(&Text::new(
        title.to_string(),
        (layout.title.x0, layout.title.y0),
        bold(TITLE_PX, palette::INK),
    ))?;
    for (i, s) in subtitle.iter().enumerate() {
        root.draw(&Text::new(
            s.clone(),
            (SIDE, SUBTITLE_Y + SUBTITLE_STEP * i as i32),
            text(SUBTITLE_PX, Rgb(0x55, 0x55, 0x55)),
        ))?;
    }
    let style = text(LEGEND_PX, palette::INK);
    for ((name, c), (swatch, label)) in legend.iter().zip(&layout.legend) {
        root.draw(&Rectangle::new(
            [(swatch.x0, swatch.y0), (swatch.x1, swatch.y1)],
            rgb(*c).filled(),
        ))?;
        root.draw(&Text::new(name.to_string(), (label.x0, label.y0), style.clone()))?;
    }
    Ok(root.clone().margin(layout.height, 0, 0, 0))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn no_overlaps(l: &HeaderLayout) {
        for (i, (swatch, label)) in l.legend.iter().enumerate() {
            assert!(
                !l.title.overlaps(swatch) && !l.title.overlaps(label),
                "entry {i} hits the title: {l:?}"
            );
            for (s2, l2) in &l.legend[i + 1..] {
                assert!(
                    ![s2, l2].iter().any(|b| b.overlaps(swatch) || b.overlaps(label)),
                    "{l:?}"
                );
            }
        }
    }

    #[test]
    fn a_legend_that_fits_beside_the_title_stays_there() {
        // Entries 230 + 240 + 330 wide (swatch to text 30 each) and two gaps of 28: 856, from
        // x = 1600 - 40 - 856 = 704, which leaves 704 - 440 = 264 ≥ 40 after a 400-pixel title.
        let l = header_layout(1600, (400, 40), &[(800, 20)], &[(200, 26), (210, 26), (300, 26)]);
        assert_eq!(
            l.title,
            PxBox {
                x0: 40,
                y0: 22,
                x1: 440,
                y1: 62
            }
        );
        assert_eq!(
            l.legend[0].0,
            PxBox {
                x0: 704,
                y0: 28,
                x1: 726,
                y1: 50
            }
        );
        assert_eq!(
            l.legend[2].1,
            PxBox {
                x0: 1260,
                y0: 28,
                x1: 1560,
                y1: 54
            }
        );
        assert_eq!((l.legend_lines, l.height), (0, HEADER));
        no_overlaps(&l);
    }

    #[test]
    fn a_long_title_puts_the_legend_on_its_own_line_below_the_subtitle() {
        // The same legend after a 900-pixel title would start at 704 < 40 + 900 + 40: it moves
        // to y = 68 + 26 × 1 + 8 = 102 (under one subtitle line), still right-aligned.
        let l = header_layout(1600, (900, 40), &[(800, 20)], &[(200, 26), (210, 26), (300, 26)]);
        let tops: Vec<i32> = l.legend.iter().map(|(s, _)| s.y0).collect();
        assert_eq!(tops, [102, 102, 102]);
        assert_eq!(l.legend[0].0.x0, 704);
        assert_eq!(
            l.legend[1].1,
            PxBox {
                x0: 992,
                y0: 102,
                x1: 1202,
                y1: 128
            }
        );
        assert_eq!(l.legend[2].1.x1, 1560);
        assert_eq!((l.legend_lines, l.height), (1, HEADER + 36));
        no_overlaps(&l);
        // Below the subtitle line (68..94), not over it.
        assert!(l.legend.iter().all(|(s, t)| s.y0 >= 94 && t.y0 >= 94));
    }

    #[test]
    fn a_legend_wider_than_the_canvas_takes_several_lines() {
        // Two entries of 730 and a gap: 1488 ≤ 1600 - 80; a third does not fit beside them.
        let l = header_layout(1600, (500, 40), &[(800, 20); 2], &[(700, 26), (700, 26), (700, 26)]);
        let tops: Vec<i32> = l.legend.iter().map(|(s, _)| s.y0).collect();
        assert_eq!(tops, [128, 128, 164]);
        assert_eq!(l.legend[2].0.x0, 1600 - 40 - 730);
        assert_eq!((l.legend_lines, l.height), (2, HEADER + 26 + 72));
        no_overlaps(&l);
    }

    #[test]
    fn the_before_after_header_does_not_run_its_title_into_the_legend() {
        // The fault seen in before_after.png, measured in the real fonts.
        let legend = [
            ("moved toward Kremlin", palette::KREMLIN),
            ("moved toward Western", palette::WESTERN),
            ("unchanged (|change| ≤ 0.0005)", palette::NEUTRAL),
        ];
        let title = "Framing score before and after retraining";
        let l = measure_header(WIDTH as i32, title, &["one line".into()], &legend);
        assert!(l.title.x1 > 600, "{l:?}");
        no_overlaps(&l);
        assert!(l.legend.iter().all(|(s, t)| s.x0 >= 0 && t.x1 <= WIDTH as i32));
        // The canvas grows by the legend's line, so the body keeps its height.
        let png = with_header(
            Path::new("t.png"),
            1000,
            title,
            &["one line".into()],
            &legend,
            |_, body| {
                assert_eq!(body.dim_in_pixel().1 as i32, 1000 + 36 - l.height);
                Ok(())
            },
        )
        .unwrap();
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!((img.width(), img.height()), (WIDTH, 1036));
    }

    #[test]
    fn subtitles_wrap_at_words_to_fit_the_canvas() {
        // Every character 10 pixels wide, 100 to a line.
        let w = |s: &str| 10 * s.chars().count() as i32;
        let lines = wrap_lines(&["aaa bbb ccc".into(), "dddddddddddd e".into()], 75, w);
        assert_eq!(lines, ["aaa bbb", "ccc", "ddddddd", "ddddd e"]);
        assert_eq!(wrap_lines(&["".into()], 75, w), [""]);
    }

    /// The subtitle every chart drew past the canvas edge in review 19 (`framing_arc.png`
    /// with a note line), laid out in the real fonts.
    #[test]
    fn a_long_subtitle_fits_the_canvas_and_pushes_the_legend_down() {
        let sub = [
            super::super::arc::subtitle(0.6, 0.4),
            "showing the 6 most Kremlin- and 6 most Western-framed of 73 articles".to_string(),
        ];
        let legend = [
            ("Kremlin sentence", palette::KREMLIN),
            ("neutral", palette::NEUTRAL),
            ("Western sentence", palette::WESTERN),
        ];
        let lines = subtitle_lines(WIDTH as i32, &sub);
        assert!(lines.len() > sub.len(), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), sub.concat().replace(' ', ""));
        let l = measure_header(
            WIDTH as i32,
            "Framing arc: p_kremlin sentence by sentence",
            &lines,
            &legend,
        );
        assert_eq!(l.subtitle.len(), lines.len());
        for b in &l.subtitle {
            assert!(b.x0 >= SIDE && b.x1 <= WIDTH as i32 - SIDE, "{b:?}");
        }
        no_overlaps(&l);
        let below = l.subtitle.last().unwrap().y1;
        assert!(l.height >= below, "{l:?}");
        // The canvas grows by the added line, so the body keeps the height asked for.
        let png = with_header(Path::new("t.png"), 1000, "t", &sub, &legend, |_, body| {
            assert_eq!(
                body.dim_in_pixel().1 as i32,
                1000 - HEADER - SUBTITLE_STEP * (sub.len() as i32 - 1)
            );
            Ok(())
        })
        .unwrap();
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!(
            img.height() as i32,
            1000 + SUBTITLE_STEP * (lines.len() - sub.len()) as i32
        );
    }
}
