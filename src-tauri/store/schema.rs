//! Schema versions, kept in `PRAGMA user_version`.
//!
//! A fresh database runs every step; an older one runs the steps it lacks, all in one
//! transaction; a newer one is refused. A shipped step is never edited: changes are
//! new steps appended to [`STEPS`], each with an upgrade test (see `tests/store.rs`).

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::audit::{self, Change, Stamp};
use super::error::StoreError;

/// Rust run after a step's SQL, for what SQL cannot do (such as hashing).
pub type StepCode = fn(&Transaction<'_>, &Stamp) -> Result<(), StoreError>;

/// One upgrade step: SQL, then (rarely) Rust.
pub struct Step {
    pub sql: &'static str,
    pub code: Option<StepCode>,
}

/// `STEPS[i]` upgrades a database from version `i` to `i + 1`.
pub const STEPS: &[Step] = &[
    // 1: key–value settings (language, later the bureau's name and the standards' choices).
    Step {
        sql: "CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
        code: None,
    },
    // 2: the hash-chained audit log; settings saved before it are adopted into it.
    Step {
        sql: "CREATE TABLE audit (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before    TEXT,
        after     TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_entity ON audit (entity, entity_id, seq);
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
        code: Some(adopt_settings),
    },
    // 3: the directory and the records. Each row keeps its domain value as JSON in
    // `body`, with the columns that lists filter and sort on beside it; the audit log
    // vouches for the whole row (see `audit::AUDITED`).
    Step {
        sql: "CREATE TABLE department (
        id      TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        name    TEXT NOT NULL,
        active  INTEGER NOT NULL,
        body    TEXT NOT NULL
    ) STRICT;
    CREATE TABLE official (
        id            TEXT PRIMARY KEY NOT NULL,
        version       INTEGER NOT NULL,
        department_id TEXT NOT NULL REFERENCES department (id),
        name          TEXT NOT NULL,
        staff_no      TEXT NOT NULL UNIQUE,
        active        INTEGER NOT NULL,
        body          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX official_by_department ON official (department_id, name);
    CREATE TABLE counterpart (
        id            TEXT PRIMARY KEY NOT NULL,
        version       INTEGER NOT NULL,
        name          TEXT NOT NULL,
        credit_code   TEXT UNIQUE,
        credit_status TEXT NOT NULL,
        active        INTEGER NOT NULL,
        body          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX counterpart_by_name ON counterpart (name);
    CREATE TABLE city (
        id       TEXT PRIMARY KEY NOT NULL,
        version  INTEGER NOT NULL,
        province TEXT NOT NULL,
        name     TEXT NOT NULL,
        body     TEXT NOT NULL,
        UNIQUE (province, name)
    ) STRICT;
    CREATE TABLE record (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        kind          TEXT NOT NULL CHECK (kind IN ('trip', 'meal', 'gift', 'contact')),
        version       INTEGER NOT NULL,
        department_id TEXT NOT NULL REFERENCES department (id),
        occurred_on   TEXT NOT NULL,
        amount_fen    INTEGER NOT NULL,
        cancelled     INTEGER NOT NULL,
        note          TEXT NOT NULL,
        entered_by    TEXT NOT NULL,
        entered_at    TEXT NOT NULL,
        body          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX record_by_date ON record (occurred_on, id);
    CREATE INDEX record_by_department ON record (department_id, occurred_on, id);
    CREATE INDEX record_by_kind ON record (kind, occurred_on, id);
    CREATE TABLE record_official (
        record_id   TEXT NOT NULL REFERENCES record (id),
        official_id TEXT NOT NULL REFERENCES official (id),
        PRIMARY KEY (record_id, official_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX record_official_by_official ON record_official (official_id, record_id);
    CREATE TABLE record_counterpart (
        record_id      TEXT NOT NULL REFERENCES record (id),
        counterpart_id TEXT NOT NULL REFERENCES counterpart (id),
        PRIMARY KEY (record_id, counterpart_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX record_counterpart_by_counterpart ON record_counterpart (counterpart_id, record_id);
    CREATE VIRTUAL TABLE record_search USING fts5 (
        text, content = '', contentless_delete = 1, tokenize = 'unicode61'
    );",
        code: None,
    },
    // 4: attachments (receipts, vouchers, scans), stored once per content and linked
    // to records; an unlinked attachment keeps its bytes.
    Step {
        sql: "CREATE TABLE attachment (
        sha256     TEXT PRIMARY KEY NOT NULL,
        media_type TEXT NOT NULL,
        size       INTEGER NOT NULL,
        data       BLOB NOT NULL
    ) STRICT;
    CREATE TABLE record_attachment (
        id        TEXT PRIMARY KEY NOT NULL,
        record_id TEXT NOT NULL REFERENCES record (id),
        sha256    TEXT NOT NULL REFERENCES attachment (sha256),
        name      TEXT NOT NULL,
        removed   INTEGER NOT NULL,
        UNIQUE (record_id, sha256)
    ) STRICT;
    CREATE INDEX record_attachment_by_record ON record_attachment (record_id);",
        code: None,
    },
    // 5: compliance standards (effective-dated, audited, seeded with the figures that
    // have a public source), the administrator's holiday corrections, and each record's
    // findings in brief, so lists can filter on them (the messages are recomputed);
    // and indexes that answer a deep page, the totals and the months' counts of live
    // records from the index alone (measured on 1,000,000 records: see the bench).
    Step {
        sql: "CREATE TABLE standard (
        id             TEXT PRIMARY KEY NOT NULL,
        version        INTEGER NOT NULL,
        key            TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        active         INTEGER NOT NULL,
        body           TEXT NOT NULL
    ) STRICT;
    CREATE INDEX standard_by_key ON standard (key, effective_from);
    CREATE TABLE holiday (
        id      TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL,
        date    TEXT NOT NULL UNIQUE,
        active  INTEGER NOT NULL,
        body    TEXT NOT NULL
    ) STRICT;
    CREATE TABLE record_finding (
        record_id    TEXT NOT NULL REFERENCES record (id),
        rule         TEXT NOT NULL,
        severity     TEXT NOT NULL CHECK (severity IN ('violation', 'warning', 'note')),
        active_from  TEXT,
        active_until TEXT
    ) STRICT;
    CREATE INDEX record_finding_by_record ON record_finding (record_id);
    CREATE INDEX record_finding_by_severity ON record_finding (severity, record_id);
    CREATE INDEX record_finding_by_rule ON record_finding (rule, active_from);
    DROP INDEX record_by_kind;
    DROP INDEX record_by_department;
    CREATE INDEX record_by_kind ON record (kind, cancelled, occurred_on, id, amount_fen);
    CREATE INDEX record_by_department ON record (department_id, cancelled, occurred_on, id, amount_fen);
    CREATE INDEX record_live_by_date ON record (cancelled, occurred_on, id, amount_fen);
    CREATE INDEX record_by_month_kind ON record (cancelled, occurred_on, kind, department_id);",
        code: Some(seed_standards_and_findings),
    },
    // 6: profiles (one per official who signs in, passphrase as an Argon2id hash),
    // their keys and certificates (kept after revocation, so what they signed still
    // verifies), each record's review, and the monthly nil attestations. A record
    // with no review row is a draft, so records stored before need no rewriting.
    Step {
        sql: "CREATE TABLE profile (
        id              TEXT PRIMARY KEY NOT NULL,
        version         INTEGER NOT NULL,
        official_id     TEXT NOT NULL UNIQUE REFERENCES official (id),
        administrator   INTEGER NOT NULL,
        active          INTEGER NOT NULL,
        passphrase_hash TEXT NOT NULL,
        created_at      TEXT NOT NULL
    ) STRICT;
    CREATE TABLE profile_key (
        id             TEXT PRIMARY KEY NOT NULL,
        profile_id     TEXT NOT NULL REFERENCES profile (id),
        fingerprint    TEXT NOT NULL UNIQUE,
        certificate    TEXT NOT NULL,
        encrypted_key  TEXT NOT NULL,
        origin         TEXT NOT NULL CHECK (origin IN ('selfSigned', 'imported')),
        created_at     TEXT NOT NULL,
        revoked_from   TEXT,
        revoked_reason TEXT NOT NULL
    ) STRICT;
    CREATE INDEX profile_key_by_profile ON profile_key (profile_id, created_at);
    CREATE TABLE record_review (
        record_id      TEXT PRIMARY KEY NOT NULL REFERENCES record (id),
        status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
        locked_by      TEXT,
        amended        INTEGER NOT NULL,
        comment        TEXT NOT NULL,
        record_version INTEGER NOT NULL,
        signature      TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX record_review_by_status ON record_review (status, record_id);
    CREATE TABLE attestation (
        id          TEXT PRIMARY KEY NOT NULL,
        official_id TEXT NOT NULL REFERENCES official (id),
        month       TEXT NOT NULL,
        active      INTEGER NOT NULL,
        signature   TEXT NOT NULL,
        UNIQUE (official_id, month)
    ) STRICT;",
        code: None,
    },
    // 7: issued registers: one signed register per department and month, its
    // manifest (what it states, as signed), and the PDF as it now stands (signed, then
    // countersigned), so it can be saved again and verified against the database.
    Step {
        sql: "CREATE TABLE issued_register (
        id                TEXT PRIMARY KEY NOT NULL,
        department_id     TEXT NOT NULL REFERENCES department (id),
        month             TEXT NOT NULL,
        manifest          TEXT NOT NULL,
        manifest_sha256   TEXT NOT NULL,
        pdf               BLOB NOT NULL,
        pdf_sha256        TEXT NOT NULL,
        signed_by         TEXT NOT NULL REFERENCES profile (id),
        signed_at         TEXT NOT NULL,
        countersigned_by  TEXT REFERENCES profile (id),
        countersigned_at  TEXT,
        UNIQUE (department_id, month)
    ) STRICT;
    CREATE INDEX issued_register_by_manifest ON issued_register (manifest_sha256);",
        code: None,
    },
    // 8: exchange bundles sent and received (docs/bundle-format.md): one row per
    // bundle, with the signer and the sending database's chain head, and which record
    // versions each carried ("not yet exported"; a bundle imported twice is a no-op).
    Step {
        sql: "CREATE TABLE bundle_exchange (
        id                 TEXT PRIMARY KEY NOT NULL,
        direction          TEXT NOT NULL CHECK (direction IN ('export', 'import')),
        payload_sha256     TEXT NOT NULL,
        at                 TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        source_database    TEXT NOT NULL,
        source_chain_seq   INTEGER NOT NULL,
        source_chain_hash  TEXT NOT NULL,
        summary            TEXT NOT NULL
    ) STRICT;
    CREATE TABLE bundle_record (
        bundle_id TEXT NOT NULL REFERENCES bundle_exchange (id),
        record_id TEXT NOT NULL,
        version   INTEGER NOT NULL,
        PRIMARY KEY (bundle_id, record_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX bundle_record_by_record ON bundle_record (record_id, version);",
        code: None,
    },
    // 9: certificates of officials whose keys live in another database: the hub's
    // people, sent in its directory bundle, and a field laptop's user, accepted after
    // comparing the fingerprint. Bundles and signatures by them verify here.
    Step {
        sql: "CREATE TABLE known_certificate (
        fingerprint  TEXT PRIMARY KEY NOT NULL,
        official_id  TEXT NOT NULL REFERENCES official (id),
        certificate  TEXT NOT NULL,
        origin       TEXT NOT NULL CHECK (origin IN ('directory', 'accepted')),
        revoked_from TEXT
    ) STRICT;",
        code: None,
    },
    // 10: the bureau's certificate authority: its root certificate (one per database),
    // and the root key encrypted once for each administrator who holds it. Profile
    // certificates issued from then on are the root's; what self-signed keys signed
    // before stays valid.
    Step {
        sql: "CREATE TABLE bureau_root (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        certificate TEXT NOT NULL,
        origin      TEXT NOT NULL CHECK (origin IN ('created', 'imported')),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE root_key_slot (
        profile_id       TEXT PRIMARY KEY NOT NULL REFERENCES profile (id),
        root_fingerprint TEXT NOT NULL REFERENCES bureau_root (fingerprint),
        encrypted_key    TEXT NOT NULL
    ) STRICT;",
        code: None,
    },
    // 11: signed checkpoints of the audit chain (see `store::checkpoints`): append-only
    // like the log itself, and not audited, since each carries its own signature.
    Step {
        sql: "CREATE TABLE audit_checkpoint (
        seq        INTEGER PRIMARY KEY NOT NULL,
        profile_id TEXT NOT NULL,
        signature  TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER audit_checkpoint_append_only_update BEFORE UPDATE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
    CREATE TRIGGER audit_checkpoint_append_only_delete BEFORE DELETE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;",
        code: None,
    },
    // 12: the audit rows and signed checkpoints other databases' bundles carried (see
    // `store::witnessed`): what this database saw of each source's history, kept so the
    // registers a source issued verify here. Not audited: each row carries its own
    // hash, and each checkpoint its signer's signature. Append-only.
    Step {
        sql: "CREATE TABLE witnessed_chain (
        source_database TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        at              TEXT NOT NULL,
        actor           TEXT NOT NULL,
        action          TEXT NOT NULL,
        entity          TEXT NOT NULL,
        entity_id       TEXT NOT NULL,
        before          TEXT,
        after           TEXT,
        prev_hash       TEXT NOT NULL,
        hash            TEXT NOT NULL,
        PRIMARY KEY (source_database, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX witnessed_register ON witnessed_chain (entity, entity_id)
        WHERE entity = 'register';
    CREATE TRIGGER witnessed_chain_append_only_update BEFORE UPDATE ON witnessed_chain
        BEGIN SELECT RAISE(ABORT, 'witnessed rows are append-only'); END;
    CREATE TRIGGER witnessed_chain_append_only_delete BEFORE DELETE ON witnessed_chain
        BEGIN SELECT RAISE(ABORT, 'witnessed rows are append-only'); END;
    CREATE TABLE witnessed_checkpoint (
        source_database TEXT NOT NULL,
        seq             INTEGER NOT NULL,
        signature       TEXT NOT NULL,
        PRIMARY KEY (source_database, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER witnessed_checkpoint_append_only_update BEFORE UPDATE ON witnessed_checkpoint
        BEGIN SELECT RAISE(ABORT, 'witnessed checkpoints are append-only'); END;
    CREATE TRIGGER witnessed_checkpoint_append_only_delete BEFORE DELETE ON witnessed_checkpoint
        BEGIN SELECT RAISE(ABORT, 'witnessed checkpoints are append-only'); END;",
        code: None,
    },
    // 13: lists sorted by amount (largest or smallest first), live records and all,
    // page by these indexes instead of sorting every record.
    Step {
        sql: "CREATE INDEX record_live_by_amount ON record (cancelled, amount_fen, id);
    CREATE INDEX record_by_amount ON record (amount_fen, id);",
        code: None,
    },
    // 14: the shipped prefecture-level cities (see `domain::cities`), audited as any
    // directory entry; a city the database already has by that province and name is
    // kept as it is.
    Step {
        sql: "",
        code: Some(ship_cities),
    },
    // 15: the bundle keys bundles are sealed to (see `store::bundle_keys`): this
    // bureau's key pairs, kept out of the audited images.
    Step {
        sql: "CREATE TABLE bundle_key (
        fingerprint TEXT PRIMARY KEY NOT NULL,
        public_key  BLOB NOT NULL,
        private_key BLOB NOT NULL,
        created_at  TEXT NOT NULL
    ) STRICT;",
        code: None,
    },
];

fn ship_cities(tx: &Transaction<'_>, stamp: &Stamp) -> Result<(), StoreError> {
    let known: std::collections::HashSet<(String, String)> =
        super::directory::list::<crate::domain::directory::City>(tx, true)?
            .into_iter()
            .map(|c| (c.value.province, c.value.name))
            .collect();
    for (id, city) in crate::domain::cities::shipped() {
        if !known.contains(&(city.province.clone(), city.name.clone())) {
            super::directory::insert(tx, stamp, id.into(), city)?;
        }
    }
    Ok(())
}

/// Ships the standards that have a public source, and evaluates the records an older
/// version stored.
fn seed_standards_and_findings(tx: &Transaction<'_>, stamp: &Stamp) -> Result<(), StoreError> {
    for shipped in crate::rules::standards::shipped() {
        super::directory::insert(tx, stamp, shipped.id.into(), shipped.standard)?;
    }
    super::findings::refresh_all(tx)
}

fn adopt_settings(tx: &Transaction<'_>, stamp: &Stamp) -> Result<(), StoreError> {
    let mut stmt = tx.prepare("SELECT key, value FROM setting ORDER BY key")?;
    let settings: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (key, value) in settings {
        audit::append(
            tx,
            stamp,
            &Change {
                action: "adopt",
                entity: "setting",
                entity_id: &key,
                before: None,
                after: Some(&value),
            },
        )?;
    }
    Ok(())
}

/// The schema version this app writes.
pub const CURRENT_VERSION: u32 = STEPS.len() as u32;

pub fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Fails with [`StoreError::TooNew`] when the database is newer than this app.
pub fn refuse_newer(conn: &Connection) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    Ok(())
}

/// Brings the database to [`CURRENT_VERSION`], or refuses a newer one untouched.
/// `stamp` says who and when, for what an upgrade writes into the audit log.
pub fn migrate(conn: &mut Connection, stamp: &Stamp) -> Result<(), StoreError> {
    migrate_to(conn, CURRENT_VERSION, stamp)
}

/// Upgrades to `target` (≤ current). Tests use it to build the old schemas that
/// upgrade tests start from.
pub fn migrate_to(conn: &mut Connection, target: u32, stamp: &Stamp) -> Result<(), StoreError> {
    assert!(
        target <= CURRENT_VERSION,
        "no schema step for version {target}"
    );
    refuse_newer(conn)?;
    let found = user_version(conn)?;
    if found >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for step in &STEPS[found as usize..target as usize] {
        tx.execute_batch(step.sql)?;
        if let Some(code) = step.code {
            code(&tx, stamp)?;
        }
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}
