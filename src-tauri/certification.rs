//! Issuing profiles' certificates from the bureau's root: creating the root for the
//! first administrator, giving each profile a key pair certified by it, certifying a
//! key anew when the person's role or department changes (the old certificate is
//! revoked from that moment), and keeping the root key in the slots of the
//! administrators who hold it. A database made before the root existed keeps its
//! self-signed keys until an administrator creates the root (`ca_create`), which
//! certifies every profile's key at once.

use rand_core::OsRng;
use rusqlite::Connection;
use uuid::Uuid;

use crate::domain::directory::{Department, Official, OfficialId};
use crate::domain::ids::{new_id, OsEntropy};
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::signing::ca::{self, BureauRoot};
use crate::signing::keys::{self, IssuedKey, KeyError, Subject};
use crate::store::audit::Stamp;
use crate::store::bureau_root::{self, RootOrigin, RootRow};
use crate::store::profiles::{self, KeyOrigin, KeyRow};
use crate::store::{directory, settings};

fn internal(err: KeyError) -> AppError {
    match err {
        KeyError::WrongPassphrase => AppError::WrongPassphrase,
        other => AppError::Internal(other.to_string()),
    }
}

/// What a certificate prints beside the official's own name and staff number.
struct Printed {
    department: String,
    bureau: String,
}

impl Printed {
    fn of(conn: &Connection, official: &Official) -> Result<Printed, AppError> {
        Ok(Printed {
            department: directory::get::<Department>(conn, official.department_id)?
                .map(|d| d.value.name)
                .unwrap_or_default(),
            bureau: settings::get(conn, settings::BUREAU_NAME)?.unwrap_or_default(),
        })
    }

    /// The subject of `official`'s certificate: with their role as `title` when the
    /// bureau's root issues it.
    fn subject<'a>(&'a self, official: &'a Official, certified: bool) -> Subject<'a> {
        Subject {
            name: &official.name,
            staff_no: &official.staff_no,
            department: &self.department,
            bureau: &self.bureau,
            title: if certified {
                ca::role_title(official.role)
            } else {
                ""
            },
        }
    }
}

/// Stores a key a profile signs with from now on.
pub fn store_key(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    key: IssuedKey,
    origin: KeyOrigin,
) -> Result<(), AppError> {
    profiles::insert_key(
        conn,
        stamp,
        &KeyRow {
            id: new_id(stamp.at, &mut OsEntropy),
            profile_id,
            fingerprint: key.fingerprint,
            certificate_der: key.certificate_der,
            encrypted_key: key.encrypted_key,
            origin,
            created_at: stamp
                .at
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            revoked_from: None,
            revoked_reason: String::new(),
        },
    )?;
    Ok(())
}

/// Issues a new key pair for a profile, kept under `passphrase`: certified by `root`
/// when the database has a root (which must then be open), else self-signed.
pub fn issue_key(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    official: &Official,
    passphrase: &str,
    root: Option<&BureauRoot>,
) -> Result<(), AppError> {
    let printed = Printed::of(conn, official)?;
    let issued = match (root, bureau_root::current(conn)?) {
        (Some(root), _) => keys::issue_certified(
            &printed.subject(official, true),
            passphrase,
            root,
            stamp.at,
            &mut OsRng,
        ),
        (None, Some(_)) => return Err(AppError::RootLocked),
        (None, None) => keys::issue(
            &printed.subject(official, false),
            passphrase,
            stamp.at,
            &mut OsRng,
        ),
    }
    .map_err(internal)?;
    store_key(conn, stamp, profile_id, issued, KeyOrigin::SelfSigned)
}

/// Creates the bureau's root, held by the administrator `profile_id` under their
/// passphrase (the first administrator's profile, or [`create_root_later`]).
pub fn create_root(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<BureauRoot, AppError> {
    let bureau = settings::get(conn, settings::BUREAU_NAME)?.unwrap_or_default();
    let root = BureauRoot::create(&bureau, stamp.at, &mut OsRng).map_err(internal)?;
    adopt(
        conn,
        stamp,
        &root,
        RootOrigin::Created,
        profile_id,
        passphrase,
    )?;
    Ok(root)
}

/// Creates the root of a database made before it had one, and certifies every
/// profile's key by it. A database has one root it made; a second is refused.
pub fn create_root_later(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<BureauRoot, AppError> {
    if bureau_root::current(conn)?.is_some() {
        return Err(fail(path!["passphrase"], Problem::Duplicate));
    }
    let root = create_root(conn, stamp, profile_id, passphrase)?;
    recertify_all(
        conn,
        stamp,
        &root,
        "由本局根证书重新签发 / reissued by the bureau's root",
    )?;
    Ok(root)
}

/// Makes a CA's key the bureau's root (replacing one made here), held by the
/// administrator `profile_id` under their passphrase; every profile is certified by it
/// from now on. The root it already is is refused.
pub fn import_root(
    conn: &Connection,
    stamp: &Stamp,
    root: &BureauRoot,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<u32, AppError> {
    if bureau_root::current(conn)?.is_some_and(|r| r.fingerprint == root.fingerprint()) {
        return Err(fail(path!["path"], Problem::Duplicate));
    }
    adopt(
        conn,
        stamp,
        root,
        RootOrigin::Imported,
        profile_id,
        passphrase,
    )?;
    recertify_all(
        conn,
        stamp,
        root,
        "由本局 CA 根证书重新签发 / reissued by the bureau's CA",
    )
}

/// Records `root` as the bureau's from now on, held only by `profile_id` (the slots of
/// an earlier root no longer open the current one).
fn adopt(
    conn: &Connection,
    stamp: &Stamp,
    root: &BureauRoot,
    origin: RootOrigin,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<(), AppError> {
    bureau_root::insert(
        conn,
        stamp,
        &RootRow {
            fingerprint: root.fingerprint(),
            certificate_der: root.certificate_der().to_vec(),
            origin,
            created_at: stamp.at,
        },
    )?;
    bureau_root::drop_all_slots(conn, stamp)?;
    share_root(conn, stamp, root, profile_id, passphrase)
}

/// Gives the administrator `profile_id` a slot holding the root key under
/// `passphrase`.
pub fn share_root(
    conn: &Connection,
    stamp: &Stamp,
    root: &BureauRoot,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<(), AppError> {
    let wrapped = root.wrap(passphrase, &mut OsRng).map_err(internal)?;
    bureau_root::put_slot(conn, stamp, profile_id, &root.fingerprint(), &wrapped)?;
    Ok(())
}

/// Opens the root key with `profile_id`'s passphrase, if they hold it.
pub fn open_root(
    conn: &Connection,
    profile_id: Uuid,
    passphrase: &str,
) -> Result<Option<BureauRoot>, AppError> {
    let (Some(root), Some(slot)) = (
        bureau_root::current(conn)?,
        bureau_root::slot_of(conn, profile_id)?,
    ) else {
        return Ok(None);
    };
    BureauRoot::unlock(&slot, &root.certificate_der, passphrase)
        .map(Some)
        .map_err(internal)
}

/// A profile's current key whose certificate is not the root's, or no longer names the
/// official as they are now (name, staff number, department, role), with that
/// official; `None` while the database has no root, or when the certificate is right.
fn stale_key(
    conn: &Connection,
    profile_id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(KeyRow, Official)>, AppError> {
    let (Some(profile), Some(root)) = (
        profiles::get(conn, profile_id)?,
        bureau_root::current(conn)?,
    ) else {
        return Ok(None);
    };
    let (Some(key), Some(official)) = (
        profiles::current_key(conn, profile_id)?,
        directory::get::<Official>(conn, profile.official_id)?,
    ) else {
        return Ok(None);
    };
    let official = official.value;
    let department = Printed::of(conn, &official)?.department;
    let names_them = ca::holder_of(&key.certificate_der).is_some_and(|h| {
        h.name == official.name
            && h.staff_no == official.staff_no
            && h.department == department
            && h.role == Some(official.role)
    });
    let current = names_them && ca::issued_by(&key.certificate_der, &root.certificate_der, at);
    Ok((!current).then_some((key, official)))
}

/// Certifies a profile's current key anew when it is stale (see [`stale_key`]): a new
/// certificate for the same key pair, the old one revoked from now. Returns whether it
/// did.
pub fn recertify(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    root: &BureauRoot,
    reason: &str,
) -> Result<bool, AppError> {
    let Some((key, official)) = stale_key(conn, profile_id, stamp.at)? else {
        return Ok(false);
    };
    let printed = Printed::of(conn, &official)?;
    let public = keys::verifying_key(&key.certificate_der).map_err(internal)?;
    let certificate_der = root
        .certify(
            &printed.subject(&official, true),
            &public,
            stamp.at,
            &mut OsRng,
        )
        .map_err(internal)?;
    profiles::revoke_key(conn, stamp, key.id, stamp.at, reason)?;
    store_key(
        conn,
        stamp,
        profile_id,
        IssuedKey {
            fingerprint: keys::fingerprint(&certificate_der),
            certificate_der,
            encrypted_key: key.encrypted_key,
        },
        key.origin,
    )?;
    Ok(true)
}

/// [`recertify`] for every active profile; returns how many were certified anew.
pub fn recertify_all(
    conn: &Connection,
    stamp: &Stamp,
    root: &BureauRoot,
    reason: &str,
) -> Result<u32, AppError> {
    let mut count = 0;
    for profile in profiles::list(conn)?.into_iter().filter(|p| p.active) {
        count += u32::from(recertify(conn, stamp, profile.id, root, reason)?);
    }
    Ok(count)
}

/// Re-certifies the profile of `official_id`, if it has one and the official is
/// active, after a change to the official: with the open root, or refused while the
/// root is locked.
pub fn official_changed(
    conn: &Connection,
    stamp: &Stamp,
    official_id: OfficialId,
    root: Option<&BureauRoot>,
) -> Result<(), AppError> {
    let Some(profile) = profiles::by_official(conn, official_id)? else {
        return Ok(());
    };
    let active = directory::get::<Official>(conn, official_id)?.is_some_and(|o| o.value.active);
    if !active || stale_key(conn, profile.id, stamp.at)?.is_none() {
        return Ok(());
    }
    let root = root.ok_or(AppError::RootLocked)?;
    recertify(
        conn,
        stamp,
        profile.id,
        root,
        "职务或处室变更，证书重新签发 / role or department changed, certificate reissued",
    )?;
    Ok(())
}

/// Refuses a key whose certificate the bureau's root did not issue (when the database
/// has a root): a register it signed would not verify.
pub fn require_from_root(
    conn: &Connection,
    certificate_der: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    match bureau_root::current(conn)? {
        Some(root) if !ca::issued_by(certificate_der, &root.certificate_der, at) => {
            Err(AppError::CertificateNotFromRoot)
        }
        _ => Ok(()),
    }
}

/// The bureau root a directory bundle signed with `certificate_der` carries: the
/// database's root, which must have issued that certificate to an administrator (by
/// role) — what a spoke checks before it takes the directory.
pub fn directory_root(
    conn: &Connection,
    certificate_der: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, AppError> {
    let root =
        bureau_root::current(conn)?.ok_or_else(|| fail(path!["path"], Problem::NoBureauRoot))?;
    require_from_root(conn, certificate_der, at)?;
    match ca::holder_of(certificate_der).and_then(|h| h.role) {
        Some(crate::domain::directory::OfficialRole::Administrator) => Ok(root.certificate_der),
        _ => Err(AppError::DirectoryNeedsAdministrator),
    }
}
