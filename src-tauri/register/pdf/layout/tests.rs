//! The layout's pages, measured: breaks, repeated headers, wrapping, page numbers.

use super::*;

fn layout_widths(measure: &Measure, columns: &[Column], rows: &[Vec<String>]) -> Vec<f32> {
    Layout::new(measure).widths(columns, rows)
}

#[test]
fn a_long_cell_wraps_inside_its_column_and_nothing_leaves_the_page() {
    let measure = Measure::new().expect("the shipped font parses");
    let mut layout = Layout::new(&measure);
    let spec = [("序号", 3, false), ("事由", 10, false), ("金额", 5, true)];
    let cols = columns(&spec);
    let long = "赴深圳参加智能装备产业招商推介会并走访三家拟落户企业，了解其用地、用工、融资需求"
        .repeat(6);
    let rows = vec![vec!["1".to_owned(), long.clone(), "¥1,680.32".to_owned()]; 12];
    layout.table("一、随企出行", &cols, &rows, "无");
    let pages = layout.finish("running", "ref");
    assert!(pages.len() > 1, "twelve long rows need more than a page");
    let widths = layout_widths(&measure, &cols, &rows);
    let (start, end) = (MARGIN + widths[0], MARGIN + widths[0] + widths[1]);
    let mut purpose_chars = 0;
    for page in &pages {
        for mark in &page.marks {
            if let Mark::Text {
                x,
                y,
                size_pt,
                text,
            } = mark
            {
                let w = measure.width(text, *size_pt);
                assert!(
                    *x >= MARGIN - 0.01 && x + w <= PAGE_WIDTH - MARGIN + 0.01,
                    "{text} leaves the page"
                );
                assert!(*y > 0.0 && *y < PAGE_HEIGHT, "{text} is on the page");
                // Inside the purpose column and the body (not the running header or the page number).
                if *x > start && *x < end && *y > TOP && *y < BOTTOM {
                    assert!(x + w <= end - PAD + 0.01, "{text} overflows its cell");
                    if text != "事由" {
                        purpose_chars += text.chars().count();
                    }
                }
            }
        }
    }
    assert_eq!(
        purpose_chars,
        12 * long.chars().count(),
        "every character printed once"
    );
}

/// Every text mark's box on `page`: left, right, top, bottom (mm).
fn text_boxes(measure: &Measure, page: &Page) -> Vec<(f32, f32, f32, f32, String)> {
    page.marks
        .iter()
        .filter_map(|mark| match mark {
            Mark::Text {
                x,
                y,
                size_pt,
                text,
            } => {
                let em = size_pt * MM_PER_PT;
                let w = measure.width(text, *size_pt);
                Some((*x, x + w, y - em * 0.8, y + em * 0.2, text.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_month_of_meals_fits_on_few_pages_and_no_text_crosses_a_rule_or_other_text() {
    let measure = Measure::new().expect("the shipped font parses");
    let mut layout = Layout::new(&measure);
    let cols = columns(&[
        ("序号", 3, false),
        ("日期", 6, false),
        ("方式", 8, false),
        ("企业", 12, false),
        ("地点", 10, false),
        ("就餐人员", 10, false),
        ("企业人数", 4, true),
        ("支付金额", 7, true),
        ("收据号", 7, false),
    ]);
    let rows: Vec<Vec<String>> = (0..465)
        .map(|i| {
            vec![
                (i + 1).to_string(),
                format!("2026-06-{:02}", 1 + i % 30),
                "在企业食堂就餐并交纳伙食费".to_owned(),
                "沈北星辰智能装备有限公司".to_owned(),
                format!(
                    "企业职工食堂（{}号楼，调研智能装备产业链配套及用工需求）",
                    1 + i % 7
                ),
                format!("科员{}（S00{}）、王静（C001）", i % 8, i % 8),
                (1 + i % 3).to_string(),
                format!("¥{}.00", 15 * (1 + i % 3)),
                format!("SC-{i:04}"),
            ]
        })
        .collect();
    layout.table("二、就餐", &cols, &rows, "无");
    let pages = layout.finish("running", "ref");
    assert!(pages.len() <= 40, "{} pages for 465 meals", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let boxes = text_boxes(&measure, page);
        let rules: Vec<((f32, f32), (f32, f32))> = page
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Line { from, to, .. } => Some((*from, *to)),
                _ => None,
            })
            .collect();
        for (left, right, top, bottom, text) in &boxes {
            assert!(
                *left >= 0.0 && *right <= PAGE_WIDTH && *top >= 0.0 && *bottom <= PAGE_HEIGHT,
                "page {n}: {text} leaves the page"
            );
            for (from, to) in &rules {
                let crosses = if from.0 == to.0 {
                    from.0 > left + 0.01
                        && from.0 < right - 0.01
                        && from.1.min(to.1) < bottom - 0.01
                        && from.1.max(to.1) > top + 0.01
                } else {
                    from.1 > top + 0.01
                        && from.1 < bottom - 0.01
                        && from.0.min(to.0) < right - 0.01
                        && from.0.max(to.0) > left + 0.01
                };
                assert!(!crosses, "page {n}: a rule crosses {text}");
            }
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.1 <= b.0 + 0.01
                    || b.1 <= a.0 + 0.01
                    || a.3 <= b.2 + 0.01
                    || b.3 <= a.2 + 0.01;
                assert!(apart, "page {n}: {} overlaps {}", a.4, b.4);
            }
        }
    }
    // Every receipt number printed, whole, once.
    let printed: Vec<&str> = pages
        .iter()
        .flat_map(|p| &p.marks)
        .filter_map(|m| match m {
            Mark::Text { text, .. } if text.starts_with("SC-") => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(printed.len(), 465);
}
