//! Lays a register out on A4 landscape pages: title block, one table per section
//! with its header row repeated on every page it runs onto and cells that wrap,
//! totals in figures and in capital numerals, findings, attestations, signature
//! blocks and the QR code; then 第 i 页 / 共 n 页 on every page.

use super::font::{Measure, MM_PER_PT};
use super::marks::{Mark, Page, PAGE_HEIGHT, PAGE_WIDTH};
use crate::register::{Column, Register};

pub const MARGIN: f32 = 15.0;
/// Where content starts below the running header, and where it must end above the footer.
const TOP: f32 = 20.0;
const BOTTOM: f32 = PAGE_HEIGHT - 16.0;
const TABLE_PT: f32 = 9.0;
const PAD: f32 = 1.0;

fn line_height(size_pt: f32) -> f32 {
    size_pt * MM_PER_PT * 1.3
}

/// What the layout prints besides the register itself.
pub struct Stamp<'a> {
    /// Not signed: the running header and the title say 草稿（未签署）.
    pub draft: bool,
    pub register_id: &'a str,
    pub manifest_sha256: &'a str,
    /// Shown as 生成时间 (China Standard Time, as people read it).
    pub generated: &'a str,
    /// What the QR code carries.
    pub qr_text: &'a str,
}

pub struct Layout<'a> {
    measure: &'a Measure,
    pages: Vec<Page>,
    y: f32,
}

impl<'a> Layout<'a> {
    pub fn new(measure: &'a Measure) -> Layout<'a> {
        Layout {
            measure,
            pages: vec![Page::default()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    fn text(&mut self, x: f32, y: f32, size_pt: f32, text: &str) {
        if !text.is_empty() {
            self.page().marks.push(Mark::Text {
                x,
                y,
                size_pt,
                text: text.to_owned(),
            });
        }
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32) {
        self.page().marks.push(Mark::Line { from, to, width_pt });
    }

    /// A paragraph across the page (or centred), wrapped; moves the cursor down.
    pub fn paragraph(&mut self, text: &str, size_pt: f32, centred: bool) {
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        let lh = line_height(size_pt);
        for line in self.measure.wrap(text, size_pt, width) {
            if self.room() < lh {
                self.new_page();
            }
            let x = if centred {
                (PAGE_WIDTH - self.measure.width(&line, size_pt)) / 2.0
            } else {
                MARGIN
            };
            self.y += lh;
            self.text(x, self.y - lh * 0.25, size_pt, &line);
        }
    }

    pub fn gap(&mut self, mm: f32) {
        self.y += mm;
    }

    /// Widths in proportion to the columns' weights: when even the pieces that cannot
    /// be broken do not fit side by side.
    fn weighted(columns: &[Column]) -> Vec<f32> {
        let total: u32 = columns.iter().map(|c| c.weight).sum::<u32>().max(1);
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        columns
            .iter()
            .map(|c| width * c.weight as f32 / total as f32)
            .collect()
    }

    /// Column widths from the content, so short columns (dates, amounts, numbers) do
    /// not wrap and long ones get the room: each column first gets its widest piece
    /// that wrapping keeps whole; then every column whose longest cell (or heading)
    /// fits in a fair share of what is left gets all it needs, and the columns still
    /// wanting more share the rest by how much more they want. Room nobody wants is
    /// spread in proportion.
    fn widths(&self, columns: &[Column], rows: &[Vec<String>]) -> Vec<f32> {
        let available = PAGE_WIDTH - 2.0 * MARGIN;
        // A little slack, so a cell measured to fit is never wrapped by rounding.
        let frame = 2.0 * PAD + 0.2;
        let mut least = vec![frame; columns.len()];
        let mut natural = vec![frame; columns.len()];
        let headings = columns.iter().map(|c| &c.title);
        let cells = rows.iter().flat_map(|r| r.iter().enumerate());
        for (i, text) in headings.enumerate().chain(cells) {
            if i < columns.len() {
                least[i] = least[i].max(self.measure.widest_piece(text, TABLE_PT) + frame);
                natural[i] = natural[i].max(self.measure.natural_width(text, TABLE_PT) + frame);
            }
        }
        let mut left = available - least.iter().sum::<f32>();
        if left < 0.0 {
            return Self::weighted(columns);
        }
        let mut widths = least;
        let mut open: Vec<usize> = (0..columns.len())
            .filter(|&i| natural[i] > widths[i])
            .collect();
        while !open.is_empty() {
            let share = left / open.len() as f32;
            let (done, rest): (Vec<usize>, Vec<usize>) =
                open.iter().partition(|&&i| natural[i] - widths[i] <= share);
            if done.is_empty() {
                let wanted: f32 = rest.iter().map(|&i| natural[i] - widths[i]).sum();
                for &i in &rest {
                    widths[i] += left * (natural[i] - widths[i]) / wanted;
                }
                left = 0.0;
                break;
            }
            for &i in &done {
                left -= natural[i] - widths[i];
                widths[i] = natural[i];
            }
            open = rest;
        }
        let total: f32 = widths.iter().sum();
        if left > 0.0 && total > 0.0 {
            for w in &mut widths {
                *w += left * *w / total;
            }
        }
        widths
    }

    /// A table under `title`: the header row again on every page it continues on,
    /// each cell wrapped inside its column; `empty` fills a table with no rows.
    pub fn table(&mut self, title: &str, columns: &[Column], rows: &[Vec<String>], empty: &str) {
        let widths = self.widths(columns, rows);
        let wrap = |cells: &[String]| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| self.measure.wrap(cell, TABLE_PT, w - 2.0 * PAD))
                .collect()
        };
        let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let header_lines = wrap(&header);
        let lh = line_height(TABLE_PT);
        let height = |lines: &[Vec<String>]| {
            lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD
        };
        let title_h = line_height(12.0) + 1.5;
        let header_h = height(&header_lines);
        let wrapped: Vec<Vec<Vec<String>>> = if rows.is_empty() {
            Vec::new()
        } else {
            rows.iter().map(|r| wrap(r)).collect()
        };
        let first_h = wrapped
            .first()
            .map_or(lh + 2.0 * PAD, |r| height(r).min(BOTTOM - TOP));
        if self.room() < title_h + header_h + first_h {
            self.new_page();
        }
        self.section_title(title);
        self.header_row(&header_lines, &widths, columns, header_h);
        if wrapped.is_empty() {
            let h = lh + 2.0 * PAD;
            let top = self.y;
            self.text(MARGIN + PAD, top + PAD + lh * 0.75, TABLE_PT, empty);
            self.grid(top, h, &[PAGE_WIDTH - 2.0 * MARGIN]);
            self.y += h;
            return;
        }
        for mut lines in wrapped {
            // A row taller than what is left goes on a new page; one taller than a
            // whole page is split between pages, the header repeated each time.
            loop {
                let fits = ((self.room() - 2.0 * PAD) / lh).floor().max(0.0) as usize;
                let needed = lines.iter().map(Vec::len).max().unwrap_or(1);
                if needed > fits
                    && (fits == 0 || height(&lines) <= BOTTOM - TOP - header_h - title_h)
                {
                    self.new_page();
                    self.section_title(&format!("{title}（续）"));
                    self.header_row(&header_lines, &widths, columns, header_h);
                    continue;
                }
                let take = needed.min(fits);
                let now: Vec<Vec<String>> = lines
                    .iter_mut()
                    .map(|cell| cell.drain(..take.min(cell.len())).collect())
                    .collect();
                let h = take as f32 * lh + 2.0 * PAD;
                self.cells(&now, &widths, columns, h);
                if lines.iter().all(Vec::is_empty) {
                    break;
                }
            }
        }
    }

    fn section_title(&mut self, title: &str) {
        let lh = line_height(12.0);
        self.y += lh;
        self.text(MARGIN, self.y - lh * 0.25, 12.0, title);
        self.y += 1.5;
    }

    fn header_row(&mut self, lines: &[Vec<String>], widths: &[f32], columns: &[Column], h: f32) {
        let top = self.y;
        self.page().marks.push(Mark::Fill {
            x: MARGIN,
            y: top,
            width: PAGE_WIDTH - 2.0 * MARGIN,
            height: h,
            grey: 0.88,
        });
        self.cells(lines, widths, columns, h);
        // The header's own top rule, drawn over the fill.
        self.line((MARGIN, top), (PAGE_WIDTH - MARGIN, top), 0.8);
    }

    fn cells(&mut self, lines: &[Vec<String>], widths: &[f32], columns: &[Column], h: f32) {
        let lh = line_height(TABLE_PT);
        let top = self.y;
        let mut x = MARGIN;
        for ((cell, w), column) in lines.iter().zip(widths).zip(columns) {
            for (i, line) in cell.iter().enumerate() {
                let baseline = top + PAD + lh * (i as f32 + 0.75);
                let tx = if column.numeric {
                    x + w - PAD - self.measure.width(line, TABLE_PT)
                } else {
                    x + PAD
                };
                self.text(tx, baseline, TABLE_PT, line);
            }
            x += w;
        }
        self.grid(top, h, widths);
        self.y += h;
    }

    fn grid(&mut self, top: f32, h: f32, widths: &[f32]) {
        let right = PAGE_WIDTH - MARGIN;
        self.line((MARGIN, top), (right, top), 0.4);
        self.line((MARGIN, top + h), (right, top + h), 0.4);
        let mut x = MARGIN;
        self.line((x, top), (x, top + h), 0.4);
        for w in widths {
            x += w;
            self.line((x, top), (x, top + h), 0.4);
        }
    }

    /// The signature blocks (登记人 / 处室负责人 / 分管领导, each with a date line) and
    /// the QR code, kept together on one page.
    pub fn signatures(&mut self, qr: Option<&qrcode::QrCode>, caption: &str) {
        let block = 42.0;
        if self.room() < block {
            self.new_page();
        }
        let top = self.y + 6.0;
        let labels = ["登记人（签字）", "处室负责人（签字）", "分管领导（签字）"];
        let column = (PAGE_WIDTH - 2.0 * MARGIN - 40.0) / 3.0;
        for (i, label) in labels.iter().enumerate() {
            let x = MARGIN + column * i as f32;
            self.text(x, top + 6.0, 10.5, label);
            self.line((x, top + 18.0), (x + column - 10.0, top + 18.0), 0.5);
            self.text(x, top + 28.0, 10.5, "日期：　　　　年　　月　　日");
        }
        if let Some(qr) = qr {
            let size = 30.0;
            let x0 = PAGE_WIDTH - MARGIN - size;
            let n = qr.width() as f32;
            let module = size / (n + 8.0);
            let colors = qr.to_colors();
            let width = qr.width();
            for (i, color) in colors.iter().enumerate() {
                if *color == qrcode::Color::Dark {
                    let (col, row) = ((i % width) as f32, (i / width) as f32);
                    self.page().marks.push(Mark::Fill {
                        x: x0 + module * (col + 4.0),
                        y: top + module * (row + 4.0),
                        width: module,
                        height: module,
                        grey: 0.0,
                    });
                }
            }
            let w = self.measure.width(caption, 7.0);
            self.text(x0 + (size - w) / 2.0, top + size + 3.0, 7.0, caption);
        }
        self.y = top + block;
    }

    /// Adds the running header and 第 i 页 / 共 n 页 to every page and returns them.
    pub fn finish(mut self, running: &str, reference: &str) -> Vec<Page> {
        let n = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = format!("第 {} 页 / 共 {} 页", i + 1, n);
            let w = self.measure.width(&number, 9.0);
            page.marks.push(Mark::Text {
                x: (PAGE_WIDTH - w) / 2.0,
                y: PAGE_HEIGHT - 8.0,
                size_pt: 9.0,
                text: number,
            });
            page.marks.push(Mark::Text {
                x: MARGIN,
                y: 11.0,
                size_pt: 8.0,
                text: running.to_owned(),
            });
            let rw = self.measure.width(reference, 7.0);
            page.marks.push(Mark::Text {
                x: PAGE_WIDTH - MARGIN - rw,
                y: PAGE_HEIGHT - 8.0,
                size_pt: 7.0,
                text: reference.to_owned(),
            });
            page.marks.push(Mark::Line {
                from: (MARGIN, 13.0),
                to: (PAGE_WIDTH - MARGIN, 13.0),
                width_pt: 0.5,
            });
        }
        self.pages
    }
}

/// 2026年3月1日, as Chinese documents write dates.
fn chinese_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn money(fen: crate::domain::money::Fen) -> String {
    format!("{}（人民币大写：{}）", fen.display(), fen.to_capital())
}

/// The whole register, page by page.
pub fn compose(register: &Register, measure: &Measure, stamp: &Stamp<'_>) -> Vec<Page> {
    use chrono::Datelike;
    let mut layout = Layout::new(measure);
    let month_words = format!("{}年{}月", register.first.year(), register.first.month());
    layout.paragraph(&format!("{}政商交往登记簿", register.bureau), 18.0, true);
    layout.paragraph(&format!("（{month_words}）"), 12.0, true);
    if stamp.draft {
        layout.paragraph("草稿（未签署，不作报送依据）", 10.5, true);
    }
    layout.gap(2.0);
    layout.paragraph(
        &format!(
            "填报单位：{}　　处室：{}　　登记期间：{}至{}",
            register.bureau,
            register.department,
            chinese_date(register.first),
            chinese_date(register.last)
        ),
        10.5,
        false,
    );
    layout.paragraph(
        &format!(
            "生成时间：{}　　登记簿编号：{}　　清单摘要（SHA-256）：{}",
            stamp.generated, stamp.register_id, stamp.manifest_sha256
        ),
        8.0,
        false,
    );
    layout.gap(2.0);
    if register.is_nil() {
        layout.gap(4.0);
        layout.paragraph("本月无登记事项", 16.0, true);
        layout.gap(4.0);
    } else {
        for section in &register.sections {
            let rows: Vec<Vec<String>> = section.rows.iter().map(|r| r.cells.clone()).collect();
            layout.table(&section.title, &section.columns, &rows, "无");
            if let Some(total) = section.total.filter(|_| !section.rows.is_empty()) {
                layout.paragraph(&format!("小计：{}", money(total)), 9.0, false);
            }
        }
        layout.gap(2.0);
        let lines = register.totals.lines();
        // Only the kinds the month has: a register people carry stays short.
        let rows: Vec<Vec<String>> = lines
            .iter()
            .filter(|(_, amount)| amount.0 != 0)
            .map(|(label, amount)| vec![(*label).to_owned(), amount.display(), amount.to_capital()])
            .collect();
        layout.table(
            "本月金额",
            &columns(&[("项目", 14, false), ("金额", 8, true), ("大写", 16, false)]),
            &rows,
            "无",
        );
        layout.paragraph(
            &format!(
                "{}：{}",
                crate::register::totals::Totals::GRAND_LABEL,
                money(register.total)
            ),
            10.5,
            false,
        );
    }
    let findings: Vec<Vec<String>> = register
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                (i + 1).to_string(),
                f.date.format("%Y-%m-%d").to_string(),
                crate::register::labels::severity(f.severity).to_owned(),
                f.clause.clone(),
                f.message.clone(),
            ]
        })
        .collect();
    let finding_columns = [
        ("序号", 3, false),
        ("日期", 6, false),
        ("等级", 4, false),
        ("依据条款", 6, false),
        ("说明", 40, false),
    ];
    layout.table(
        "合规检查结果",
        &columns(&finding_columns),
        &findings,
        "未发现合规问题",
    );
    let attestations: Vec<Vec<String>> = register
        .attestations
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.records.to_string(),
                if a.declared_nil {
                    "本月无登记事项".to_owned()
                } else if a.records > 0 {
                    "已登记".to_owned()
                } else {
                    "未登记、未声明".to_owned()
                },
            ]
        })
        .collect();
    let attestation_columns = [
        ("姓名", 10, false),
        ("本月登记（条）", 8, true),
        ("状态", 20, false),
    ];
    layout.table(
        "本处室人员登记情况",
        &columns(&attestation_columns),
        &attestations,
        "无",
    );
    let qr =
        qrcode::QrCode::with_error_correction_level(stamp.qr_text.as_bytes(), qrcode::EcLevel::M)
            .ok();
    layout.signatures(qr.as_ref(), "扫码核验");
    let running = format!(
        "{} · {} · 政商交往登记簿（{month_words}）{}",
        register.bureau,
        register.department,
        if stamp.draft {
            " · 草稿（未签署）"
        } else {
            ""
        }
    );
    let reference = format!("编号 {}", stamp.register_id);
    layout.finish(&running, &reference)
}

fn columns(spec: &[(&str, u32, bool)]) -> Vec<Column> {
    spec.iter()
        .map(|(title, weight, numeric)| Column {
            title: (*title).to_owned(),
            weight: *weight,
            numeric: *numeric,
        })
        .collect()
}

#[cfg(test)]
mod tests;
