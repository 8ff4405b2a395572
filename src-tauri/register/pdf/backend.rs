//! Writes pages of marks as a PDF with printpdf: the shipped font embedded as a
//! subset (Identity-H with a ToUnicode map, so text can be copied and searched), the
//! document information set, the same bytes for the same input.

use chrono::{DateTime, Utc};
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::font;
use super::marks::{Mark, Page, PAGE_HEIGHT, PAGE_WIDTH};

/// The document information dictionary.
pub struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: Vec<String>,
    pub created: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the shipped font does not parse")]
    Font,
    #[error("bad date for the PDF: {0}")]
    Date(String),
    #[error(transparent)]
    Seal(#[from] super::seal::SealError),
}

/// A length in points, rounded to 0.01 pt (3.5 µm): the file then says `46.49`, not
/// `46.488194`, on every coordinate.
fn pt(mm: f32) -> Pt {
    let Pt(points) = Mm(mm).into();
    Pt((points * 100.0).round() / 100.0)
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_HEIGHT - y),
    }
}

fn black() -> Color {
    Color::Greyscale(Greyscale {
        percent: 0.0,
        icc_profile: None,
    })
}

pub fn write(pages: &[Page], info: &Info<'_>) -> Result<Vec<u8>, PdfError> {
    let parsed = font::font().ok_or(PdfError::Font)?;
    let mut doc = PdfDocument::new(info.title);
    let font_id = doc.add_font(parsed);
    let when = printpdf::OffsetDateTime::from_unix_timestamp(info.created.timestamp())
        .map_err(|e| PdfError::Date(e.to_owned()))?;
    doc.metadata.info.author = info.author.to_owned();
    doc.metadata.info.creator = "亲清政商交往登记 Qinqing Register".to_owned();
    doc.metadata.info.producer = format!("qinqing {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.subject = info.subject.to_owned();
    doc.metadata.info.keywords = info.keywords.clone();
    doc.metadata.info.creation_date = when;
    doc.metadata.info.modification_date = when;
    doc.metadata.info.metadata_date = when;

    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        out.push(PdfPage::new(
            Mm(PAGE_WIDTH),
            Mm(PAGE_HEIGHT),
            page_ops(page, &font_id),
        ));
    }
    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    Ok(doc.with_pages(out).save(&options, &mut warnings))
}

/// A page's drawing operations: fills first (cell shading, the QR code), then rules,
/// then all the text in one text object, the font set only when the size changes and
/// each string placed relative to the one before (`Td` moves from the start of the
/// previous line). Nothing overlaps text, so the order does not change what is seen;
/// it keeps each page's content stream small.
fn page_ops(page: &Page, font_id: &printpdf::FontId) -> Vec<Op> {
    let mut ops = vec![
        Op::SetOutlineColor { col: black() },
        Op::SetFillColor { col: black() },
    ];
    for mark in &page.marks {
        if let Mark::Fill {
            x,
            y,
            width,
            height,
            grey,
        } = mark
        {
            ops.push(Op::SetFillColor {
                col: Color::Greyscale(Greyscale {
                    percent: *grey,
                    icc_profile: None,
                }),
            });
            let mut rect = Rect::from_xywh(
                pt(*x),
                pt(PAGE_HEIGHT - y - height),
                pt(*width),
                pt(*height),
            );
            rect.mode = Some(PaintMode::Fill);
            ops.push(Op::DrawRectangle { rectangle: rect });
        }
    }
    ops.push(Op::SetFillColor { col: black() });
    let mut thickness = None;
    for (from, to, width_pt) in rules(&page.marks) {
        if thickness != Some(width_pt) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            thickness = Some(width_pt);
        }
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: point(from.0, from.1),
                        bezier: false,
                    },
                    LinePoint {
                        p: point(to.0, to.1),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        });
    }
    let mut size = None;
    let mut at = Point {
        x: Pt(0.0),
        y: Pt(0.0),
    };
    for mark in &page.marks {
        let Mark::Text {
            x,
            y,
            size_pt,
            text,
        } = mark
        else {
            continue;
        };
        if size.is_none() {
            ops.push(Op::StartTextSection);
        }
        if size != Some(*size_pt) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id.clone()),
                size: Pt(*size_pt),
            });
            size = Some(*size_pt);
        }
        let target = point(*x, *y);
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(((target.x.0 - at.x.0) * 100.0).round() / 100.0),
                y: Pt(((target.y.0 - at.y.0) * 100.0).round() / 100.0),
            },
        });
        // Move by the rounded step, so the next step starts from where the text is.
        at = Point {
            x: Pt(at.x.0 + ((target.x.0 - at.x.0) * 100.0).round() / 100.0),
            y: Pt(at.y.0 + ((target.y.0 - at.y.0) * 100.0).round() / 100.0),
        };
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
    }
    if size.is_some() {
        ops.push(Op::EndTextSection);
    }
    ops
}

type Rule = ((f32, f32), (f32, f32), f32);

/// The page's rules with the table grid's repetitions folded: adjacent rows share a
/// border and each row draws its own column separators, so collinear segments of the
/// same width that touch or overlap become one, and exact repeats go. Thinner rules
/// first, so a heavier rule over a thin one shows.
fn rules(marks: &[Mark]) -> Vec<Rule> {
    const EPS: f32 = 0.001;
    let mut lines: Vec<Rule> = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Line { from, to, width_pt } => {
                let (a, b) = if (from.0, from.1) <= (to.0, to.1) {
                    (*from, *to)
                } else {
                    (*to, *from)
                };
                Some((a, b, *width_pt))
            }
            _ => None,
        })
        .collect();
    // Vertical segments by (width, x, y), horizontal by (width, y, x); others after.
    let key = |&(a, b, w): &Rule| {
        if (a.0 - b.0).abs() < EPS {
            (w, 0u8, a.0, a.1)
        } else if (a.1 - b.1).abs() < EPS {
            (w, 1, a.1, a.0)
        } else {
            (w, 2, a.0, a.1)
        }
    };
    lines.sort_by(|x, y| {
        key(x)
            .partial_cmp(&key(y))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out: Vec<Rule> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(last) = out.last_mut() {
            let (lk, k) = (key(last), key(&line));
            let same_track = lk.0 == k.0 && lk.1 == k.1 && k.1 < 2 && (lk.2 - k.2).abs() < EPS;
            // Where the last segment ends and the next begins, along the track.
            let (end, start, new_end) = if k.1 == 0 {
                (last.1 .1, line.0 .1, line.1 .1)
            } else {
                (last.1 .0, line.0 .0, line.1 .0)
            };
            if same_track && start <= end + EPS {
                if new_end > end {
                    last.1 = line.1;
                }
                continue;
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(from: (f32, f32), to: (f32, f32), width_pt: f32) -> Mark {
        Mark::Line { from, to, width_pt }
    }

    #[test]
    fn touching_collinear_rules_fold_into_one_and_widths_stay_apart() {
        let marks = vec![
            // Two rows' column separator and their shared border, drawn twice.
            line((10.0, 20.0), (10.0, 30.0), 0.4),
            line((10.0, 30.0), (10.0, 45.0), 0.4),
            line((10.0, 30.0), (50.0, 30.0), 0.4),
            line((50.0, 30.0), (10.0, 30.0), 0.4),
            // A heavier rule over the same place stays, drawn after.
            line((10.0, 20.0), (50.0, 20.0), 0.8),
            line((10.0, 20.0), (50.0, 20.0), 0.4),
            // A gap: not joined.
            line((60.0, 20.0), (60.0, 25.0), 0.4),
            line((60.0, 26.0), (60.0, 30.0), 0.4),
        ];
        assert_eq!(
            rules(&marks),
            vec![
                ((10.0, 20.0), (10.0, 45.0), 0.4),
                ((60.0, 20.0), (60.0, 25.0), 0.4),
                ((60.0, 26.0), (60.0, 30.0), 0.4),
                ((10.0, 20.0), (50.0, 20.0), 0.4),
                ((10.0, 30.0), (50.0, 30.0), 0.4),
                ((10.0, 20.0), (50.0, 20.0), 0.8),
            ]
        );
    }
}
