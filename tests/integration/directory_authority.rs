//! Who may change the directory, tried as an insider would: bundles built and signed
//! with the real keys of the wrong people (their own key is theirs to use), their
//! payloads edited as a person with a text editor and the app's own `seal` can. Each
//! refusal names the precise fault, for the dry run and the import alike, and leaves
//! the receiving database byte for byte as it was.

use std::path::{Path, PathBuf};

use qinqing::bundle::{self, BundleFault};
use qinqing::core::Core;
use qinqing::error::{AppError, ErrorCode, FieldFault};
use qinqing::paths::DataLocation;
use qinqing::signing::UnlockedKey;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, official, separate_bureau, Bureau, TestClock};
use crate::common::{call, dump};
use crate::register_trust::key_of;

/// A hub whose administrator has exported its directory, and a fresh spoke that took
/// it (pinning the hub's root after comparing its fingerprint).
struct Pair {
    hub: Bureau,
    spoke: Core,
    spoke_db: PathBuf,
    directory: PathBuf,
    dir: tempfile::TempDir,
}

pub(crate) fn export_directory(b: &Bureau, path: &Path) -> Value {
    b.as_("admin");
    call(
        &b.core,
        "directory_bundle_export",
        json!({"path": path.to_string_lossy(), "passphrase": b.person("admin").passphrase}),
    )
}

fn pair() -> Pair {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (spoke, spoke_db, directory) = spoke_of(&hub, dir.path());
    Pair {
        hub,
        spoke,
        spoke_db,
        directory,
        dir,
    }
}

/// A fresh spoke in `dir` that took `hub`'s directory, its administrator having
/// compared the root's fingerprint: the spoke, its database file and the bundle.
pub(crate) fn spoke_of(hub: &Bureau, dir: &Path) -> (Core, PathBuf, PathBuf) {
    hub.as_("admin");
    call(
        &hub.core,
        "bureau_save",
        json!({"name": "沈阳市示范区投资促进局"}),
    );
    let directory = dir.join("directory.qqb");
    export_directory(hub, &directory);
    let spoke_db = dir.join("spoke.sqlite3");
    let spoke = Core::open(
        DataLocation::for_database(&spoke_db),
        Some(qinqing::i18n::Lang::En),
        Box::new(TestClock::at("2026-03-16T08:00:00Z")),
        "test:spoke".into(),
    )
    .unwrap();
    let dry = import(&spoke, &directory, true, None).unwrap();
    import(
        &spoke,
        &directory,
        false,
        Some(&dry["fingerprintToCompare"]),
    )
    .unwrap();
    (spoke, spoke_db, directory)
}

pub(crate) fn import(
    core: &Core,
    path: &Path,
    dry_run: bool,
    trust: Option<&Value>,
) -> Result<Value, AppError> {
    let mut request = json!({"path": path.to_string_lossy(), "dryRun": dry_run});
    if let Some(fingerprint) = trust {
        request["trustFingerprint"] = fingerprint.clone();
    }
    qinqing::commands::dispatch(core, "bundle_import", request)
}

/// The payload of a real bundle, as JSON to edit: decrypted, when sealed, with the
/// bundle key in `reader`'s database (an insider there has it).
fn payload_of(path: &Path, reader: &Bureau) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let inner = bundle::recipient::unseal(&reader.core.reader(), bytes).unwrap();
    let opened = bundle::open(&inner).unwrap();
    serde_json::from_slice(&opened.payload).unwrap()
}

/// `payload` signed with `key` by the app's own code, written to `name`.
fn sealed(dir: &Path, name: &str, payload: &Value, key: &UnlockedKey) -> PathBuf {
    let path = dir.join(name);
    let bytes = bundle::seal(
        &serde_json::to_vec(payload).unwrap(),
        key,
        chrono::DateTime::parse_from_rfc3339("2026-03-15T10:00:00Z")
            .unwrap()
            .into(),
        None,
    );
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fresh_id() -> String {
    let id: uuid::Uuid =
        qinqing::domain::ids::new_id(chrono::Utc::now(), &mut qinqing::domain::ids::OsEntropy);
    id.to_string()
}

fn fault(result: Result<Value, AppError>) -> BundleFault {
    match result {
        Err(AppError::Refused {
            fault: FieldFault::Bundle(fault),
            ..
        }) => fault,
        other => panic!("not a refused bundle: {other:?}"),
    }
}

/// Every way of presenting `path` to `core` — dry run, import, import with `trust`
/// accepted — is refused with a fault `check` accepts, and `db` is unchanged.
fn refused_everywhere(
    core: &Core,
    db: &Path,
    path: &Path,
    trust: Option<&Value>,
    check: impl Fn(&BundleFault) -> bool,
) {
    let before = dump(db);
    for (dry_run, trust) in [(true, None), (false, None), (false, trust)] {
        let fault = fault(import(core, path, dry_run, trust));
        assert!(check(&fault), "unexpected {fault:?}");
    }
    assert!(dump(db) == before, "a refused bundle changed the database");
}

fn exporter(b: &Bureau, who: &str) -> Value {
    let conn = &*b.core.reader();
    let official: Value = serde_json::to_value(
        qinqing::store::directory::get::<qinqing::domain::directory::Official>(
            conn,
            b.person(who).official.parse().unwrap(),
        )
        .unwrap()
        .unwrap(),
    )
    .unwrap();
    json!({
        "profileId": b.person(who).profile.to_string(),
        "officialId": b.person(who).official,
        "name": official["value"]["name"],
        "staffNo": official["value"]["staffNo"],
    })
}

/// The hub's directory with `who` made an administrator and named as exporter.
fn promoted(payload: &Value, b: &Bureau, who: &str) -> Value {
    let mut payload = payload.clone();
    for official in payload["directory"]["officials"].as_array_mut().unwrap() {
        if official["id"] == b.person(who).official {
            official["value"]["role"] = json!("administrator");
        }
    }
    payload["exporter"] = exporter(b, who);
    payload["id"] = json!(fresh_id());
    payload
}

#[test]
fn a_directory_bundle_signed_by_staff_is_refused_and_changes_nothing() {
    let p = pair();
    let staff = key_of(&p.hub, "staff");
    let genuine = payload_of(&p.directory, &p.hub);
    // The staff member signs a directory that makes them an administrator, with their
    // own key (issued by the bureau's root, but as 科员).
    let forged = sealed(
        p.dir.path(),
        "staff-directory.qqb",
        &promoted(&genuine, &p.hub, "staff"),
        &staff,
    );
    let root = json!(qinqing::signing::keys::fingerprint(
        &qinqing::store::bureau_root::current(&p.hub.core.reader())
            .unwrap()
            .unwrap()
            .certificate_der
    ));
    refused_everywhere(
        &p.spoke,
        &p.spoke_db,
        &forged,
        Some(&root),
        |f| matches!(f, BundleFault::NotFromAdministrator { subject } if subject.contains("A-02")),
    );
    // Naming the administrator as exporter instead: the exporter is who signed.
    let mut claimed = promoted(&genuine, &p.hub, "staff");
    claimed["exporter"] = exporter(&p.hub, "admin");
    let forged = sealed(p.dir.path(), "staff-as-admin.qqb", &claimed, &staff);
    refused_everywhere(&p.spoke, &p.spoke_db, &forged, Some(&root), |f| {
        matches!(f, BundleFault::ExporterNotSigner { claimed, holder }
            if claimed == "管理员（A-01）" && holder == "李明（A-02）")
    });
    // At the hub itself, imported by the clerk: refused the same way.
    p.hub.as_("clerk");
    let forged = sealed(
        p.dir.path(),
        "staff-directory-2.qqb",
        &promoted(&genuine, &p.hub, "staff"),
        &staff,
    );
    refused_everywhere(&p.hub.core, &p.hub.db, &forged, None, |f| {
        matches!(f, BundleFault::NotFromAdministrator { .. })
    });
    // The genuine one still imports (nothing new: already imported).
    let again = import(&p.spoke, &p.directory, false, None).unwrap();
    assert_eq!(again["alreadyImported"], true);
}

#[test]
fn a_directory_bundle_from_another_bureaus_administrator_is_refused() {
    let p = pair();
    let other = separate_bureau();
    let theirs = p.dir.path().join("other-directory.qqb");
    export_directory(&other, &theirs);
    let dry = fault(import(&p.spoke, &theirs, true, None));
    let BundleFault::OtherBureauRoot { pinned, found } = dry else {
        panic!("{dry:?}")
    };
    assert_ne!(pinned, found);
    // Not even with its root's fingerprint "accepted": the spoke pinned the hub's.
    refused_everywhere(&p.spoke, &p.spoke_db, &theirs, Some(&json!(found)), |f| {
        matches!(f, BundleFault::OtherBureauRoot { .. })
    });
    // A database with no pinned root and a root of its own does not take another
    // bureau's directory unless an administrator compares and accepts its root.
    p.hub.as_("admin");
    let before = dump(&p.hub.db);
    let dry = import(&p.hub.core, &theirs, true, None).unwrap();
    assert_eq!(dry["signerKnown"], false, "{dry}");
    assert!(matches!(
        fault(import(&p.hub.core, &theirs, false, None)),
        BundleFault::UnknownBureauRoot { .. }
    ));
    p.hub.as_("clerk");
    let clerk = import(
        &p.hub.core,
        &theirs,
        false,
        Some(&dry["fingerprintToCompare"]),
    );
    assert!(
        matches!(clerk, Err(AppError::Forbidden { .. })),
        "{clerk:?}"
    );
    assert!(
        dump(&p.hub.db) == before,
        "a refused bundle changed the database"
    );
    // And an older-format directory bundle, carrying no root, proves no authority.
    let mut rootless = payload_of(&p.directory, &p.hub);
    rootless["root"] = Value::Null;
    rootless["id"] = json!(fresh_id());
    let rootless = sealed(
        p.dir.path(),
        "rootless.qqb",
        &rootless,
        &key_of(&p.hub, "admin"),
    );
    refused_everywhere(&p.spoke, &p.spoke_db, &rootless, None, |f| {
        matches!(f, BundleFault::NotFromAdministrator { .. })
    });
}

#[test]
fn a_record_bundle_naming_the_head_as_exporter_is_refused() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    // An outsider whose database also has the people of this bureau (same names and
    // staff numbers) exports as its 李明, then edits the payload to name the head.
    let outsider = separate_bureau();
    outsider.as_("staff");
    call(
        &outsider.core,
        "record_create",
        outsider.meal("staff", "2026-03-03"),
    );
    let real = dir.path().join("outsider.qqb");
    call(
        &outsider.core,
        "bundle_export",
        json!({"path": real.to_string_lossy(), "passphrase": outsider.person("staff").passphrase}),
    );
    let mut payload = payload_of(&real, &outsider);
    payload["exporter"] = exporter(&outsider, "head");
    let forged = sealed(
        dir.path(),
        "as-head.qqb",
        &payload,
        &key_of(&outsider, "staff"),
    );
    let signer = json!(
        bundle::open(&std::fs::read(&forged).unwrap())
            .unwrap()
            .fingerprint
    );
    hub.as_("admin");
    refused_everywhere(&hub.core, &hub.db, &forged, Some(&signer), |f| {
        matches!(f, BundleFault::ExporterNotSigner { claimed, holder }
            if claimed == "赵处长（A-04）" && holder == "李明（A-02）")
    });
    // A key this database knows (the staff member's own) naming the head: refused too.
    hub.as_("staff");
    call(&hub.core, "record_create", hub.meal("staff", "2026-03-04"));
    let own = dir.path().join("own.qqb");
    call(
        &hub.core,
        "bundle_export",
        json!({"path": own.to_string_lossy(), "passphrase": hub.person("staff").passphrase}),
    );
    let mut payload = payload_of(&own, &hub);
    payload["exporter"] = exporter(&hub, "head");
    payload["id"] = json!(fresh_id());
    let forged = sealed(
        dir.path(),
        "own-as-head.qqb",
        &payload,
        &key_of(&hub, "staff"),
    );
    hub.as_("admin");
    refused_everywhere(&hub.core, &hub.db, &forged, None, |f| {
        matches!(f, BundleFault::ExporterNotSigner { .. })
    });
}

#[test]
fn a_record_bundle_changes_no_role_and_carries_no_certificate() {
    let p = pair();
    let hub = &p.hub;
    let staff = key_of(hub, "staff");
    hub.as_("staff");
    call(&hub.core, "record_create", hub.meal("staff", "2026-03-05"));
    let real = p.dir.path().join("records.qqb");
    call(
        &hub.core,
        "bundle_export",
        json!({"path": real.to_string_lossy(), "passphrase": hub.person("staff").passphrase}),
    );
    let genuine = payload_of(&real, hub);
    let fresh = |mut payload: Value| {
        payload["id"] = json!(fresh_id());
        payload
    };
    // Carrying the directory's certificates, standards or a root: refused whole.
    let conn = hub.core.reader();
    let certificates =
        serde_json::to_value(qinqing::store::certificates::certificates(&conn).unwrap()).unwrap();
    drop(conn);
    for (field, value) in [
        ("certificates", certificates),
        ("bureau", json!("另一个局")),
        ("root", payload_of(&p.directory, &p.hub)["root"].clone()),
    ] {
        let mut payload = fresh(genuine.clone());
        payload[field] = value;
        let forged = sealed(p.dir.path(), &format!("with-{field}.qqb"), &payload, &staff);
        refused_everywhere(&p.spoke, &p.spoke_db, &forged, None, |f| {
            matches!(f, BundleFault::RecordsCarryAuthority)
        });
    }
    // A new official (an administrator, say) in a record bundle: refused.
    let mut payload = fresh(genuine.clone());
    let mut newcomer = payload["directory"]["officials"][0].clone();
    newcomer["id"] = json!(fresh_id());
    newcomer["value"]["name"] = json!("钱新");
    newcomer["value"]["staffNo"] = json!("X-99");
    newcomer["value"]["role"] = json!("administrator");
    payload["directory"]["officials"]
        .as_array_mut()
        .unwrap()
        .push(newcomer);
    let forged = sealed(p.dir.path(), "newcomer.qqb", &payload, &staff);
    refused_everywhere(
        &p.spoke,
        &p.spoke_db,
        &forged,
        None,
        |f| matches!(f, BundleFault::NotInDirectory { name } if name == "钱新（X-99）"),
    );
    // The staff member's own row made an administrator's: the record comes in, the role
    // here stays 科员.
    let mut payload = fresh(genuine);
    for official in payload["directory"]["officials"].as_array_mut().unwrap() {
        official["value"]["role"] = json!("administrator");
    }
    let promoted = sealed(p.dir.path(), "promoted.qqb", &payload, &staff);
    let done = import(&p.spoke, &promoted, false, None).unwrap();
    assert_eq!(done["counts"]["new"], 1, "{done}");
    assert_eq!(done["counts"]["directoryUpdated"], 0, "{done}");
    let officials = call(&p.spoke, "official_list", json!({"includeInactive": true}));
    let row = officials
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == hub.person("staff").official)
        .unwrap();
    assert_eq!(row["value"]["role"], "staff", "{row}");
}

#[test]
fn only_an_administrator_by_role_exports_the_directory() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    b.as_("admin");
    // A head who was also given administration of the app: their certificate says
    // 处室负责人, which no spoke takes as the directory's authority.
    let head = official(&b.core, &b.dept_a, "郑处长", "A-09", "departmentHead");
    let profile = call(
        &b.core,
        "profile_create",
        json!({"officialId": head, "administrator": true, "passphrase": "passphrase-of-zheng"}),
    );
    b.core
        .set_session(Some(profile["id"].as_str().unwrap().parse().unwrap()));
    let before = dump(&b.db);
    let error = b
        .try_call(
            "directory_bundle_export",
            json!({"path": dir.path().join("d.qqb").to_string_lossy(), "passphrase": "passphrase-of-zheng"}),
        )
        .unwrap_err();
    assert!(
        matches!(error, AppError::DirectoryNeedsAdministrator),
        "{error:?}"
    );
    assert_eq!(
        error.to_payload(qinqing::i18n::Lang::En).code,
        ErrorCode::Forbidden
    );
    assert!(dump(&b.db) == before);
    assert!(!dir.path().join("d.qqb").exists());
}
