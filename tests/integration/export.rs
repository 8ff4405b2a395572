//! Records exported for auditors, read back: the XLSX (by calamine) has Chinese
//! headers, a date cell and a number cell in yuan per record, and only the records
//! the filter selects; the CSV starts with a byte-order mark, quotes what it must and
//! sums to the same total; an unwritable path is refused on its field and leaves no
//! file; the CLI writes the same.

use std::io::Cursor;

use crate::common::bureau::bureau;
use crate::common::{call, qinqing_as};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use serde_json::json;

#[test]
fn the_filtered_records_read_back_from_xlsx_and_csv() {
    let b = bureau();
    b.as_("clerk");
    let mut meal = b.meal("staff", "2026-03-02");
    meal["body"]["meal"]["place"] = json!("企业职工食堂, 二楼 \"东\"厅");
    call(&b.core, "record_create", meal);
    call(&b.core, "record_create", b.meal("staff", "2026-03-09"));
    call(&b.core, "record_create", b.meal("staff", "2026-04-01"));
    let dir = tempfile::tempdir().unwrap();
    let march = json!({"from": "2026-03-01", "to": "2026-03-31"});

    let xlsx = dir.path().join("三月.xlsx");
    let done = call(
        &b.core,
        "records_export",
        json!({"filter": march, "format": "xlsx", "path": xlsx}),
    );
    assert_eq!(done["rows"], 2);
    let bytes = std::fs::read(&xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("登记记录").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 3, "header and two records");
    assert_eq!(rows[0][0], Data::String("日期".into()));
    assert_eq!(rows[0][6], Data::String("金额（元）".into()));
    for row in &rows[1..] {
        assert!(matches!(row[0], Data::DateTime(_)), "{:?}", row[0]);
        assert_eq!(row[6], Data::Float(15.0));
        assert_eq!(row[1], Data::String("用餐".into()));
        assert_eq!(row[3], Data::String("李明".into()));
    }
    // Newest first, as the lists show them.
    let Data::DateTime(first) = &rows[1][0] else {
        unreachable!()
    };
    // Excel counts days from 1899-12-30.
    let day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
        + chrono::Days::new(first.as_f64() as u64);
    assert_eq!(day.to_string(), "2026-03-09");

    let csv = dir.path().join("三月.csv");
    call(
        &b.core,
        "records_export",
        json!({"filter": march, "format": "csv", "path": csv}),
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("\u{feff}日期,类别,处室"));
    assert!(
        lines[2].contains(
            ",\"企业食堂工作餐 沈北星辰智能装备有限公司 企业职工食堂, 二楼 \"\"东\"\"厅\","
        ),
        "{}",
        lines[2]
    );
    assert!(lines[1].contains(",15.00,"), "{}", lines[1]);
}

#[test]
fn an_unwritable_path_is_refused_on_its_field_and_the_cli_exports() {
    let b = bureau();
    b.as_("clerk");
    call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no-such-folder").join("x.xlsx");
    let refused = b
        .try_call("records_export", json!({"format": "xlsx", "path": nowhere}))
        .unwrap_err();
    assert_eq!(refused.field(), Some(vec!["path".into()]));
    assert!(!nowhere.exists());
    let bad = b
        .try_call("records_export", json!({"format": "docx", "path": "x"}))
        .unwrap_err();
    assert_eq!(bad.field(), Some(vec!["format".into()]), "{bad}");

    drop(b.core.store());
    let out = dir.path().join("all.csv");
    let clerk = b.person("clerk");
    let done = qinqing_as(
        &b.db,
        "A-03",
        &clerk.passphrase,
        &["export", "--format", "csv", "--out", out.to_str().unwrap()],
    );
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
}

/// A printed list: a PDF with the shipped font embedded, the bureau's title, how many
/// records and what the valid ones add up to, one row per record in the list's order
/// (largest first here) with the cancelled one marked, and page numbers; read back
/// with poppler.
#[test]
fn a_printed_list_reads_back_with_poppler_in_the_lists_order() {
    use std::process::Command;

    let b = bureau();
    b.as_("clerk");
    for (day, paid) in [
        ("2026-03-02", 1500),
        ("2026-03-09", 4500),
        ("2026-03-20", 3000),
    ] {
        let mut meal = b.meal("staff", day);
        meal["body"]["meal"]["amountPaid"] = json!(paid);
        meal["body"]["meal"]["perPersonStandard"] = json!(paid);
        call(&b.core, "record_create", meal);
    }
    let cancelled = call(&b.core, "record_create", b.meal("staff", "2026-03-21"));
    call(
        &b.core,
        "record_cancel",
        json!({"id": cancelled["id"], "version": 1, "reason": "重复登记"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("三月.pdf");
    let filter = json!({"from": "2026-03-01", "to": "2026-03-31", "includeCancelled": true, "order": "amountDesc"});
    let done = call(
        &b.core,
        "records_export",
        json!({"filter": filter, "format": "pdf", "path": pdf}),
    );
    assert_eq!(done["rows"], 4);
    let text = String::from_utf8(
        Command::new("pdftotext")
            .args(["-layout", pdf.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils)")
            .stdout,
    )
    .unwrap();
    assert!(text.contains("政商交往登记记录"), "{text}");
    assert!(
        text.contains("共 4 条，有效 3 条，金额合计 ¥90.00（已作废的不计）"),
        "{text}"
    );
    assert!(text.replace(' ', "").contains("第1页/共1页"), "{text}");
    let amounts: Vec<&str> = ["45.00", "30.00", "15.00"]
        .into_iter()
        .filter(|a| text.contains(a))
        .collect();
    assert_eq!(amounts.len(), 3, "{text}");
    let at = |s: &str| text.find(s).unwrap();
    assert!(
        at("45.00") < at("30.00") && at("30.00") < at("15.00"),
        "largest first: {text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("2026-03-21") && l.contains("是")),
        "the cancelled one is marked: {text}"
    );
    let fonts = String::from_utf8(
        Command::new("pdffonts")
            .arg(&pdf)
            .output()
            .expect("pdffonts")
            .stdout,
    )
    .unwrap();
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );
}
