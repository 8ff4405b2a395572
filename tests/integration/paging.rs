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

/// A list, its totals and the home summary answer while a write holds the store (an
/// import's transaction, say) — they read through their own connections — and they
/// see the write once it commits. Under the single connection they queued behind it
/// (here: forever, so the wait below is a guard against a hang, not a timing).
#[test]
fn reads_answer_while_a_write_is_in_progress_and_see_it_once_committed() {
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    call(&core, "demo_generate", json!({"records": 40, "seed": 3}));
    let before = call(&core, "record_totals", json!({"filter": {}}))["count"].clone();
    std::thread::scope(|scope| {
        let (writing, written) = mpsc::channel::<()>();
        let (proceed, go) = mpsc::channel::<()>();
        let core = &core;
        let writer = scope.spawn(move || {
            let mut store = core.store();
            store
                .write(|tx| -> Result<(), qinqing::store::StoreError> {
                    tx.execute("UPDATE record SET cancelled = 1", [])?;
                    writing.send(()).unwrap();
                    go.recv().unwrap();
                    Ok(())
                })
                .unwrap();
        });
        written.recv().unwrap();
        let (answered, answers) = mpsc::channel();
        scope.spawn(move || {
            let totals = call(core, "record_totals", json!({"filter": {}}));
            let page = call(core, "record_list", json!({"filter": {}, "limit": 5}));
            let home = commands::dispatch(core, "home_summary", json!({}));
            answered.send((totals, page, home.is_ok())).unwrap();
        });
        let (totals, page, home) = answers
            .recv_timeout(Duration::from_secs(60))
            .expect("reads do not wait for the writer");
        assert_eq!(totals["count"], before, "the uncommitted write is not seen");
        assert_eq!(page["items"].as_array().unwrap().len(), 5);
        assert!(home);
        proceed.send(()).unwrap();
        writer.join().unwrap();
    });
    let after = call(&core, "record_totals", json!({"filter": {}}));
    assert_eq!(
        after["count"], 0,
        "every record cancelled, and seen at once"
    );
}
