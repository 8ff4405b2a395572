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
    let text = pdf_text(&pdf);
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
    assert_fonts_embedded(&pdf);
}

/// Every font of `pdf` embedded, as pdffonts reports them (after its two header lines).
fn assert_fonts_embedded(pdf: &std::path::Path) {
    let fonts = String::from_utf8(
        std::process::Command::new("pdffonts")
            .arg(pdf)
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

fn pdf_text(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One record printed whole: an unpaid canteen meal, amended with a reason, submitted
/// and returned with a comment, reads back with poppler with its fields in words
/// (yuan, the meal's type, the enterprise and the official by name), the finding with
/// the clause it breaks, every step of its history with who and why, and who printed
/// it; the shipped font is embedded.
#[test]
fn a_printed_record_reads_back_whole_with_poppler() {
    let b = bureau();
    b.as_("clerk");
    let mut meal = b.meal("staff", "2026-03-02");
    meal["body"]["meal"]["amountPaid"] = json!(0);
    meal["body"]["meal"]["receiptNo"] = json!("");
    let created = call(&b.core, "record_create", meal.clone());
    meal["body"]["meal"]["place"] = json!("二楼职工食堂");
    call(
        &b.core,
        "record_update",
        json!({"id": created["id"], "version": 1, "departmentId": b.dept_a, "body": meal["body"], "reason": "地点写错了"}),
    );
    let item = json!({"id": created["id"], "version": 2});
    b.review("clerk", "submit", &item, "").unwrap();
    b.review("head", "return", &item, "请补缴餐费后再提交")
        .unwrap();

    b.as_("inspector");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("记录.pdf");
    let done = call(
        &b.core,
        "record_print",
        json!({"id": created["id"], "path": pdf}),
    );
    assert_eq!(done["bytes"], std::fs::metadata(&pdf).unwrap().len());
    let text = pdf_text(&pdf);
    let flat = text.replace(' ', "");
    for expected in [
        "就餐登记记录单",
        "企业食堂工作餐",
        "沈北星辰智能装备有限公司",
        "二楼职工食堂",
        "李明",
        "¥0.00",
        "¥15.00",
        "第2版",
        "已退回",
        // The finding and the clause it cites.
        "二(一)6",
        // History: each step, who did it and why.
        "登记",
        "修改",
        "地点写错了",
        "提交审核",
        "退回",
        "请补缴餐费后再提交",
        "王静",
        "赵处长",
        // Who printed it.
        "打印人：孙纪检",
        "第1页/共",
    ] {
        assert!(flat.contains(expected), "{expected} in:\n{text}");
    }
    assert!(
        !text.contains("canteenMeal") && !text.contains("body."),
        "{text}"
    );
    assert_fonts_embedded(&pdf);
}

/// A trip prints its expense lines and its settlement at the official standards.
#[test]
fn a_printed_trip_carries_its_expenses_and_settlement() {
    let b = bureau();
    b.as_("clerk");
    let trip = call(
        &b.core,
        "record_create",
        json!({"departmentId": b.dept_a, "body": {"trip": {
            "startDate": "2026-03-02", "endDate": "2026-03-04", "purpose": "招商考察",
            "destination": "大连", "participantIds": [b.person("staff").official],
            "counterpartIds": [b.counterpart],
            "expenses": [
                {"officialId": b.person("staff").official, "category": "lodging", "date": "2026-03-02",
                 "amount": 60000, "nights": 2, "payer": "unit", "receiptNo": "ZS-88"},
                {"officialId": b.person("staff").official, "category": "intercityTransport", "date": "2026-03-02",
                 "amount": 23000, "payer": "enterprise", "receiptNo": ""}
            ]
        }}}),
    );
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("出行.pdf");
    call(
        &b.core,
        "record_print",
        json!({"id": trip["id"], "path": pdf}),
    );
    let flat = pdf_text(&pdf).replace(' ', "");
    for expected in [
        "随企出行登记记录单",
        "招商考察",
        "2026-03-02至2026-03-04",
        "费用明细",
        "住宿费",
        "600.00",
        "ZS-88",
        "城市间交通费",
        "企业",
        "按差旅标准核算",
    ] {
        assert!(flat.contains(expected), "{expected} in:\n{flat}");
    }
}

/// Printing refuses, on the field concerned and writing nothing: no path, a folder
/// that does not exist, a record that does not exist.
#[test]
fn a_record_print_that_cannot_be_done_writes_nothing() {
    let b = bureau();
    b.as_("clerk");
    let record = call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let dir = tempfile::tempdir().unwrap();
    let blank = b
        .try_call("record_print", json!({"id": record["id"], "path": "  "}))
        .unwrap_err();
    assert_eq!(blank.field(), Some(vec!["path".into()]), "{blank}");
    let nowhere = dir.path().join("no-such-folder").join("x.pdf");
    let unwritable = b
        .try_call("record_print", json!({"id": record["id"], "path": nowhere}))
        .unwrap_err();
    assert_eq!(
        unwritable.field(),
        Some(vec!["path".into()]),
        "{unwritable}"
    );
    assert!(!nowhere.exists());
    let missing = dir.path().join("missing.pdf");
    let unknown = b
        .try_call(
            "record_print",
            json!({"id": uuid::Uuid::nil(), "path": missing}),
        )
        .unwrap_err();
    assert_eq!(
        unknown.code(),
        qinqing::error::ErrorCode::NotFound,
        "{unknown}"
    );
    assert!(!missing.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
