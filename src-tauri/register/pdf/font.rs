//! The register's one font, shipped in `assets/fonts/` (Noto Serif SC, OFL-1.1), and
//! text measuring with its own glyph advances. No system font is ever used.

use std::sync::OnceLock;

use printpdf::ParsedFont;

pub static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/NotoSerifSC-Regular.ttf");

/// Millimetres per typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// The parsed font, parsed once per process (it takes tens of milliseconds).
pub fn font() -> Option<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| {
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(FONT_BYTES, 0, &mut warnings)
    })
    .as_ref()
}

/// Widths of characters at a size, from the font's advances.
pub struct Measure {
    font: &'static ParsedFont,
    units_per_em: f32,
}

impl Measure {
    pub fn new() -> Option<Measure> {
        let font = font()?;
        Some(Measure {
            units_per_em: f32::from(font.pdf_font_metrics.units_per_em),
            font,
        })
    }

    /// The width of one character in millimetres at `size_pt`.
    pub fn char_width(&self, c: char, size_pt: f32) -> f32 {
        let glyph = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
        let advance = f32::from(self.font.get_horizontal_advance(glyph));
        advance * size_pt / self.units_per_em * MM_PER_PT
    }

    pub fn width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size_pt)).sum()
    }

    /// Whether the font can draw `c` (a missing glyph prints as a blank box).
    pub fn has(&self, c: char) -> bool {
        self.font
            .lookup_glyph_index(c as u32)
            .is_some_and(|g| g != 0)
    }

    /// The width `text` takes unwrapped: its widest line.
    pub fn natural_width(&self, text: &str, size_pt: f32) -> f32 {
        text.split('\n')
            .map(|line| self.width(line, size_pt))
            .fold(0.0, f32::max)
    }

    /// The widest piece of `text` that wrapping keeps whole (a date, an amount, a
    /// receipt number; one character of Chinese).
    pub fn widest_piece(&self, text: &str, size_pt: f32) -> f32 {
        text.split('\n')
            .flat_map(tokens)
            .map(|token| self.width(token.trim(), size_pt))
            .fold(0.0, f32::max)
    }

    /// Breaks `text` into lines no wider than `width` mm: Chinese between any two
    /// characters, Latin words and numbers kept whole unless a word alone is too wide.
    pub fn wrap(&self, text: &str, size_pt: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for token in tokens(paragraph) {
                let token_width = self.width(token, size_pt);
                if line_width + token_width <= width || line.is_empty() && token_width <= width {
                    line.push_str(token);
                    line_width += token_width;
                    continue;
                }
                if token_width <= width {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    let token = token.trim_start();
                    line.push_str(token);
                    line_width = self.width(token, size_pt);
                    continue;
                }
                // A word wider than the line: break it between characters.
                for c in token.chars() {
                    let w = self.char_width(c, size_pt);
                    if line_width + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += w;
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }
}

/// Punctuation a line may not start with, and brackets a line may not end with (the
/// common rules of Chinese typesetting, 避头尾).
const NO_LINE_START: &str = "）)]】》〉」』〕，。、；：！？”’…%";
const NO_LINE_END: &str = "（([【《〈「『〔“‘";

/// Runs of ASCII letters and digits (with a leading space) stay together; every other
/// character is a token of its own, except that closing punctuation joins the token
/// before it and an opening bracket the token after it, so neither is stranded.
fn tokens(text: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word =
            c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '¥' | '%' | '/' | ':');
        match (word, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
                spans.push((i, i + c.len_utf8()));
            }
            (false, None) => spans.push((i, i + c.len_utf8())),
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let mut glued: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    let mut open_pending = false;
    for (s, e) in spans {
        let piece = &text[s..e];
        let closes = piece.chars().count() == 1 && NO_LINE_START.contains(piece);
        match glued.last_mut() {
            Some(last) if open_pending || closes => last.1 = e,
            _ => glued.push((s, e)),
        }
        open_pending = piece.chars().count() == 1 && NO_LINE_END.contains(piece);
    }
    glued.into_iter().map(|(s, e)| &text[s..e]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_anywhere_and_latin_words_stay_whole() {
        let m = Measure::new().expect("the shipped font parses");
        let size = 10.0;
        let han = m.char_width('登', size);
        assert!(
            (han - 10.0 * MM_PER_PT).abs() < 0.01,
            "a Han character is one em"
        );
        let lines = m.wrap("沈北新材料有限公司职工食堂", size, han * 5.5);
        assert_eq!(lines, vec!["沈北新材料", "有限公司职", "工食堂"]);
        for line in &lines {
            assert!(m.width(line, size) <= han * 5.5);
        }
        let mixed = m.wrap(
            "收据 SY-2026-0001 已附",
            size,
            m.width("收据 SY-2026-0001", size) + 0.1,
        );
        assert_eq!(mixed, vec!["收据 SY-2026-0001", "已附"]);
        // Neither a closing bracket starts a line nor an opening one ends it.
        let name = "沈阳安禾机器人股份有限公司（沈河）";
        for chars in 4..12 {
            let lines = m.wrap(name, size, han * chars as f32 + 0.01);
            assert_eq!(lines.concat(), name);
            for line in &lines {
                assert!(
                    !line.starts_with('）') && !line.ends_with('（'),
                    "{lines:?}"
                );
            }
        }
        assert!(m.has('亲') && m.has('¥'));
    }
}
