//! The register's verdict tried as an insider would: with the real signing code, the
//! real keys of the wrong people (their own key is theirs to use), real bytes appended
//! to a real PDF and real SQL on the real file. Each attack asserts the precise
//! verdict; before this check existed, each of them verified as `intact`.

mod history;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use lopdf::{dictionary, Document, IncrementalDocument, Object, ObjectId};
use qinqing::keyring::unlock_key;
use qinqing::register::pdf::{self, seal};
use qinqing::register::slots::SignatureSlot;
use qinqing::signing::{cms, UnlockedKey};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::bureau::{bureau, separate_bureau, Bureau};
use crate::common::call;
use crate::register_sign::{approved_meal, sign};

/// `who`'s own key, opened with their own passphrase: what an insider holds.
pub(crate) fn key_of(b: &Bureau, who: &str) -> UnlockedKey {
    let conn = &*b.core.reader();
    let person = b.person(who);
    unlock_key(conn, person.profile, &person.passphrase).unwrap()
}

/// Appends a signature in `slot` with `key`, writing `name` as `/Name` and `at` as
/// both `/M` and the CMS signing time.
pub(crate) fn sign_with(
    bytes: &[u8],
    key: &UnlockedKey,
    slot: SignatureSlot,
    name: &str,
    at: DateTime<Utc>,
) -> Vec<u8> {
    seal::append_signature(
        bytes,
        &seal::SignatureField {
            field: slot.field(),
            signer: name,
            reason: slot.reason(),
            at,
        },
        |digest| cms::sign_detached(key, digest, at).map_err(|e| e.to_string()),
    )
    .unwrap()
}

/// A register of department A for `month` rendered by the app's own code, never
/// issued: what anyone can make from the database.
pub(crate) fn unissued(b: &Bureau, month: &str) -> Vec<u8> {
    let conn = &*b.core.reader();
    let department: qinqing::domain::directory::DepartmentId = b.dept_a.parse().unwrap();
    let register = qinqing::register::build(conn, department, month, b.core.today()).unwrap();
    pdf::render(
        &register,
        &pdf::Issue {
            register_id: "0190a000-0000-7000-8000-00000000aaaa",
            generated_at: b.core.stamp().at,
            draft: false,
        },
    )
    .unwrap()
}

fn verify(b: &Bureau, dir: &Path, bytes: &[u8]) -> Value {
    let file = dir.join(format!("{}.pdf", qinqing::digest::sha256_hex(bytes)));
    std::fs::write(&file, bytes).unwrap();
    b.as_("inspector");
    call(&b.core, "register_verify", json!({"path": file}))
}

/// March, signed by the head through the app; the signed PDF's bytes.
fn issued_march(b: &Bureau, dir: &Path) -> Vec<u8> {
    approved_meal(b, "2026-03-02");
    let path = dir.join("issued.pdf");
    sign(b, &path).unwrap();
    std::fs::read(path).unwrap()
}

/// An incremental update that adds `annotation` to the last page (and, for a form
/// field, to the form): unsigned, as any PDF editor appends it.
fn with_annotation(bytes: &[u8], annotation: lopdf::Dictionary, form_field: bool) -> Vec<u8> {
    let prev = Document::load_mem(bytes).unwrap();
    let page = *prev.get_pages().values().next_back().unwrap();
    let root = prev.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let listed = |doc: &Document, id: ObjectId, key: &[u8], inner: Option<&[u8]>| {
        let dict = doc.get_dictionary(id).unwrap();
        let value = match inner {
            None => dict.get(key).ok().cloned(),
            Some(inner) => dict
                .get(key)
                .ok()
                .and_then(|f| f.as_dict().ok())
                .and_then(|f| f.get(inner).ok())
                .cloned(),
        };
        value
            .and_then(|v| v.as_array().ok().cloned())
            .unwrap_or_default()
    };
    let mut annots = listed(&prev, page, b"Annots", None);
    let mut fields = listed(&prev, root, b"AcroForm", Some(b"Fields"));
    let mut update = IncrementalDocument::create_from(bytes.to_vec(), prev);
    update.opt_clone_object_to_new_document(page).unwrap();
    update.opt_clone_object_to_new_document(root).unwrap();
    let doc = &mut update.new_document;
    let id = doc.add_object(annotation);
    annots.push(id.into());
    doc.get_dictionary_mut(page).unwrap().set("Annots", annots);
    if form_field {
        fields.push(id.into());
        let catalog = doc.get_dictionary_mut(root).unwrap();
        let form = dictionary! { "Fields" => fields, "SigFlags" => 3 };
        catalog.set("AcroForm", form);
    }
    let mut out = Vec::new();
    update.save_to(&mut out).unwrap();
    out
}

/// `bytes` with a FreeText painting a smaller figure over the total.
pub(crate) fn with_free_text(bytes: &[u8]) -> Vec<u8> {
    with_annotation(bytes, free_text(), false)
}

/// A FreeText annotation that paints a smaller figure over the total.
fn free_text() -> lopdf::Dictionary {
    dictionary! {
        "Type" => "Annot", "Subtype" => "FreeText",
        "Rect" => vec![600.into(), 80.into(), 700.into(), 100.into()],
        "Contents" => Object::string_literal("50.00"),
        "DA" => Object::string_literal("/Helv 12 Tf 0 g"),
    }
}

fn authority(report: &Value, index: usize) -> &Value {
    &report["signatures"][index]["authority"]
}

#[test]
fn a_staff_countersignature_under_the_leaders_name_is_a_wrong_signer() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    let staff = key_of(&b, "staff");
    let at = b.core.stamp().at;

    let forged = sign_with(
        &issued,
        &staff,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &forged);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(
        report["signatures"][0]["authority"],
        Value::Null,
        "{report}"
    );
    assert_eq!(authority(&report, 1), "nameMismatch", "{report}");
    // Who really signed, and who should have.
    assert_eq!(
        report["signatures"][1]["knownAs"], "李明（A-02）",
        "{report}"
    );
    assert_eq!(report["signatures"][1]["valid"], true, "{report}");
    assert_eq!(
        report["entitledSigners"],
        json!(["钱局长（A-05）"]),
        "{report}"
    );

    // Under their own name the place still needs a leader in charge.
    let honest = sign_with(
        &issued,
        &staff,
        SignatureSlot::Countersign,
        "李明（A-02）",
        at,
    );
    let report = verify(&b, dir.path(), &honest);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 1), "wrongRole", "{report}");
    assert_eq!(report["signatures"][1]["holderRole"], "staff", "{report}");

    // With a FreeText painting ¥50.00 over the total in the same revision: the head's
    // signature no longer vouches for what is shown.
    let painted = with_annotation(&issued, free_text(), false);
    let painted = sign_with(
        &painted,
        &staff,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &painted);
    assert_eq!(report["verdict"], "changedAfter", "{report}");
    assert_eq!(
        report["signatures"][0]["problem"], "changedAfter",
        "{report}"
    );
    assert_eq!(
        report["signatures"][0]["laterChange"]["kind"], "objectAdded",
        "{report}"
    );

    // A third signature, even by the real leader after a real countersignature.
    b.as_("leader");
    let counter = dir.path().join("counter.pdf");
    let register_id = call(&b.core, "register_list", json!({}))[0]["id"].clone();
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": register_id, "passphrase": b.person("leader").passphrase, "path": counter}),
    );
    let countersigned = std::fs::read(&counter).unwrap();
    assert_eq!(verify(&b, dir.path(), &countersigned)["verdict"], "intact");
    let leader = key_of(&b, "leader");
    let third = sign_with(
        &countersigned,
        &leader,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &third);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 2), "extraSignature", "{report}");
}

#[test]
fn an_annotation_or_a_form_field_added_after_signing_is_a_change_after() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    let leader = key_of(&b, "leader");
    let at = b.core.stamp().at;

    // Appended alone, the head's signature no longer covers the file.
    let painted = with_annotation(&issued, free_text(), false);
    let report = verify(&b, dir.path(), &painted);
    assert_eq!(report["verdict"], "tampered", "{report}");
    assert_eq!(report["signatures"][0]["problem"], "notWholeDocument");

    // Then the real leader in charge countersigns what he was shown: still not what
    // the head signed.
    let countersigned = sign_with(
        &painted,
        &leader,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &countersigned);
    assert_eq!(report["verdict"], "changedAfter", "{report}");
    assert_eq!(report["signatures"][1]["valid"], true, "{report}");

    // A text field added to the form, then countersigned.
    let field = dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("合计"),
        "V" => Object::string_literal("¥50.00"),
        "Rect" => vec![600.into(), 80.into(), 700.into(), 100.into()],
    };
    let with_field = with_annotation(&issued, field, true);
    let countersigned = sign_with(
        &with_field,
        &leader,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &countersigned);
    assert_eq!(report["verdict"], "changedAfter", "{report}");
    assert_ne!(
        report["signatures"][0]["laterChange"],
        Value::Null,
        "{report}"
    );

    // The countersignature the app appends is the one change allowed.
    let plain = sign_with(
        &issued,
        &leader,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify(&b, dir.path(), &plain);
    assert_eq!(report["signatures"][0]["problem"], Value::Null, "{report}");
    // …but this one was made outside the app: the database never recorded it.
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
}

#[test]
fn a_never_issued_register_signed_by_staff_or_even_by_the_head_does_not_verify() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    approved_meal(&b, "2026-03-02");
    let draft = unissued(&b, "2026-03");
    let at = b.core.stamp().at;

    // Staff signs the month nobody signed, in the head's field, under the head's name.
    let staff = key_of(&b, "staff");
    let forged = sign_with(&draft, &staff, SignatureSlot::Sign, "赵处长（A-04）", at);
    let report = verify(&b, dir.path(), &forged);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 0), "nameMismatch", "{report}");
    assert_eq!(
        report["entitledSigners"],
        json!(["赵处长（A-04）"]),
        "{report}"
    );
    let own_name = sign_with(&draft, &staff, SignatureSlot::Sign, "李明（A-02）", at);
    let report = verify(&b, dir.path(), &own_name);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 0), "wrongRole", "{report}");

    // The head of another department is not this department's head.
    let other = key_of(&b, "other");
    let report = verify(
        &b,
        dir.path(),
        &sign_with(&draft, &other, SignatureSlot::Sign, "周其他（B-01）", at),
    );
    assert_eq!(report["verdict"], "wrongSigner", "{report}");

    // The head's own key, outside the app: well signed, never issued.
    let head = key_of(&b, "head");
    let outside = sign_with(&draft, &head, SignatureSlot::Sign, "赵处长（A-04）", at);
    let report = verify(&b, dir.path(), &outside);
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
    assert_eq!(
        report["signatures"][0]["authority"],
        Value::Null,
        "{report}"
    );
    // In the countersignature's field, or with another reason.
    let misplaced = sign_with(
        &draft,
        &head,
        SignatureSlot::Countersign,
        "赵处长（A-04）",
        at,
    );
    let report = verify(&b, dir.path(), &misplaced);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 0), "wrongField", "{report}");
}

#[test]
fn a_manifest_emptied_or_taken_from_another_month_does_not_verify() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    let head = key_of(&b, "head");
    let at = b.core.stamp().at;

    // `{}` in place of the manifest, signed with the head's own key.
    let emptied = seal::embed_manifest(&unissued(&b, "2026-04"), "{}").unwrap();
    let report = verify(
        &b,
        dir.path(),
        &sign_with(&emptied, &head, SignatureSlot::Sign, "赵处长（A-04）", at),
    );
    assert_eq!(report["verdict"], "noManifest", "{report}");

    // April's pages carrying March's issued manifest: the manifest is known here, the
    // signed revision is not the one issued.
    let march = pdf::inspect::inspect(&issued).unwrap().manifest.unwrap();
    let swapped = seal::embed_manifest(&unissued(&b, "2026-04"), &march).unwrap();
    let report = verify(
        &b,
        dir.path(),
        &sign_with(&swapped, &head, SignatureSlot::Sign, "赵处长（A-04）", at),
    );
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
    assert_eq!(report["month"], "2026-03", "{report}");
    assert_eq!(verify(&b, dir.path(), &issued)["verdict"], "intact");
}

#[test]
fn a_revoked_key_with_a_back_dated_signing_time_does_not_verify() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    // The head's key leaks; the administrator replaces it a day later.
    let leaked = key_of(&b, "head");
    b.clock.advance(Duration::days(1));
    b.as_("admin");
    let profile = call(&b.core, "profile_list", json!({}));
    let head = profile
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == b.person("head").profile.to_string())
        .unwrap()
        .clone();
    call(
        &b.core,
        "profile_update",
        json!({"id": head["id"], "version": head["version"], "administrator": false, "active": true,
               "newPassphrase": "a new passphrase for the head", "reason": "密钥泄露"}),
    );
    // What the head signed before the revocation still holds.
    let report = verify(&b, dir.path(), &issued);
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][0]["revoked"], false, "{report}");

    // The leaked key signs a month nobody signed, dated before the revocation.
    b.clock.advance(Duration::days(20));
    let back_dated = b.core.stamp().at - Duration::days(30);
    let forged = sign_with(
        &unissued(&b, "2026-04"),
        &leaked,
        SignatureSlot::Sign,
        "赵处长（A-04）",
        back_dated,
    );
    let report = verify(&b, dir.path(), &forged);
    assert_eq!(report["verdict"], "unknownSigner", "{report}");
    assert_eq!(report["signatures"][0]["revoked"], true, "{report}");
    assert_eq!(
        report["signatures"][0]["knownAs"], "赵处长（A-04）",
        "{report}"
    );
}
