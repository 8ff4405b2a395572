//! The database file's encryption (SQLCipher): keying a connection, telling a plain
//! file from an encrypted one, and encrypting a plain database in place.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::keyslots::DataKey;

/// The first 16 bytes of every plain SQLite database; an encrypted one starts with
/// its random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What is at a database path before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one: a new database.
    Absent,
    /// A plain SQLite database (written before encryption came in).
    Plain,
    /// Anything else: encrypted (or not a database at all, which opening will say).
    Encrypted,
}

pub fn file_state(path: &Path) -> Result<FileState, StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Absent),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
    }
    Ok(match read {
        0 => FileState::Absent,
        16 if &head == PLAIN_HEADER => FileState::Plain,
        _ => FileState::Encrypted,
    })
}

/// Gives a just-opened connection its key, before anything reads the file; `None`
/// leaves a plain database plain. A wrong key shows at the first read (the caller's
/// schema check), as "not a database".
pub fn apply_key(conn: &Connection, key: Option<&DataKey>) -> Result<(), StoreError> {
    if let Some(key) = key {
        // A key that does not fit is an expected answer here (a backup of another
        // key, a key file of another database), which the caller words; SQLCipher's
        // own log line on stderr would only confuse whoever reads the CLI's output.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
        conn.execute_batch(&key.pragma())?;
    }
    Ok(())
}

/// Whether `key` opens the database at `path` (read-only, nothing written).
pub fn opens_with(path: &Path, key: &DataKey) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .map_err(StoreError::from)
        .and_then(|conn| {
            apply_key(&conn, Some(key))?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(StoreError::from)
        })
        .is_ok()
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Tables and row counts, and the schema version: what an encrypted copy must equal.
fn census(conn: &Connection) -> Result<(u32, Vec<(String, i64)>), StoreError> {
    let version = super::schema::user_version(conn)?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut counts = Vec::with_capacity(tables.len());
    for table in tables {
        let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        counts.push((table, n));
    }
    Ok((version, counts))
}

/// Encrypts the plain database at `path` under `key`, in place. Nothing else may
/// have it open. The encrypted copy is written beside it, checked (integrity, every
/// table's rows, schema version, audit head), and only then renamed over the plain
/// file; the plain file's WAL is folded in first and removed, so no plain copy of a
/// page stays under the database's name. On any failure the plain database is as it
/// was and the partial copy is removed.
pub fn encrypt_in_place(path: &Path, key: &DataKey) -> Result<(), StoreError> {
    let partial = sibling(path, ".encrypting");
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let plain = Connection::open(path)?;
        // Folds the WAL into the file and removes it.
        let _: String = plain.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let expected = census(&plain)?;
        let head = super::audit::head(&plain)?;
        let target = partial.to_string_lossy().replace('\'', "''");
        plain.execute_batch(&format!(
            "ATTACH DATABASE '{target}' AS encrypted KEY \"x'{}'\";",
            *key.hex()
        ))?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        plain.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {}; DETACH DATABASE encrypted;",
            expected.0
        ))?;
        plain.close().map_err(|(_, e)| StoreError::from(e))?;

        let copy = Connection::open(&partial)?;
        apply_key(&copy, Some(key))?;
        let verdict: String = copy.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt(format!(
                "the encrypted copy failed its check: {verdict}"
            )));
        }
        if census(&copy)? != expected || super::audit::head(&copy)? != head {
            return Err(StoreError::Bug(
                "the encrypted copy does not hold what the plain database holds".into(),
            ));
        }
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        crate::files::commit_file(&partial, path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        for stale in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(sibling(path, stale));
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Writes a plain copy of the database at `from` (encrypted under `key`) to `to`, with
/// its schema version: for comparing an encrypted database with a plain one in the
/// benchmarks, and for support with the key in hand. No command offers it.
pub fn copy_plain(from: &Path, key: &DataKey, to: &Path) -> Result<(), StoreError> {
    let _ = std::fs::remove_file(to);
    let conn = Connection::open(from)?;
    apply_key(&conn, Some(key))?;
    let version = super::schema::user_version(&conn)?;
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [to.to_string_lossy()])?;
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "PRAGMA plain.user_version = {version}; DETACH DATABASE plain;"
    ))?;
    Ok(())
}
