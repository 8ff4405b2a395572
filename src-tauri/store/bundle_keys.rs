//! Repository for bundle keys: this bureau's key pairs that bundles are sealed to
//! (the hub's; the private key never leaves the database, which is encrypted), and
//! the hub's public key a spoke took from the hub's directory bundle. The key pairs
//! are kept out of the audit log's images (its rows travel in bundles): their
//! creation is audited by fingerprint only.

use rusqlite::{params, Connection, OptionalExtension};
use zeroize::Zeroizing;

use super::audit::{self, Change, Stamp};
use super::error::StoreError;
use super::settings;
use super::sql::Cached;

/// The hub's bundle key (SEC1 public key, base64), as a spoke was given it.
pub const HUB_BUNDLE_KEY: &str = "hub_bundle_key";

/// A stored key pair: private and public key bytes.
pub struct StoredKey {
    pub private: Zeroizing<Vec<u8>>,
    pub public: Vec<u8>,
}

/// This database's own key pairs, newest first.
pub fn own(conn: &Connection) -> Result<Vec<StoredKey>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT private_key, public_key FROM bundle_key ORDER BY created_at DESC, fingerprint",
    )?;
    let keys = stmt
        .query_map([], |r| {
            Ok(StoredKey {
                private: Zeroizing::new(r.get(0)?),
                public: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(keys)
}

/// Keeps a new key pair of this database, audited by its fingerprint.
pub fn insert_own(
    conn: &Connection,
    stamp: &Stamp,
    fingerprint: &str,
    private: &[u8],
    public: &[u8],
) -> Result<(), StoreError> {
    let at = stamp
        .at
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.run(
        "INSERT INTO bundle_key (fingerprint, public_key, private_key, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![fingerprint, public, private, at],
    )?;
    audit::append(
        conn,
        stamp,
        &Change {
            action: "create",
            entity: "bundleKey",
            entity_id: fingerprint,
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

/// The hub's public bundle key this spoke was given, if any.
pub fn hub(conn: &Connection) -> Result<Option<String>, StoreError> {
    settings::get(conn, HUB_BUNDLE_KEY)
}

/// Keeps the hub's public bundle key (audited as a setting).
pub fn set_hub(conn: &Connection, stamp: &Stamp, public_base64: &str) -> Result<(), StoreError> {
    settings::set(conn, stamp, HUB_BUNDLE_KEY, public_base64)
}

/// Whether this database has a key pair with this fingerprint.
pub fn is_own(conn: &Connection, fingerprint: &str) -> Result<bool, StoreError> {
    Ok(conn
        .one(
            "SELECT 1 FROM bundle_key WHERE fingerprint = ?1",
            [fingerprint],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
