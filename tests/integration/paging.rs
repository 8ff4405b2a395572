//! Jumping to a deep page gives exactly the page that walking the cursors reaches,
//! for plain lists, filtered lists and searches.

use crate::common::{call, open};
use qinqing::commands;
use serde_json::{json, Value};

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_page_jumped_to_equals_the_page_walked_to() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    call(&core, "demo_generate", json!({"records": 230, "seed": 7}));
    for filter in [
        json!({}),
        json!({"kind": "meal"}),
        json!({"text": "有限公司"}),
    ] {
        let mut walked = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = call(
                &core,
                "record_list",
                json!({"filter": filter, "after": after, "limit": 20}),
            );
            walked.push(ids(&page));
            if page["next"].is_null() {
                break;
            }
            after = page["next"].clone();
        }
        assert!(walked.len() > 2, "{filter}: several pages");
        for (n, expected) in walked.iter().enumerate() {
            let jumped = call(
                &core,
                "record_list",
                json!({"filter": filter, "page": n + 1, "limit": 20}),
            );
            assert_eq!(&ids(&jumped), expected, "{filter}: page {}", n + 1);
        }
        let beyond = call(
            &core,
            "record_list",
            json!({"filter": filter, "page": walked.len() + 1, "limit": 20}),
        );
        assert_eq!(beyond["items"], json!([]));
        assert_eq!(beyond["next"], Value::Null);
    }
    for bad in [
        json!({"page": 0}),
        json!({"page": 2, "after": {"date": "2026-01-01", "id": "00000000-0000-0000-0000-000000000001"}}),
    ] {
        let err = commands::dispatch(&core, "record_list", bad).unwrap_err();
        let payload = serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap();
        assert_eq!(payload["field"], json!(["page"]));
    }
}
