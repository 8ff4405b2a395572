use super::*;

/// The office and the laptop both changed the same record.
fn conflicting(office: &Bureau, dir: &Path) -> (Laptop, PathBuf, String) {
    office.as_("clerk");
    let record = call(
        &office.core,
        "record_create",
        office.meal("staff", "2026-03-10"),
    );
    let id = record["id"].as_str().unwrap().to_owned();
    let laptop = laptop(office, dir);
    laptop.as_(office, "clerk");
    let mut theirs = office.meal("staff", "2026-03-10");
    theirs["body"]["meal"]["place"] = json!("企业食堂二楼");
    theirs["id"] = json!(id);
    theirs["version"] = json!(1);
    theirs["reason"] = json!("地点更正");
    call(&laptop.core, "record_update", theirs);
    office.as_("clerk");
    let mut mine = office.meal("staff", "2026-03-10");
    mine["body"]["meal"]["receiptNo"] = json!("SC-9");
    mine["id"] = json!(id);
    mine["version"] = json!(1);
    mine["reason"] = json!("票号更正");
    call(&office.core, "record_update", mine);
    let file = dir.join("conflict.qqb");
    laptop.export(
        office,
        "clerk",
        &file,
        json!({"from": "2026-03-10", "to": "2026-03-10"}),
    );
    (laptop, file, id)
}

#[test]
fn a_conflict_is_shown_and_each_resolution_does_what_it_says() {
    for choice in ["unresolved", "keepMine", "takeTheirs", "keepBoth", "locked"] {
        let office = bureau();
        let dir = tempfile::tempdir().unwrap();
        let (_laptop, file, id) = conflicting(&office, dir.path());
        let report = import(&office, &file, true, json!({})).unwrap();
        assert_eq!(report["records"][0]["outcome"], "conflict", "{report}");
        assert_eq!(report["counts"]["conflicts"], 1);
        let mine = essence(&office.core, &id);
        match choice {
            "unresolved" => {
                assert_refused_as(&office, &file, "differ from the ones here", &[false])
            }
            "keepMine" => {
                let done = import(&office, &file, false, json!({ &id: "keepMine" })).unwrap();
                assert_eq!(done["records"][0]["outcome"], "keptMine");
                assert_eq!(essence(&office.core, &id), mine);
            }
            "takeTheirs" => {
                let done = import(&office, &file, false, json!({ &id: "takeTheirs" })).unwrap();
                assert_eq!(done["records"][0]["outcome"], "tookTheirs");
                let now = essence(&office.core, &id);
                assert_eq!(now["body"]["meal"]["place"], "企业食堂二楼");
                assert_eq!(
                    now["version"], 3,
                    "a new version; mine stays in the history"
                );
                let history = call(&office.core, "record_history", json!({"id": id}));
                assert!(history.to_string().contains("SC-9"), "{history}");
            }
            "keepBoth" => {
                let done = import(&office, &file, false, json!({ &id: "keepBoth" })).unwrap();
                assert_eq!(done["records"][0]["outcome"], "keptBoth");
                assert_eq!(essence(&office.core, &id), mine);
                let list = call(
                    &office.core,
                    "record_list",
                    json!({"filter": {"from": "2026-03-10", "to": "2026-03-10"}}),
                );
                let places: Vec<&str> = list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["body"]["meal"]["place"].as_str().unwrap())
                    .collect();
                assert_eq!(places.len(), 2, "{list}");
                assert!(places.contains(&"企业食堂二楼"));
            }
            "locked" => {
                // The record here is in a signed register: theirs becomes an
                // amendment waiting for the head's approval.
                let item = json!({"id": id, "version": 2});
                office.review("clerk", "submit", &item, "").unwrap();
                office.review("head", "approve", &item, "").unwrap();
                office.lock(id.parse().unwrap(), "register-2026-03");
                let report = import(&office, &file, true, json!({})).unwrap();
                assert_eq!(report["records"][0]["locked"], true);
                let done = import(&office, &file, false, json!({ &id: "takeTheirs" })).unwrap();
                assert_eq!(done["records"][0]["outcome"], "amendment");
                assert_eq!(office.status(&json!(id)), "submitted");
                let review = call(&office.core, "review_get", json!({"id": id}));
                assert_eq!(review["amended"], true, "{review}");
                assert_eq!(review["locked"], true, "{review}");
            }
            _ => unreachable!(),
        }
    }
}

#[test]
fn tampered_damaged_foreign_and_newer_bundles_are_refused_whole() {
    let office = bureau();
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop(&office, dir.path());
    field_work(&office, &laptop);
    let file = dir.path().join("good.qqb");
    laptop.export(&office, "staff", &file, json!({"from": "2026-03-16"}));
    let good = std::fs::read(&file).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();
    let payload_at = text.match_indices('\n').nth(1).unwrap().0 + 1;
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };

    // A flipped byte, in the payload and in the header.
    for (i, at) in [
        payload_at + 10,
        good.len() / 2,
        good.len() - 2,
        payload_at - 40,
        30,
    ]
    .into_iter()
    .enumerate()
    {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        let path = write(&format!("flipped-{i}.qqb"), &bad);
        let error = import(&office, &path, true, json!({})).unwrap_err();
        assert_eq!(
            error.to_payload(qinqing::i18n::Lang::En).code,
            ErrorCode::Validation,
            "offset {at}"
        );
        assert_refused(&office, &path, "");
    }
    let message = |path: &Path| {
        import(&office, path, false, json!({}))
            .unwrap_err()
            .to_payload(qinqing::i18n::Lang::En)
            .message
    };
    assert!(message(&write("flip.qqb", &{
        let mut bad = good.clone();
        bad[payload_at + 10] ^= 0x01;
        bad
    }))
    .contains("altered"));

    // A record removed, an amount changed: the payload no longer matches the signature.
    let mut payload: Value = serde_json::from_str(&text[payload_at..]).unwrap();
    let header = &text[..payload_at];
    let mut removed = payload.clone();
    removed["records"].as_array_mut().unwrap().pop();
    assert_refused(
        &office,
        &write("removed.qqb", format!("{header}{removed}").as_bytes()),
        "altered",
    );
    payload["records"][0]["body"]["meal"]["amountPaid"] = json!(1);
    assert_refused(
        &office,
        &write("amount.qqb", format!("{header}{payload}").as_bytes()),
        "altered",
    );
    // Cut off in copying.
    assert_refused(
        &office,
        &write("cut.qqb", &good[..good.len() - 100]),
        "incomplete",
    );
    // A newer format version.
    let newer = text.replacen("QINQING-BUNDLE 5", "QINQING-BUNDLE 6", 1);
    assert_refused(
        &office,
        &write("newer.qqb", newer.as_bytes()),
        "newer version",
    );
    // Not a bundle at all.
    assert_refused(
        &office,
        &write("note.qqb", b"hello"),
        "not an exchange bundle",
    );

    // Signed by a key this office does not know: another bureau's staff member.
    let stranger = separate_bureau();
    stranger.as_("staff");
    call(
        &stranger.core,
        "record_create",
        stranger.meal("staff", "2026-03-03"),
    );
    let foreign = dir.path().join("foreign.qqb");
    call(
        &stranger.core,
        "bundle_export",
        json!({"path": foreign.to_string_lossy(), "passphrase": stranger.person("staff").passphrase}),
    );
    // The dry run names the unknown signer for the person to compare; the import
    // refuses it.
    let report = import(&office, &foreign, true, json!({})).unwrap();
    assert_eq!(report["signerKnown"], false);
    assert_refused_as(&office, &foreign, "does not know", &[false]);
    // Accepting another fingerprint than the bundle's changes nothing either.
    let before = dump(&office.db);
    office.as_("admin");
    let error = office
        .try_call(
            "bundle_import",
            json!({"path": foreign.to_string_lossy(), "trustFingerprint": "00".repeat(32)}),
        )
        .unwrap_err();
    assert!(error
        .to_payload(qinqing::i18n::Lang::En)
        .message
        .contains("does not know"));
    assert!(dump(&office.db) == before);
}

#[test]
fn a_fresh_spoke_takes_the_hubs_directory_and_the_hub_accepts_the_spokes_signer() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    hub.as_("admin");
    call(
        &hub.core,
        "bureau_save",
        json!({"name": "沈阳市示范区投资促进局"}),
    );
    let directory = dir.path().join("directory.qqb");
    call(
        &hub.core,
        "directory_bundle_export",
        json!({"path": directory.to_string_lossy(), "passphrase": hub.person("admin").passphrase}),
    );
    // A fresh laptop: no profiles yet.
    let spoke_db = dir.path().join("spoke.sqlite3");
    let spoke = Core::open(
        DataLocation::for_database(&spoke_db),
        Some(qinqing::i18n::Lang::En),
        Box::new(TestClock::at("2026-03-16T08:00:00Z")),
        "test:spoke".into(),
    )
    .unwrap();
    let take = |core: &Core, path: &Path, trust: Option<&Value>| {
        let mut request = json!({"path": path.to_string_lossy()});
        if let Some(fingerprint) = trust {
            request["trustFingerprint"] = fingerprint.clone();
        }
        qinqing::commands::dispatch(core, "bundle_import", request)
    };
    let dry = call(
        &spoke,
        "bundle_import",
        json!({"path": directory.to_string_lossy(), "dryRun": true}),
    );
    assert_eq!(dry["purpose"], "directory");
    assert_eq!(dry["signerKnown"], false);
    assert!(
        take(&spoke, &directory, None).is_err(),
        "unknown until its fingerprint is accepted"
    );
    // What is compared and pinned is the bureau root, not the administrator's key.
    assert_ne!(dry["fingerprintToCompare"], dry["signerFingerprint"]);
    assert!(
        dry["rootSubject"].as_str().unwrap().contains("根证书"),
        "{dry}"
    );
    assert!(take(&spoke, &directory, Some(&dry["signerFingerprint"])).is_err());
    let done = take(&spoke, &directory, Some(&dry["fingerprintToCompare"])).unwrap();
    assert_eq!(done["counts"]["certificatesAdded"], 7, "{done}");
    // The same ids everywhere, the bureau, the standards.
    for kind in ["department", "official", "counterpart", "standard"] {
        let ids = |core: &Core| -> Vec<Value> {
            let mut ids: Vec<Value> = call(
                core,
                &format!("{kind}_list"),
                json!({"includeInactive": true}),
            )
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["id"].clone())
            .collect();
            ids.sort_by_key(|v| v.to_string());
            ids
        };
        assert_eq!(ids(&spoke), ids(&hub.core), "{kind}");
    }
    assert_eq!(
        call(&spoke, "bureau_get", json!({}))["name"],
        "沈阳市示范区投资促进局"
    );

    // The staff member makes a profile on the laptop, registers a meal, exports it.
    let staff = hub.person("staff");
    let profile = call(
        &spoke,
        "profile_create",
        json!({"officialId": staff.official, "administrator": true, "passphrase": "laptop passphrase"}),
    );
    spoke.set_session(Some(profile["id"].as_str().unwrap().parse().unwrap()));
    let meal = call(&spoke, "record_create", hub.meal("staff", "2026-03-16"))["id"].clone();
    let field = dir.path().join("field.qqb");
    call(
        &spoke,
        "bundle_export",
        json!({"path": field.to_string_lossy(), "passphrase": "laptop passphrase"}),
    );
    // The hub does not know the laptop's key: the administrator compares the
    // fingerprint and accepts it; the clerk may not.
    let dry = import(&hub, &field, true, json!({})).unwrap();
    assert_eq!(dry["signerKnown"], false);
    assert_eq!(dry["exporterName"], "李明（A-02）");
    hub.as_("clerk");
    let refused = hub
        .try_call(
            "bundle_import",
            json!({"path": field.to_string_lossy(), "trustFingerprint": dry["signerFingerprint"]}),
        )
        .unwrap_err();
    assert_eq!(
        refused.to_payload(qinqing::i18n::Lang::En).code,
        ErrorCode::Forbidden
    );
    hub.as_("admin");
    let done = hub
        .try_call(
            "bundle_import",
            json!({"path": field.to_string_lossy(), "trustFingerprint": dry["signerFingerprint"]}),
        )
        .unwrap();
    assert_eq!(done["counts"]["new"], 1);
    assert_eq!(done["counts"]["certificatesAdded"], 1);
    assert_eq!(
        essence(&hub.core, meal.as_str().unwrap())["body"],
        essence(&spoke, meal.as_str().unwrap())["body"]
    );
    // From now on the laptop's bundles are known.
    call(&spoke, "record_create", hub.meal("staff", "2026-03-17"));
    let next = dir.path().join("field-2.qqb");
    call(
        &spoke,
        "bundle_export",
        json!({"path": next.to_string_lossy(), "passphrase": "laptop passphrase", "selection": {"notYetExported": true}}),
    );
    let done = import(&hub, &next, false, json!({})).unwrap();
    assert_eq!(done["signerKnown"], true);
    assert_eq!(done["counts"]["new"], 1);

    // The hub renames an enterprise; its next directory bundle updates the spoke.
    let mut enterprise = call(&hub.core, "counterpart_list", json!({}))[0].clone();
    enterprise["value"]["name"] = json!("沈北星辰智能装备集团有限公司");
    call(
        &hub.core,
        "counterpart_save",
        json!({"id": enterprise["id"], "version": enterprise["version"], "value": enterprise["value"]}),
    );
    let second = dir.path().join("directory-2.qqb");
    call(
        &hub.core,
        "directory_bundle_export",
        json!({"path": second.to_string_lossy(), "passphrase": hub.person("admin").passphrase}),
    );
    let done = take(&spoke, &second, None).unwrap();
    assert_eq!(
        done["signerKnown"], true,
        "the hub's certificate came with its directory"
    );
    assert_eq!(done["counts"]["directoryUpdated"], 1, "{done}");
    let renamed = call(&spoke, "counterpart_list", json!({}));
    assert!(renamed.to_string().contains("沈北星辰智能装备集团有限公司"));
    for core in [&spoke, &hub.core] {
        assert_eq!(call(core, "audit_verify", json!({}))["problems"], json!([]));
    }
}

#[test]
fn a_signed_bundle_with_an_invalid_record_is_refused_and_the_dry_run_names_it() {
    let office = bureau();
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop(&office, dir.path());
    field_work(&office, &laptop);
    let file = dir.path().join("good.qqb");
    laptop.export(&office, "staff", &file, json!({"from": "2026-03-16"}));
    // Someone with the staff member's key signs a bundle whose meal has a negative
    // amount: the signature is good, the record is not.
    let bytes = std::fs::read(&file).unwrap();
    let opened = qinqing::bundle::open(&bytes).unwrap();
    let mut payload: Value = serde_json::from_slice(&opened.payload).unwrap();
    let meal = payload["records"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["body"].get("meal").is_some())
        .unwrap();
    meal["body"]["meal"]["amountPaid"] = json!(-500);
    let key = {
        let conn = crate::common::raw(&laptop.db).unwrap();
        let row = qinqing::store::profiles::current_key(&conn, office.person("staff").profile)
            .unwrap()
            .unwrap();
        qinqing::signing::keys::unlock(
            &row.encrypted_key,
            &row.certificate_der,
            &office.person("staff").passphrase,
        )
        .unwrap()
    };
    let at: DateTime<Utc> = "2026-03-20T10:00:00Z".parse().unwrap();
    let forged = qinqing::bundle::seal(&serde_json::to_vec(&payload).unwrap(), &key, at, None);
    let path = dir.path().join("invalid.qqb");
    std::fs::write(&path, forged).unwrap();
    let before = dump(&office.db);
    let report = import(&office, &path, true, json!({})).unwrap();
    assert_eq!(report["counts"]["invalid"], 1, "{report}");
    let line = report["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["outcome"] == "invalid")
        .unwrap();
    assert!(
        line["problem"].as_str().unwrap().contains("amountPaid")
            || line["problem"].as_str().unwrap().contains("negative"),
        "{line}"
    );
    assert!(dump(&office.db) == before);
    assert_refused_as(&office, &path, "fail validation", &[false]);
    // The same record twice, signed: refused as malformed before anything is read.
    let mut twice: Value = serde_json::from_slice(&opened.payload).unwrap();
    let first = twice["records"][0].clone();
    twice["records"].as_array_mut().unwrap().push(first);
    let doubled = dir.path().join("twice.qqb");
    std::fs::write(
        &doubled,
        qinqing::bundle::seal(&serde_json::to_vec(&twice).unwrap(), &key, at, None),
    )
    .unwrap();
    assert_refused(&office, &doubled, "appears twice");
}

#[test]
fn the_cli_exports_and_imports_with_a_dry_run() {
    let office = bureau();
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop(&office, dir.path());
    field_work(&office, &laptop);
    let file = dir.path().join("cli.qqb");
    let staff = office.person("staff");
    let out = qinqing_as(
        &laptop.db,
        "A-02",
        &staff.passphrase,
        &[
            "bundle",
            "export",
            "--out",
            file.to_str().unwrap(),
            "--from",
            "2026-03-16",
            "--kind",
            "meal",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(exported["records"], 1);
    let admin = office.person("admin");
    let db = office.db.clone();
    let before = dump(&db);
    let out = qinqing_as(
        &db,
        "A-01",
        &admin.passphrase,
        &["bundle", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["counts"]["new"], 1);
    assert!(dump(&db) == before);
    let out = qinqing_as(
        &db,
        "A-01",
        &admin.passphrase,
        &["bundle", "import", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dump(&db) != before);
}
