//! Review and approval through the command list on a real database file: the whole
//! permission matrix (every role × every action, allowed, or `forbidden` with the
//! database byte-for-byte unchanged), every workflow transition including the
//! illegal ones, locking and amendments, monthly attestations, and the key
//! lifecycle (a wrong passphrase refused, a new key after revocation, and what the
//! old key signed before its revocation still verifies).

mod profiles_and_keys;

use std::collections::HashMap;

use crate::common::bureau::{bureau, official, Bureau, ROLES};
use crate::common::{call, dump, qinqing, qinqing_as};
use chrono::Duration;
use qinqing::commands;
use qinqing::core::Clock;
use qinqing::error::{AppError, ErrorCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// The subject's owner for a scope, seen from `actor`.
fn owner_for(actor: &'static str, scope: &str) -> &'static str {
    match scope {
        "own" => actor,
        "dept" if actor == "staff" => "clerk",
        "dept" => "staff",
        _ => "other",
    }
}

/// Runs one action of the matrix as `actor` on a fresh subject of `scope`.
fn attempt(
    b: &Bureau,
    actor: &'static str,
    action: &str,
    scope: &str,
) -> (Result<Value, AppError>, bool) {
    let owner = owner_for(actor, scope);
    static NONCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let nonce = NONCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Prepare the subject (as whoever may), then act as `actor`.
    let prepared: Box<dyn Fn() -> Result<Value, AppError>> = match action {
        "read" => Box::new(|| b.try_call("record_list", json!({}))),
        "create" => {
            let request = b.meal(owner, "2026-03-03");
            Box::new(move || b.try_call("record_create", request.clone()))
        }
        "edit" => {
            let item = b.draft(owner);
            let mut request = b.meal(owner, "2026-03-04");
            request["id"] = item["id"].clone();
            request["version"] = item["version"].clone();
            Box::new(move || b.try_call("record_update", request.clone()))
        }
        "cancel" => {
            let item = b.draft(owner);
            Box::new(move || {
                b.try_call(
                    "record_cancel",
                    json!({"id": item["id"], "version": item["version"], "reason": "重复登记"}),
                )
            })
        }
        "restore" => {
            let item = b.draft(owner);
            let cancelled = b
                .try_call(
                    "record_cancel",
                    json!({"id": item["id"], "version": item["version"], "reason": "重复登记"}),
                )
                .unwrap();
            Box::new(move || {
                b.try_call(
                    "record_restore",
                    json!({"id": cancelled["id"], "version": cancelled["version"], "reason": "并非重复，误作废"}),
                )
            })
        }
        "submit" | "withdraw" | "approve" | "return" => {
            let item = if action == "submit" {
                b.draft(owner)
            } else {
                b.submitted(owner)
            };
            let action = action.to_owned();
            Box::new(move || b.review(actor, &action, &item, "请补充票据"))
        }
        "attest" => {
            let official = b.person(owner).official.clone();
            Box::new(move || {
                b.try_call(
                    "attest_month",
                    json!({"officialId": official, "month": "2026-02", "nil": true,
                           "onBehalfReason": if owner == actor { "" } else { "本人出差，委托代为声明" },
                           "passphrase": b.person(actor).passphrase}),
                )
            })
        }
        "counterpart" => Box::new(move || {
            b.try_call(
                "counterpart_save",
                json!({"value": {
                    "name": format!("新企业{nonce}"), "kind": "enterprise", "creditCode": null,
                    "creditCodeConfirmed": false, "creditStatus": "normal", "canteenRate": null,
                    "address": "", "contact": "", "active": true
                }}),
            )
        }),
        "directory" => Box::new(move || {
            b.try_call(
                "department_save",
                json!({"value": {"name": format!("新处室{nonce}"), "active": true}}),
            )
        }),
        "standards" => Box::new(|| {
            b.try_call(
                "standard_save",
                json!({"value": {
                    "key": "receptionMealPerPerson", "tier": null, "cityId": null,
                    "effectiveFrom": "2026-01-01", "value": 6000, "source": "本局公务接待办法", "active": true
                }}),
            )
        }),
        "profiles" => {
            b.as_("admin");
            let newcomer = official(&b.core, &b.dept_a, "新同事", &format!("N-{nonce}"), "staff");
            Box::new(move || {
                b.try_call(
                    "profile_create",
                    json!({"officialId": newcomer, "administrator": false, "passphrase": "a new passphrase"}),
                )
            })
        }
        other => panic!("unknown action {other}"),
    };
    b.as_(actor);
    let before = dump(&b.db);
    let result = prepared();
    let unchanged = dump(&b.db) == before;
    (result, unchanged)
}

#[test]
fn every_role_times_every_action_is_allowed_or_forbidden_with_nothing_changed() {
    // The matrix as the policy reads it. Columns: staff clerk head leader inspector admin.
    let expected: &[(&str, &str, &str)] = &[
        ("read", "-", "YYYYYY"),
        ("create", "own", "YYYYNY"),
        ("create", "dept", "NYNNNN"),
        ("create", "other", "NNNNNN"),
        ("edit", "own", "YYYYNY"),
        ("edit", "dept", "NYNNNN"),
        ("edit", "other", "NNNNNN"),
        ("cancel", "own", "YYYYNY"),
        ("cancel", "dept", "NYNNNN"),
        ("cancel", "other", "NNNNNN"),
        ("restore", "own", "YYYYNY"),
        ("restore", "dept", "NYNNNN"),
        ("restore", "other", "NNNNNN"),
        ("submit", "own", "YYYYNY"),
        ("submit", "dept", "NYNNNN"),
        ("submit", "other", "NNNNNN"),
        ("withdraw", "own", "YYYYNY"),
        ("withdraw", "dept", "NYNNNN"),
        ("withdraw", "other", "NNNNNN"),
        ("approve", "own", "NNNNNN"),
        ("approve", "dept", "NNYYNN"),
        ("approve", "other", "NNNYNN"),
        ("return", "own", "NNNNNN"),
        ("return", "dept", "NNYYNN"),
        ("return", "other", "NNNYNN"),
        ("attest", "own", "YYYYNY"),
        ("attest", "dept", "NYYNNN"),
        ("attest", "other", "NNNNNN"),
        ("counterpart", "-", "YYYYNY"),
        ("directory", "-", "NNNNNY"),
        ("standards", "-", "NNNNNY"),
        ("profiles", "-", "NNNNNY"),
    ];
    let b = bureau();
    let mut wrong = Vec::new();
    for (action, scope, row) in expected {
        for (actor, allowed) in ROLES.iter().zip(row.chars()) {
            let (result, unchanged) = attempt(&b, actor, action, scope);
            match (allowed, result) {
                ('Y', Ok(_)) => {}
                ('N', Err(err)) if err.code() == ErrorCode::Forbidden && unchanged => {}
                (_, result) => wrong.push(format!(
                    "{actor} {action} {scope}: expected {allowed}, got {:?} (unchanged: {unchanged})",
                    result.map_err(|e| e.code())
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A cancelled record is not reviewed (submitted, approved…): the refusal says it is
/// cancelled and the database is unchanged. Restored, it is submitted as usual. One a
/// signed register listed is the exception: its cancellation is an amendment, which
/// is submitted and approved like any.
#[test]
fn a_cancelled_record_is_not_reviewed() {
    let b = bureau();
    let item = b.draft("staff");
    let cancelled = b
        .try_call(
            "record_cancel",
            json!({"id": item["id"], "version": item["version"], "reason": "重复登记"}),
        )
        .unwrap();
    let item = json!({"id": cancelled["id"], "version": cancelled["version"]});
    let before = dump(&b.db);
    let refused = b.review("staff", "submit", &item, "").unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Locked, "{refused}");
    assert_eq!(dump(&b.db), before, "nothing changed");
    let restored = b
        .try_call(
            "record_restore",
            json!({"id": item["id"], "version": item["version"], "reason": "误作废"}),
        )
        .unwrap();
    let item = json!({"id": restored["id"], "version": restored["version"]});
    b.review("staff", "submit", &item, "").unwrap();

    // One a signed register listed: its cancellation is an amendment, reviewed.
    let listed = b.submitted("staff");
    b.review("head", "approve", &listed, "").unwrap();
    let id: Uuid = serde_json::from_value(listed["id"].clone()).unwrap();
    b.lock(id, "register-2026-03");
    b.as_("staff");
    let cancelled = b
        .try_call(
            "record_cancel",
            json!({"id": id, "version": listed["version"], "reason": "重复登记"}),
        )
        .unwrap();
    let allowed = b.try_call("review_get", json!({"id": id})).unwrap()["allowed"].clone();
    assert_eq!(allowed, json!(["submit", "restore"]), "{allowed}");
    let item = json!({"id": id, "version": cancelled["version"]});
    b.review("staff", "submit", &item, "").unwrap();
}

#[test]
fn the_whole_review_cycle_is_in_the_history_with_signatures_that_verify() {
    let b = bureau();
    let item = b.draft("staff");
    let id = item["id"].clone();
    assert_eq!(b.status(&id), "draft");

    // Approving a draft is not a transition that exists.
    let before = dump(&b.db);
    let err = b.review("head", "approve", &item, "").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Workflow, "{err}");
    assert_eq!(dump(&b.db), before);

    b.review("staff", "submit", &item, "").unwrap();
    assert_eq!(b.status(&id), "submitted");
    // Submitted: the content is frozen until withdrawn or returned.
    b.as_("staff");
    let mut edit = b.meal("staff", "2026-03-05");
    edit["id"] = id.clone();
    edit["version"] = item["version"].clone();
    let err = b.try_call("record_update", edit.clone()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Workflow);
    // Submitting twice is refused too.
    assert_eq!(
        b.review("staff", "submit", &item, "").unwrap_err().code(),
        ErrorCode::Workflow
    );

    // A return needs a comment; with one it goes back to the official.
    let err = b.review("head", "return", &item, "  ").unwrap_err();
    assert_eq!(err.field(), Some(vec!["comment".into()]));
    b.review("head", "return", &item, "请补充收据编号").unwrap();
    b.as_("staff");
    let view = call(&b.core, "review_get", json!({"id": id}));
    assert_eq!(view["status"], "returned");
    assert_eq!(view["comment"], "请补充收据编号");
    assert_eq!(view["allowed"], json!(["submit", "edit", "cancel"]));

    // The official fixes it and resubmits; the head approves.
    let fixed = call(&b.core, "record_update", edit);
    assert_eq!(
        b.status(&id),
        "returned",
        "editing keeps it returned until resubmitted"
    );
    let item = json!({"id": id, "version": fixed["version"]});
    b.review("staff", "submit", &item, "").unwrap();
    b.review("head", "approve", &item, "").unwrap();
    let view = call(&b.core, "review_get", json!({"id": id}));
    assert_eq!(view["status"], "approved");
    assert_eq!(view["signature"]["status"], "valid");
    assert_eq!(view["signature"]["signer"], "赵处长（A-04）");
    assert_eq!(
        view["allowed"],
        json!([]),
        "the head may not edit the official's record"
    );

    let history = call(&b.core, "record_history", json!({"id": id}));
    let steps: Vec<(String, String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["entity"].as_str().unwrap().to_owned(),
                v["action"].as_str().unwrap().to_owned(),
                v["actorName"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expect = |e: &str, a: &str, n: &str| (e.to_owned(), a.to_owned(), n.to_owned());
    assert_eq!(
        steps,
        vec![
            expect("record", "create", "王静（A-03）"),
            expect("review", "submit", "李明（A-02）"),
            expect("review", "return", "赵处长（A-04）"),
            expect("record", "update", "李明（A-02）"),
            expect("review", "submit", "李明（A-02）"),
            expect("review", "approve", "赵处长（A-04）"),
        ]
    );
    let stored = call(&b.core, "record_get", json!({"id": id}));
    assert_eq!(
        stored["enteredBy"],
        json!(format!("profile:{}", b.person("clerk").profile))
    );
    assert_eq!(
        stored["enteredByName"], "王静（A-03）",
        "read as people read it"
    );
    let returned: Value = serde_json::from_str(history[2]["after"].as_str().unwrap()).unwrap();
    assert_eq!(returned["comment"], "请补充收据编号");

    // An edit of an approved (not yet signed) record undoes the approval.
    let mut again = b.meal("staff", "2026-03-06");
    again["id"] = id.clone();
    again["version"] = fixed["version"].clone();
    b.as_("staff");
    call(&b.core, "record_update", again);
    assert_eq!(b.status(&id), "draft");

    // Queue and lists carry the status; the filter finds the head's queue.
    let queued = b.submitted("staff");
    let queue = call(
        &b.core,
        "record_list",
        json!({"filter": {"status": "submitted", "departmentId": b.dept_a}}),
    );
    let ids: Vec<&Value> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(ids, vec![&queued["id"]]);
    assert_eq!(queue["reviews"], json!(["submitted"]));
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
}

#[test]
fn a_locked_record_changes_only_as_an_amendment_and_is_flagged() {
    let b = bureau();
    let item = b.submitted("staff");
    b.review("head", "approve", &item, "").unwrap();
    let id: Uuid = item["id"].as_str().unwrap().parse().unwrap();
    // The register locks what it signs (the register's own code calls this).
    b.lock(id, "register-2026-03");
    b.as_("staff");
    let mut edit = b.meal("staff", "2026-03-07");
    edit["id"] = item["id"].clone();
    edit["version"] = item["version"].clone();
    let before = dump(&b.db);
    let err = b.try_call("record_update", edit.clone()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked, "{err}");
    assert_eq!(dump(&b.db), before, "nothing changed");

    edit["reason"] = json!("收据金额录入有误，更正");
    let amended = call(&b.core, "record_update", edit);
    assert_eq!(amended["version"], 2);
    let view = call(&b.core, "review_get", json!({"id": item["id"]}));
    assert_eq!(view["status"], "draft", "an amendment is reviewed again");
    assert_eq!(view["locked"], true);
    assert_eq!(view["amended"], true);
    // The old version stays visible in the history.
    let history = call(&b.core, "record_history", json!({"id": item["id"]}));
    let images: Vec<Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["entity"] == "record")
        .map(|v| serde_json::from_str(v["after"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(images[0]["occurredOn"], "2026-03-02");
    assert_eq!(images[1]["occurredOn"], "2026-03-07");
    assert_eq!(images[1]["note"], "收据金额录入有误，更正");

    // Cancelling a locked record is an amendment too, and an inspector may not.
    let amended_item = json!({"id": item["id"], "version": 2});
    b.review("staff", "submit", &amended_item, "").unwrap();
    b.review("head", "approve", &amended_item, "").unwrap();
    b.as_("inspector");
    let before = dump(&b.db);
    let err = b
        .try_call(
            "record_cancel",
            json!({"id": item["id"], "version": 2, "reason": "核查"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Forbidden);
    assert_eq!(dump(&b.db), before);
    b.as_("staff");
    call(
        &b.core,
        "record_cancel",
        json!({"id": item["id"], "version": 2, "reason": "活动取消，重复登记"}),
    );
    let view = call(&b.core, "review_get", json!({"id": item["id"]}));
    assert_eq!(
        (view["status"].as_str(), view["amended"].as_bool()),
        (Some("draft"), Some(true))
    );
}
