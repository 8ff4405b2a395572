//! Importing the kind of Excel register units keep today
//! (`tests/fixtures/legacy-register.xlsx`, a copy of `../shared/samples/`): untidy on
//! purpose — a merged title, a unit line above the header, four date formats,
//! amounts as numbers and as text with 元, a blank row, a totals row, and a gift
//! sheet with its own columns.

use std::path::PathBuf;

use qinqing::error::ErrorCode;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, official, Bureau};
use crate::common::{call, dump};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy-register.xlsx")
}

fn prepared() -> (Bureau, Value) {
    let b = bureau();
    b.as_("admin");
    official(&b.core, &b.dept_a, "王建国", "A-11", "staff");
    official(&b.core, &b.dept_a, "李晓梅", "A-12", "staff");
    let inspection = call(
        &b.core,
        "sheet_inspect",
        json!({"path": sample().to_string_lossy()}),
    );
    (b, inspection)
}

fn rows_of<'a>(report: &'a Value, sheet: &str) -> Vec<&'a Value> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["sheet"] == sheet)
        .collect()
}

#[test]
fn the_header_suggests_the_mapping_and_the_reporter() {
    let (b, inspection) = prepared();
    let sheets = inspection["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 2);
    let register = &sheets[0]["suggested"];
    assert_eq!(register["layout"], "register");
    assert_eq!(
        register["headerRow"], 3,
        "below the merged title and the unit line"
    );
    assert_eq!(
        register["columns"],
        json!({"date": 1, "category": 2, "counterpart": 3, "purpose": 4, "amount": 5,
               "payment": 6, "receipt": null, "destination": null, "note": 7, "official": null,
               "item": null, "quantity": null, "value": null, "disposition": null, "voucher": null})
    );
    assert_eq!(register["officialName"], "王建国");
    assert!(
        register["officialId"].is_string(),
        "王建国 found in the directory"
    );
    let gifts = &sheets[1]["suggested"];
    assert_eq!(gifts["layout"], "gifts");
    assert_eq!(gifts["headerRow"], 1);
    assert_eq!(gifts["columns"]["official"], 1);
    assert_eq!(gifts["columns"]["disposition"], 6);
    assert_eq!(gifts["columns"]["voucher"], 7);
    assert_eq!(
        sheets[0]["rows"][0][0],
        "招商一处 2026年10月 政商交往登记表"
    );
    drop(b);
}

#[test]
fn the_dry_run_says_what_each_row_becomes_and_why_not_and_the_import_is_all_or_nothing() {
    let (b, inspection) = prepared();
    let mappings: Vec<Value> = inspection["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["suggested"].clone())
        .collect();
    let request = |dry_run: bool, skip: bool| {
        json!({"path": sample().to_string_lossy(), "departmentId": b.dept_a, "sheets": mappings,
               "dryRun": dry_run, "skipRejected": skip})
    };
    let before = dump(&b.db);
    let report = call(&b.core, "sheet_import", request(true, false));
    assert!(dump(&b.db) == before, "a dry run changed the database");

    let register = rows_of(&report, "公务活动登记");
    let by_row = |n: u64| *register.iter().find(|r| r["row"] == n).unwrap();
    // The blank row and the totals row are skipped, not rejected.
    assert_eq!(by_row(13)["outcome"], "skipped");
    assert_eq!(by_row(22)["outcome"], "skipped");
    // Receptions and visits are taken, whatever the date's format.
    assert_eq!(by_row(5)["outcome"], "accepted");
    assert_eq!(by_row(5)["date"], "2026-10-08");
    assert_eq!(by_row(9)["amountFen"], 135244, "“1352.44元”");
    assert_eq!(by_row(6)["kind"], "contact");
    assert_eq!(by_row(10)["date"], "2026-10-02");
    // A trip with no destination, a paid canteen meal with no receipt number: each
    // rejected with its reason.
    assert_eq!(by_row(7)["outcome"], "rejected");
    assert_eq!(by_row(7)["date"], "2026-10-03", "an Excel date cell");
    assert!(
        by_row(7)["reason"]
            .as_str()
            .unwrap()
            .contains("destination"),
        "{}",
        by_row(7)
    );
    assert_eq!(by_row(4)["outcome"], "rejected");
    assert!(
        by_row(4)["reason"].as_str().unwrap() == "receipt number is required",
        "{}",
        by_row(4)
    );
    assert_eq!(
        by_row(8)["amountFen"],
        82206,
        "822.0599999999999 as Excel stores it"
    );

    let gifts = rows_of(&report, "礼品登记");
    assert_eq!(gifts.len(), 4);
    assert_eq!(gifts[0]["outcome"], "accepted", "{}", gifts[0]);
    assert_eq!(gifts[1]["outcome"], "accepted", "{}", gifts[1]);
    assert!(
        gifts[2]["reason"].as_str().unwrap().contains("张伟"),
        "{}",
        gifts[2]
    );
    let accepted = report["accepted"].as_u64().unwrap();
    let rejected = report["rejected"].as_u64().unwrap();
    assert_eq!(report["skipped"], 2);
    assert_eq!(accepted, 8 + 2, "{report}");
    assert_eq!(rejected, 9 + 2);

    // Not agreed to skip the rejected rows: refused, nothing written.
    let error =
        qinqing::commands::dispatch(&b.core, "sheet_import", request(false, false)).unwrap_err();
    let payload = error.to_payload(qinqing::i18n::Lang::En);
    assert_eq!(payload.code, ErrorCode::Validation);
    assert_eq!(payload.field, Some(vec!["skipRejected".into()]));
    assert!(dump(&b.db) == before);

    // Agreed: exactly the accepted rows are written, as drafts, in one go.
    let done = call(&b.core, "sheet_import", request(false, true));
    assert_eq!(done["accepted"], accepted);
    let listed = call(
        &b.core,
        "record_list",
        json!({"filter": {"from": "2026-10-01", "to": "2026-10-31"}, "limit": 100}),
    );
    assert_eq!(
        listed["items"].as_array().unwrap().len() as u64,
        accepted,
        "{listed}"
    );
    let gift = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["body"]["gift"]["received"]["item"] == "茶叶")
        .expect("the surrendered tea");
    assert_eq!(
        gift["body"]["gift"]["received"]["disposition"],
        json!({"surrendered": {"date": "2026-10-03", "to": "机关纪委", "voucherNo": "JW-2026-031"}})
    );
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]));
}

#[test]
fn a_file_that_is_no_workbook_is_refused_on_its_path() {
    let b = bureau();
    b.as_("admin");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not really").unwrap();
    let error = qinqing::commands::dispatch(
        &b.core,
        "sheet_inspect",
        json!({"path": path.to_string_lossy()}),
    )
    .unwrap_err();
    let payload = error.to_payload(qinqing::i18n::Lang::En);
    assert_eq!(payload.field, Some(vec!["path".into()]));
    // Staff may not import for others.
    b.as_("staff");
    let error = qinqing::commands::dispatch(
        &b.core,
        "sheet_inspect",
        json!({"path": sample().to_string_lossy()}),
    )
    .unwrap_err();
    assert_eq!(
        error.to_payload(qinqing::i18n::Lang::En).code,
        ErrorCode::Forbidden
    );
}

#[test]
fn the_cli_imports_a_register_with_the_suggested_mapping() {
    let (b, _) = prepared();
    let admin = b.person("admin");
    let sample = sample();
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "import-xlsx",
            sample.to_str().unwrap(),
            "--department",
            "招商服务处",
        ];
        args.extend_from_slice(extra);
        args
    };
    let before = dump(&b.db);
    let out = crate::common::qinqing_as(&b.db, "A-01", &admin.passphrase, &args(&["--dry-run"]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["accepted"], 10);
    assert!(dump(&b.db) == before);
    // Rows it cannot take: refused unless agreed to be skipped.
    let out = crate::common::qinqing_as(&b.db, "A-01", &admin.passphrase, &args(&[]));
    assert_eq!(out.status.code(), Some(1));
    assert!(dump(&b.db) == before);
    let out = crate::common::qinqing_as(
        &b.db,
        "A-01",
        &admin.passphrase,
        &args(&["--skip-rejected"]),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dump(&b.db) != before);
}
