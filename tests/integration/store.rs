//! The store's schema versions and refusals, on real database files.

use std::path::Path;

use qinqing::store::schema::{self, CURRENT_VERSION};
use qinqing::store::{integrity, settings, Stamp, Store, StoreError};
use rusqlite::Connection;

fn stamp() -> Stamp {
    Stamp {
        at: chrono::DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
            .unwrap()
            .into(),
        actor: "test".into(),
    }
}

/// The schema as SQLite reports it, in a stable order, for comparing two databases.
fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, COALESCE(sql, '') FROM sqlite_schema
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn fresh_schema() -> Vec<(String, String, String)> {
    schema_of(Store::open_in_memory(&stamp()).unwrap().reader())
}

/// Every frozen old schema under tests/fixtures/schema/, loaded with its data and
/// opened by the app, must upgrade to exactly the fresh schema and keep its data.
/// A new schema step adds the previous version's frozen file here.
#[test]
fn frozen_old_schemas_upgrade_to_the_fresh_schema() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("old.sqlite3");
        {
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(&std::fs::read_to_string(&path).unwrap())
                .unwrap();
        }
        let store = Store::open(&db, &stamp()).unwrap();
        assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION, "{path:?}");
        let report = integrity::verify(store.reader()).unwrap();
        assert!(
            report.problems.is_empty(),
            "{path:?}: {:?}",
            report.problems
        );
        assert_eq!(schema_of(store.reader()), fresh_schema(), "{path:?}");
        assert_eq!(
            settings::get(store.reader(), settings::LANGUAGE)
                .unwrap()
                .as_deref(),
            Some("en"),
            "{path:?} kept its data"
        );
        seen += 1;
    }
    assert!(seen >= 1, "no frozen schema in {fixtures:?}");
}

/// Upgrading step by step from every older version gives the same schema as a fresh
/// database: no step depends on being run all at once.
#[test]
fn every_partial_upgrade_reaches_the_fresh_schema() {
    for start in 0..=CURRENT_VERSION {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::migrate_to(&mut conn, start, &stamp()).unwrap();
        assert_eq!(schema::user_version(&conn).unwrap(), start);
        schema::migrate(&mut conn, &stamp()).unwrap();
        assert_eq!(schema_of(&conn), fresh_schema(), "from version {start}");
    }
}

#[test]
fn reopening_a_current_database_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let mut store = Store::open(&db, &stamp()).unwrap();
    store
        .write(|tx| settings::set(tx, &stamp(), settings::LANGUAGE, "en"))
        .unwrap();
    drop(store);
    let store = Store::open(&db, &stamp()).unwrap();
    assert_eq!(
        settings::get(store.reader(), settings::LANGUAGE)
            .unwrap()
            .as_deref(),
        Some("en")
    );
}

#[test]
fn a_newer_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.sqlite3");
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x); PRAGMA user_version = {};",
            CURRENT_VERSION + 1
        ))
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    match Store::open(&db, &stamp()) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!(found, CURRENT_VERSION + 1);
            assert_eq!(supported, CURRENT_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file was changed"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.sqlite3");
    let junk = b"this is a text file, not a database, and it is long enough to matter".repeat(80);
    std::fs::write(&db, &junk).unwrap();
    match Store::open(&db, &stamp()) {
        Err(StoreError::Corrupt(_)) => {}
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert!(std::fs::read(&db).unwrap() == junk, "the file was changed");
}

/// Every database has the shipped prefecture-level cities from its first start, each
/// once and with the id its division code gives it everywhere; a database that had
/// made some of them by hand keeps its own entry (and id) for those; the log verifies.
#[test]
fn every_database_ships_the_prefecture_level_cities_once() {
    use qinqing::domain::cities;
    use qinqing::domain::directory::City;
    use qinqing::store::directory;

    let fresh = Store::open_in_memory(&stamp()).unwrap();
    let listed = directory::list::<City>(fresh.reader(), true).unwrap();
    assert_eq!(listed.len(), cities::shipped().len());
    let shenyang = listed
        .iter()
        .find(|c| c.value.name == "沈阳市")
        .expect("沈阳市");
    assert_eq!(shenyang.id.uuid(), cities::id_of(2101));
    assert_eq!(shenyang.value.province, "辽宁省");
    assert!(integrity::verify(fresh.reader())
        .unwrap()
        .problems
        .is_empty());

    // A database of the version before the cities were shipped (schema 13), with 深圳市
    // made by hand.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("older.sqlite3");
    let own = uuid::Uuid::from_u128(42);
    {
        let mut conn = Connection::open(&db).unwrap();
        schema::migrate_to(&mut conn, 13, &stamp()).unwrap();
        directory::insert(
            &conn,
            &stamp(),
            own.into(),
            City {
                province: "广东省".into(),
                name: "深圳市".into(),
            },
        )
        .unwrap();
    }
    let store = Store::open(&db, &stamp()).unwrap();
    let listed = directory::list::<City>(store.reader(), true).unwrap();
    assert_eq!(listed.len(), cities::shipped().len(), "no city twice");
    let shenzhen: Vec<_> = listed.iter().filter(|c| c.value.name == "深圳市").collect();
    assert_eq!(shenzhen.len(), 1);
    assert_eq!(
        shenzhen[0].id.uuid(),
        own,
        "the database's own entry is kept"
    );
    assert!(integrity::verify(store.reader())
        .unwrap()
        .problems
        .is_empty());
}
