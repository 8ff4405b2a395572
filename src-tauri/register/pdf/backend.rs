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

fn point(x: f32, y: f32) -> Point {
    Point {
        x: Mm(x).into(),
        y: Mm(PAGE_HEIGHT - y).into(),
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
        let mut ops = vec![
            Op::SetOutlineColor { col: black() },
            Op::SetFillColor { col: black() },
        ];
        for mark in &page.marks {
            match mark {
                Mark::Text {
                    x,
                    y,
                    size_pt,
                    text,
                } => {
                    // One text section per string: the cursor moves relative to the
                    // section's start, so each placement starts afresh.
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id.clone()),
                        size: Pt(*size_pt),
                    });
                    ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    });
                    ops.push(Op::EndTextSection);
                }
                Mark::Line { from, to, width_pt } => {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
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
                Mark::Fill {
                    x,
                    y,
                    width,
                    height,
                    grey,
                } => {
                    ops.push(Op::SetFillColor {
                        col: Color::Greyscale(Greyscale {
                            percent: *grey,
                            icc_profile: None,
                        }),
                    });
                    let mut rect = Rect::from_xywh(
                        Mm(*x).into(),
                        Mm(PAGE_HEIGHT - y - height).into(),
                        Mm(*width).into(),
                        Mm(*height).into(),
                    );
                    rect.mode = Some(PaintMode::Fill);
                    ops.push(Op::DrawRectangle { rectangle: rect });
                    ops.push(Op::SetFillColor { col: black() });
                }
            }
        }
        out.push(PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops));
    }
    let options = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    Ok(doc.with_pages(out).save(&options, &mut warnings))
}
