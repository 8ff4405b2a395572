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
        json!({"page": 2, "after": {"date": "2026-01-01", "amount": 0, "id": "00000000-0000-0000-0000-000000000001"}}),
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

/// The key a record sorts by in `order`, as comparable text (amounts zero-padded).
fn sort_key(record: &Value, order: &str) -> (String, String) {
    let key = if order.starts_with("date") {
        record["date"].as_str().unwrap().to_owned()
    } else {
        format!("{:020}", record["amount"].as_i64().unwrap())
    };
    (key, record["id"].as_str().unwrap().to_owned())
}

/// Every order, on a plain list, a search with many matches (more than a page sorts
/// in memory: the list walks the order's index) and one with few: walking the pages
/// visits each record once, in order, and as many as the totals count; a jump lands
/// where the walk did.
#[test]
fn every_order_pages_through_each_record_once_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    call(&core, "demo_generate", json!({"records": 2300, "seed": 11}));
    let few = "星辰";
    for order in ["dateDesc", "dateAsc", "amountDesc", "amountAsc"] {
        for base in [json!({}), json!({"text": "有限公司"}), json!({"text": few})] {
            let mut filter = base.clone();
            filter["order"] = json!(order);
            let count = call(&core, "record_totals", json!({"filter": filter}))["count"]
                .as_u64()
                .unwrap() as usize;
            let mut seen: Vec<Value> = Vec::new();
            let mut starts = Vec::new();
            let mut after = Value::Null;
            loop {
                let page = call(
                    &core,
                    "record_list",
                    json!({"filter": filter, "after": after, "limit": 500}),
                );
                starts.push(ids(&page));
                seen.extend(page["items"].as_array().unwrap().iter().cloned());
                if page["next"].is_null() {
                    break;
                }
                after = page["next"].clone();
            }
            assert_eq!(seen.len(), count, "{filter}: every match once");
            let keys: Vec<_> = seen.iter().map(|r| sort_key(r, order)).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            if order.ends_with("Desc") {
                sorted.reverse();
            }
            assert_eq!(keys, sorted, "{filter}: in order");
            sorted.dedup_by(|a, b| a.1 == b.1);
            assert_eq!(sorted.len(), count, "{filter}: no record twice");
            if starts.len() > 1 {
                let jumped = call(
                    &core,
                    "record_list",
                    json!({"filter": filter, "page": 2, "limit": 500}),
                );
                assert_eq!(ids(&jumped), starts[1], "{filter}: page 2 jumped to");
            }
        }
    }
    let many = call(
        &core,
        "record_totals",
        json!({"filter": {"text": "有限公司"}}),
    );
    assert!(
        many["count"].as_u64().unwrap() > 2000,
        "the many-match search is past the in-memory sort: {many}"
    );
    let some = call(&core, "record_totals", json!({"filter": {"text": few}}));
    assert!(
        (1..2000).contains(&some["count"].as_u64().unwrap()),
        "{some}"
    );
}

/// A search result says where it matched: the field and the words around the match,
/// which read as the field's text; a match only in a directory name says nothing.
#[test]
fn a_search_result_shows_where_it_matched() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    call(&core, "demo_generate", json!({"records": 120, "seed": 5}));
    let meals = call(
        &core,
        "record_list",
        json!({"filter": {"kind": "meal"}, "limit": 1}),
    );
    let place = meals["items"][0]["body"]["meal"]["place"]
        .as_str()
        .unwrap()
        .to_owned();
    let query: String = place.chars().skip(1).take(2).collect();
    let page = call(
        &core,
        "record_list",
        json!({"filter": {"text": query}, "limit": 500}),
    );
    let items = page["items"].as_array().unwrap();
    let matches = page["matches"].as_array().unwrap();
    assert_eq!(items.len(), matches.len());
    let at = items
        .iter()
        .position(|r| r["id"] == meals["items"][0]["id"])
        .expect("the meal is found by part of its place");
    let found = &matches[at];
    assert_eq!(found["field"], "place", "{found}");
    assert_eq!(found["matched"], query.as_str());
    let read = format!(
        "{}{}{}",
        found["before"].as_str().unwrap(),
        found["matched"].as_str().unwrap(),
        found["after"].as_str().unwrap()
    );
    assert_eq!(read, place, "short fields are shown whole");

    let plain = call(&core, "record_list", json!({"filter": {}, "limit": 5}));
    assert_eq!(plain["matches"], json!([]), "a list that is no search");
    let by_name = call(
        &core,
        "record_list",
        json!({"filter": {"text": "有限公司", "kind": "contact"}, "limit": 50}),
    );
    let named = by_name["items"].as_array().unwrap();
    assert!(
        !named.is_empty(),
        "contacts are found by their enterprise's name"
    );
    for (item, m) in named.iter().zip(by_name["matches"].as_array().unwrap()) {
        let contact = &item["body"]["contact"];
        let in_body = ["purpose", "outcome"]
            .iter()
            .any(|f| contact[f].as_str().unwrap().contains("有限公司"));
        assert_eq!(m.is_null(), !in_body, "{item} {m}");
    }
}
