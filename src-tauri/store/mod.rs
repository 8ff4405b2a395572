//! The SQLite store: one place for pragmas, schema upgrades and transactions.
//! Repositories (one per aggregate) live beside this file and take a connection
//! or a transaction; nothing else in the app runs SQL.

pub mod attachments;
pub mod audit;
pub mod backup;
pub mod bundle_keys;
pub mod bureau_root;
pub mod certificates;
pub mod checkpoints;
pub mod cipher;
pub mod directory;
pub mod directory_history;
pub mod error;
pub mod exchange;
pub mod findings;
pub mod integrity;
pub mod integrity_words;
pub mod keyslots;
pub mod late;
pub mod profiles;
pub mod readers;
pub mod record_list;
mod record_rows;
pub mod records;
pub mod references;
pub mod registers;
pub mod review;
pub mod schema;
pub mod search;
pub mod settings;
mod sql;
pub mod vault;
pub mod witnessed;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use audit::Stamp;
pub use error::StoreError;

/// How long a writer waits for another process (the CLI beside the window) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open database, schema current.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database file, sets the pragmas and brings the schema
    /// up to date (audited as `stamp`). A database written by a newer app is refused
    /// untouched.
    pub fn open(path: &Path, stamp: &Stamp) -> Result<Store, StoreError> {
        Store::open_keyed(path, None, stamp)
    }

    /// [`Store::open`] for a database encrypted under `key` (`None`: a plain one).
    pub fn open_keyed(
        path: &Path,
        key: Option<&keyslots::DataKey>,
        stamp: &Stamp,
    ) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        cipher::apply_key(&conn, key)?;
        Store::init(conn, stamp)
    }

    /// A private in-memory database with the current schema, for tests and previews.
    pub fn open_in_memory(stamp: &Stamp) -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, stamp)
    }

    fn init(mut conn: Connection, stamp: &Stamp) -> Result<Store, StoreError> {
        // Refuse a newer database before anything writes to the file (switching to
        // WAL rewrites its header), so it stays exactly as the newer app left it.
        schema::refuse_newer(&conn)?;
        apply_pragmas(&conn)?;
        schema::migrate(&mut conn, stamp)?;
        Ok(Store { conn })
    }

    /// Runs `f` in an immediate transaction that commits when `f` returns `Ok` and
    /// rolls back otherwise, so a refused change leaves the database as it was.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back: a dry run of a change
    /// (an import's report) computed by the very code that would make it.
    pub fn rehearse<T, E>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let value = f(&tx);
        tx.rollback().map_err(StoreError::from)?;
        value
    }

    /// [`Store::rehearse`] for a dry run, [`Store::write`] otherwise: the same code
    /// reports what it would do and does it.
    pub fn write_or_rehearse<T, E>(
        &mut self,
        dry_run: bool,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if dry_run {
            self.rehearse(f)
        } else {
            self.write(f)
        }
    }

    /// The connection for reads. Writes go through [`Store::write`].
    pub fn reader(&self) -> &Connection {
        &self.conn
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::user_version(&self.conn)
    }
}

/// What every connection gets, the writer's and the readers': waiting for another
/// process (the CLI beside the window), the statement cache the repositories rely on,
/// no trust in functions named by the schema, and `cache_kib` of page cache.
fn connection_settings(conn: &Connection, cache_kib: i64) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "cache_size", -cache_kib)?;
    Ok(())
}

/// The writer's pragmas. `synchronous=FULL` because a register must not lose a commit
/// on power loss; WAL so the CLI can read while the window writes. 64 MiB of page
/// cache (the default is 2 MiB): a large import's transaction then stays in memory
/// instead of spilling pages to the WAL and reading them back.
fn apply_pragmas(conn: &Connection) -> Result<(), StoreError> {
    connection_settings(conn, 64 * 1024)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // In-memory databases answer "memory"; both are fine.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// The SQLite library version the app runs (bundled, so the same on every machine).
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fixed stamp for the store's own unit tests.
    pub(crate) fn stamp() -> Stamp {
        Stamp {
            at: chrono::DateTime::UNIX_EPOCH,
            actor: "test".into(),
        }
    }

    #[test]
    fn pragmas_are_set_on_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nested/dir/db.sqlite3"), &stamp()).unwrap();
        let conn = store.reader();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "FULL");
        assert_eq!(fk, 1);
    }

    #[test]
    fn write_rolls_back_on_error() {
        let mut store = Store::open_in_memory(&stamp()).unwrap();
        let head_before = audit::head(store.reader()).unwrap();
        let result: Result<(), StoreError> = store.write(|tx| {
            settings::set(tx, &stamp(), "probe", "1")?;
            Err(StoreError::Io {
                path: "x".into(),
                source: std::io::Error::other("refused"),
            })
        });
        assert!(result.is_err());
        assert_eq!(settings::get(store.reader(), "probe").unwrap(), None);
        assert_eq!(
            audit::head(store.reader()).unwrap(),
            head_before,
            "no audit row either"
        );
    }
}
