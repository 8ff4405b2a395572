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
        .try_call("records_export", json!({"format": "pdf", "path": "x"}))
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
