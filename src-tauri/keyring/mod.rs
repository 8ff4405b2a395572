//! Profiles and their secrets at rest: a new profile with its first key (and, for the
//! first administrator, the bureau's root), a key's revocation, its passphrase hash
//! and keys (encrypted under the passphrase) and, for an administrator, their slot of
//! the bureau root key. Opening the current key for one signing, and re-encrypting
//! whatever older, cheaper parameters still keep — transparently, at the holder's
//! next sign-in, the only moment the passphrase is known.

pub mod p12;
pub mod view;

use rand_core::OsRng;
use rusqlite::Connection;
use uuid::Uuid;

use crate::certification;
use crate::domain::directory::{Official, OfficialId, OfficialRole};
use crate::domain::ids::{new_id, OsEntropy};
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::signing::ca::BureauRoot;
use crate::signing::{keys, passphrase, UnlockedKey};
use crate::store::audit::Stamp;
use crate::store::bureau_root;
use crate::store::directory::Versioned;
use crate::store::profiles::{self, KeyOrigin, ProfileChange, ProfileRow};
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

/// A profile as people read it: 姓名（工号）.
/// The name of a profile's person, for history and signatures.
pub fn profile_name(conn: &Connection, profile_id: Uuid) -> Result<String, AppError> {
    Ok(profiles::actor_name(conn, &profiles::actor_of(profile_id))?)
}

/// A new passphrase long enough to resist guessing and short enough to type.
pub fn check_new_passphrase(field: &'static str, value: &str) -> Result<(), AppError> {
    let chars = value.chars().count();
    if chars < passphrase::MIN_CHARS {
        return Err(fail(
            path![field],
            Problem::PassphraseTooShort {
                min: passphrase::MIN_CHARS,
            },
        ));
    }
    if chars > passphrase::MAX_CHARS {
        return Err(fail(
            path![field],
            Problem::TooLong {
                max: passphrase::MAX_CHARS,
            },
        ));
    }
    Ok(())
}

/// How a new profile's key is certified.
pub enum Certifier<'a> {
    /// The first administrator of a new database: the bureau's root is made for them.
    NewRoot,
    /// The root the acting administrator opened (`None` when it is not open, or the
    /// database has no root: see [`certification::issue_key`]).
    Root(Option<&'a BureauRoot>),
}

/// Creates an official's profile (`passphrase_hash` made from `passphrase`) with its
/// first key, and returns the root it made (for [`Certifier::NewRoot`]). The checks of
/// who may, and of the official, are the caller's.
pub fn insert_profile(
    conn: &Connection,
    stamp: &Stamp,
    official: &Versioned<Official>,
    administrator: bool,
    passphrase_given: &str,
    passphrase_hash: String,
    certifier: Certifier<'_>,
) -> Result<(ProfileRow, Option<BureauRoot>), AppError> {
    let id = new_id(stamp.at, &mut OsEntropy);
    let row = profiles::insert(
        conn,
        stamp,
        &ProfileRow {
            id,
            version: 1,
            official_id: official.id,
            administrator,
            active: true,
            passphrase_hash,
            created_at: String::new(),
        },
    )?;
    let made = match certifier {
        Certifier::NewRoot => Some(certification::create_root(
            conn,
            stamp,
            id,
            passphrase_given,
        )?),
        Certifier::Root(_) => None,
    };
    let root = match (&made, certifier) {
        (Some(made), _) => Some(made),
        (None, Certifier::Root(root)) => root,
        (None, Certifier::NewRoot) => None,
    };
    certification::issue_key(conn, stamp, id, &official.value, passphrase_given, root)?;
    // An administrator created by one who holds the root holds it too.
    if let (true, None, Some(root)) = (administrator, &made, root) {
        certification::share_root(conn, stamp, root, id, passphrase_given)?;
    }
    Ok((row, made))
}

/// Revokes a profile's current key from now (a passphrase reset, a deactivation).
pub fn revoke_current(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    if let Some(key) = profiles::current_key(conn, profile_id)? {
        profiles::revoke_key(conn, stamp, key.id, stamp.at, reason)?;
    }
    Ok(())
}

/// What an administrator changes of a profile.
pub struct ProfileUpdateChange<'a> {
    /// The version they read.
    pub version: i64,
    pub administrator: bool,
    /// Deactivating revokes the current key from now.
    pub active: bool,
    /// A forgotten passphrase's replacement and its hash: the current key is revoked
    /// and, for an active profile, a new one issued under it.
    pub new_passphrase: Option<(&'a str, &'a str)>,
    /// Why, kept with a revocation.
    pub reason: &'a str,
}

/// Changes profile `id` as an administrator asked; `issuer` is the bureau's root they
/// opened, which certifies a new key. Inspectors never administer.
pub fn update_profile(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    change: &ProfileUpdateChange<'_>,
    issuer: Option<&BureauRoot>,
) -> Result<ProfileRow, AppError> {
    let current = profiles::get(conn, id)?.ok_or_else(|| StoreError::not_found("profile", id))?;
    let official = crate::store::directory::get::<Official>(conn, current.official_id)?
        .ok_or_else(|| StoreError::not_found("official", current.official_id))?;
    if official.value.role == OfficialRole::Inspector && change.administrator {
        return Err(fail(path!["administrator"], Problem::NotApplicable));
    }
    let reset = change.new_passphrase;
    let revokes = reset.is_some() || !change.active;
    let stored = ProfileChange {
        administrator: change.administrator,
        active: change.active,
        passphrase_hash: reset.map(|(_, hash)| hash),
    };
    let action = if reset.is_some() { "reset" } else { "update" };
    let row = profiles::update(conn, stamp, id, change.version, &stored, action)?;
    if revokes {
        revoke_current(conn, stamp, id, change.reason)?;
    }
    // A reset passphrase cannot open the old slot; someone no longer an active
    // administrator holds no root key.
    if revokes || !change.administrator {
        bureau_root::drop_slot(conn, stamp, id)?;
    }
    if let (Some((new, _)), true) = (reset, change.active) {
        certification::issue_key(conn, stamp, id, &official.value, new, issuer)?;
        if let (true, Some(root)) = (change.administrator, issuer) {
            certification::share_root(conn, stamp, root, id, new)?;
        }
    }
    Ok(row)
}

/// Changes a person's own passphrase once `current` is proved: every live key and
/// their slot of the root re-encrypted under `new` (the keys stay the same), and the
/// hash replaced by `new_hash`.
pub fn change_passphrase(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    current: &str,
    new: &str,
    new_hash: &str,
) -> Result<ProfileRow, AppError> {
    // Proves the current passphrase (and that the key opens with it).
    unlock_key(conn, profile_id, current)?;
    let row = profiles::get(conn, profile_id)?
        .ok_or_else(|| StoreError::not_found("profile", profile_id))?;
    for key in profiles::keys_of(conn, profile_id)? {
        if key.revoked_from.is_some() {
            continue;
        }
        let rewrapped = keys::rewrap(
            &key.encrypted_key,
            &key.certificate_der,
            current,
            new,
            &mut OsRng,
        )
        .map_err(|_| AppError::WrongPassphrase)?;
        profiles::rewrap_key(conn, stamp, key.id, &rewrapped)?;
    }
    if let Some(root) = certification::open_root(conn, profile_id, current)? {
        certification::share_root(conn, stamp, &root, profile_id, new)?;
    }
    let change = ProfileChange {
        administrator: row.administrator,
        active: row.active,
        passphrase_hash: Some(new_hash),
    };
    Ok(profiles::update(
        conn,
        stamp,
        profile_id,
        row.version,
        &change,
        "passphrase",
    )?)
}

/// A profile to create for an official.
pub struct NewProfile<'a> {
    pub official_id: OfficialId,
    pub administrator: bool,
    pub passphrase: &'a str,
    /// `passphrase` hashed (slow on purpose: done before the transaction).
    pub passphrase_hash: String,
}

/// Creates a profile with its first key, after the rules of who may hold one: an
/// active official without a profile; the first profile of a database (`first`)
/// administers it and gets the bureau's root made for it (returned); an inspector
/// never administers. Later profiles' keys are certified by `issuer`, the root the
/// acting administrator opened. Whether the actor may create profiles is the caller's.
pub fn create_profile(
    conn: &Connection,
    stamp: &Stamp,
    new: &NewProfile<'_>,
    first: bool,
    issuer: Option<&BureauRoot>,
) -> Result<(ProfileRow, Option<BureauRoot>), AppError> {
    if first && !new.administrator {
        return Err(fail(
            path!["administrator"],
            Problem::FirstProfileAdministers,
        ));
    }
    let official = crate::store::directory::get::<Official>(conn, new.official_id)?
        .filter(|o| o.value.active)
        .ok_or_else(|| fail(path!["officialId"], Problem::UnknownReference))?;
    if official.value.role == OfficialRole::Inspector && new.administrator {
        return Err(fail(path!["administrator"], Problem::NotApplicable));
    }
    if profiles::by_official(conn, new.official_id)?.is_some() {
        return Err(fail(path!["officialId"], Problem::ProfileExists));
    }
    let certifier = if first {
        Certifier::NewRoot
    } else {
        Certifier::Root(issuer)
    };
    insert_profile(
        conn,
        stamp,
        &official,
        new.administrator,
        new.passphrase,
        new.passphrase_hash.clone(),
        certifier,
    )
}

/// The one profile `who` names (the command line's `--as`): its id, its official's
/// staff number or name, among `(id, staff number, name)`. None, or several (two
/// people of one name), is refused on `as`.
pub fn named_profile<'a>(
    who: &str,
    candidates: impl IntoIterator<Item = (Uuid, &'a str, &'a str)>,
) -> Result<Uuid, AppError> {
    let who = who.trim();
    if who.is_empty() {
        return Err(fail(path!["as"], Problem::UnknownReference));
    }
    let found: Vec<Uuid> = candidates
        .into_iter()
        .filter(|(id, staff_no, name)| id.to_string() == who || *staff_no == who || *name == who)
        .map(|(id, _, _)| id)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        _ => Err(fail(path!["as"], Problem::UnknownReference)),
    }
}

/// Gives administrator `profile_id` a new passphrase (`hash` of `new`) once the
/// recovery key was proved: the old key and root slot, under the forgotten
/// passphrase, are revoked and dropped; a new key is issued when the bureau has no
/// root (with a root, a root holder — or a new root — certifies one later).
pub fn recover_administrator(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    new: &str,
    hash: &str,
) -> Result<(), AppError> {
    let current = profiles::get(conn, profile_id)?
        .filter(|p| p.active && p.administrator)
        .ok_or_else(|| fail(path!["profileId"], Problem::UnknownReference))?;
    let official = crate::store::directory::get::<Official>(conn, current.official_id)?
        .ok_or_else(|| StoreError::not_found("official", current.official_id))?;
    profiles::update(
        conn,
        stamp,
        current.id,
        current.version,
        &ProfileChange {
            administrator: true,
            active: true,
            passphrase_hash: Some(hash),
        },
        "recover",
    )?;
    revoke_current(conn, stamp, current.id, "recovery key")?;
    bureau_root::drop_slot(conn, stamp, current.id)?;
    if bureau_root::current(conn)?.is_none() {
        certification::issue_key(conn, stamp, current.id, &official.value, new, None)?;
    }
    Ok(())
}

/// Replaces a profile's key with one a bureau CA issued (`key` PKCS#8 DER, `leaf` its
/// certificate), once `passphrase` has opened the current key: the old key is revoked
/// from now, the new one kept encrypted under the same passphrase.
pub fn import_key(
    tx: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    passphrase: &str,
    key: &[u8],
    leaf: &[u8],
) -> Result<ProfileRow, AppError> {
    // The person's own passphrase, proved by opening their current key.
    unlock_key(tx, profile_id, passphrase)?;
    let imported = keys::import(key, leaf, passphrase, &mut OsRng).map_err(p12::unusable)?;
    if profiles::key_by_fingerprint(tx, &imported.fingerprint)?.is_some() {
        return Err(fail(path!["path"], Problem::Duplicate));
    }
    revoke_current(
        tx,
        stamp,
        profile_id,
        "由单位 CA 证书替换 / replaced by a CA certificate",
    )?;
    certification::store_key(tx, stamp, profile_id, imported, KeyOrigin::Imported)?;
    profiles::get(tx, profile_id)?
        .ok_or_else(|| StoreError::not_found("profile", profile_id).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_named_by_id_staff_number_or_a_name_only_it_has() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let people = [
            (a, "A-01", "王静"),
            (b, "A-02", "李明"),
            (c, "B-01", "李明"),
        ];
        assert_eq!(named_profile("A-01", people).unwrap(), a);
        assert_eq!(named_profile(" 王静 ", people).unwrap(), a);
        assert_eq!(named_profile(&c.to_string(), people).unwrap(), c);
        for refused in ["李明", "", "  ", "A-09"] {
            let err = named_profile(refused, people).unwrap_err();
            assert!(
                matches!(&err, AppError::Validation { field, problem: Problem::UnknownReference } if *field == path!["as"]),
                "{refused}: {err:?}"
            );
        }
    }
}
