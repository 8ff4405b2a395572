//! Attachments on a real database: type by content, size cap, stored once per
//! content, removal keeps the bytes, and tampering with them is found.

use crate::common::{call, directory, dump, open};
use base64::Engine;
use qinqing::commands;
use serde_json::{json, Value};

fn contact_record(core: &qinqing::core::Core) -> Value {
    let d = directory(core);
    call(
        core,
        "record_create",
        json!({"departmentId": d.department, "body": {"contact": {
            "date": "2026-03-08", "activity": "signing", "counterpartIds": [d.canteen],
            "officialIds": [d.officials[0]], "initiatedBy": "us",
            "purpose": "项目签约", "outcome": ""
        }}}),
    )["id"]
        .clone()
}

fn field_of(core: &qinqing::core::Core, command: &str, request: Value) -> (String, Value) {
    let err = commands::dispatch(core, command, request)
        .expect_err(command)
        .to_payload(qinqing::i18n::Lang::En);
    let json = serde_json::to_value(&err).unwrap();
    (
        json["code"].as_str().unwrap().to_owned(),
        json["field"].clone(),
    )
}

#[test]
fn files_are_checked_stored_once_and_kept_when_removed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let record = contact_record(&core);

    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), b"receipt pixels"].concat();
    let files = [
        ("收据.png", png.clone(), "image/png"),
        (
            "voucher.jpg",
            [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"jpeg"].concat(),
            "image/jpeg",
        ),
        ("scan.pdf", b"%PDF-1.7\n%scan".to_vec(), "application/pdf"),
    ];
    for (name, bytes, media_type) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let info = call(
            &core,
            "attachment_add",
            json!({"recordId": record, "path": path}),
        );
        assert_eq!(info["mediaType"], *media_type);
        assert_eq!(info["name"], *name);
        assert_eq!(info["size"], bytes.len());
        let data = call(&core, "attachment_data", json!({"id": info["id"]}));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(data["base64"].as_str().unwrap())
            .unwrap();
        assert_eq!(&decoded, bytes);
    }
    // The same content again (under another name) is the same attachment.
    let again = dir.path().join("copy.png");
    std::fs::write(&again, &png).unwrap();
    let first = call(
        &core,
        "attachment_add",
        json!({"recordId": record, "path": again}),
    );
    let list = call(&core, "attachment_list", json!({"recordId": record}));
    assert_eq!(list.as_array().unwrap().len(), 3);
    let stored: i64 = crate::common::raw(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM attachment", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 3);

    call(&core, "attachment_remove", json!({"id": first["id"]}));
    assert_eq!(
        call(&core, "attachment_list", json!({"recordId": record}))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let kept: i64 = crate::common::raw(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM attachment", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 3, "removing a link keeps the bytes");
    assert_eq!(
        call(&core, "audit_verify", json!({}))["problems"],
        json!([])
    );

    // Bytes changed behind the app's back are found.
    crate::common::raw(&db)
        .unwrap()
        .execute(
            "UPDATE attachment SET data = X'00' WHERE media_type = 'application/pdf'",
            [],
        )
        .unwrap();
    let report = call(&core, "audit_verify", json!({}));
    assert_eq!(report["problems"][0]["kind"], "attachmentAltered");
}

#[test]
fn bad_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let record = contact_record(&core);
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let big = dir.path().join("big.pdf");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(11 * 1024 * 1024).unwrap();
    let png = dir.path().join("ok.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nx").unwrap();
    let before = dump(&db);
    let cases = [
        (
            json!({"recordId": record, "path": text}),
            "validation",
            json!(["path"]),
        ),
        (
            json!({"recordId": record, "path": dir.path().join("missing.jpg")}),
            "validation",
            json!(["path"]),
        ),
        (
            json!({"recordId": record, "path": big}),
            "validation",
            json!(["path"]),
        ),
        (
            json!({"recordId": "01900000-0000-7000-8000-000000000000", "path": png}),
            "validation",
            json!(["recordId"]),
        ),
        // A missing field is named, as a person fills it in.
        (json!({"recordId": record}), "validation", json!(["path"])),
    ];
    for (request, code, field) in cases {
        let (got_code, got_field) = field_of(&core, "attachment_add", request.clone());
        assert_eq!(got_code, code, "{request}");
        assert_eq!(got_field, field, "{request}");
        assert!(dump(&db) == before, "{request}: the database changed");
    }
    call(
        &core,
        "record_cancel",
        json!({"id": record, "version": 1, "reason": "录入错误"}),
    );
    let (code, _) = field_of(
        &core,
        "attachment_add",
        json!({"recordId": record, "path": png}),
    );
    assert_eq!(code, "locked");
}
