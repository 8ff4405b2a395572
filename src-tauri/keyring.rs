//! A profile's secrets at rest: its passphrase hash, its keys (encrypted under the
//! passphrase) and, for an administrator, their slot of the bureau root key. Opening
//! the current key for one signing, and re-encrypting whatever older, cheaper
//! parameters still keep — transparently, at the holder's next sign-in, the only
//! moment the passphrase is known.

use rand_core::OsRng;
use rusqlite::Connection;
use uuid::Uuid;

use crate::certification;
use crate::error::AppError;
use crate::signing::{keys, passphrase, UnlockedKey};
use crate::store::audit::Stamp;
use crate::store::bureau_root;
use crate::store::profiles::{self, ProfileChange};
use crate::store::StoreError;

/// Checks a profile's passphrase and opens its current key, for one signing.
pub fn unlock_key(
    conn: &Connection,
    profile_id: Uuid,
    passphrase_given: &str,
) -> Result<UnlockedKey, AppError> {
    let profile = profiles::get(conn, profile_id)?
        .ok_or_else(|| StoreError::not_found("profile", profile_id))?;
    if !passphrase::matches(passphrase_given, &profile.passphrase_hash) {
        return Err(AppError::WrongPassphrase);
    }
    let key = profiles::current_key(conn, profile_id)?
        .ok_or_else(|| AppError::Internal(format!("profile {profile_id} has no current key")))?;
    keys::unlock(&key.encrypted_key, &key.certificate_der, passphrase_given).map_err(
        |err| match err {
            keys::KeyError::WrongPassphrase => AppError::WrongPassphrase,
            other => AppError::Internal(other.to_string()),
        },
    )
}

/// What [`strengthen`] re-encrypted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Strengthened {
    pub passphrase_hash: bool,
    pub keys: u32,
    pub root_slot: bool,
}

/// Re-encrypts, under today's parameters, what `profile_id` keeps under older ones:
/// the passphrase hash, every unrevoked key, the root slot. `given` must be the
/// profile's passphrase (checked first: a wrong one changes nothing). Each change is
/// audited (`rehash`, `rewrap`).
pub fn strengthen(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    given: &str,
) -> Result<Strengthened, AppError> {
    let profile = profiles::get(conn, profile_id)?
        .ok_or_else(|| StoreError::not_found("profile", profile_id))?;
    let weak_keys: Vec<_> = profiles::keys_of(conn, profile_id)?
        .into_iter()
        .filter(|k| k.revoked_from.is_none() && keys::is_weak(&k.encrypted_key))
        .collect();
    let weak_slot =
        bureau_root::slot_of(conn, profile_id)?.is_some_and(|slot| keys::is_weak(&slot));
    let weak_hash = passphrase::is_weak(&profile.passphrase_hash);
    let mut done = Strengthened::default();
    // Nothing to do costs no passphrase check (sign-in has just made one).
    if weak_keys.is_empty() && !weak_slot && !weak_hash {
        return Ok(done);
    }
    if !passphrase::matches(given, &profile.passphrase_hash) {
        return Err(AppError::WrongPassphrase);
    }
    for key in weak_keys {
        let rewrapped = keys::rewrap(
            &key.encrypted_key,
            &key.certificate_der,
            given,
            given,
            &mut OsRng,
        )
        .map_err(|e| AppError::Internal(e.to_string()))?;
        profiles::rewrap_key(conn, stamp, key.id, &rewrapped)?;
        done.keys += 1;
    }
    if weak_slot {
        if let Some(root) = certification::open_root(conn, profile_id, given)? {
            certification::share_root(conn, stamp, &root, profile_id, given)?;
            done.root_slot = true;
        }
    }
    if weak_hash {
        let hash = passphrase::hash(given, &mut OsRng).map_err(AppError::Internal)?;
        profiles::update(
            conn,
            stamp,
            profile_id,
            profile.version,
            &ProfileChange {
                administrator: profile.administrator,
                active: profile.active,
                passphrase_hash: Some(&hash),
            },
            "rehash",
        )?;
        done.passphrase_hash = true;
    }
    Ok(done)
}
