//! Who a bundle is sealed to, and opening one sealed here: the bureau's bundle keys
//! as the store keeps them (see `store::bundle_keys`).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rand_core::{CryptoRng, RngCore};
use rusqlite::Connection;

use super::sealed::{self, BundleKey};
use super::BundleFault;
use crate::store::audit::Stamp;
use crate::store::{bundle_keys, StoreError};

/// This database's own bundle keys (the hub's, or a copy of the hub's database).
pub fn own_keys(conn: &Connection) -> Result<Vec<BundleKey>, StoreError> {
    Ok(bundle_keys::own(conn)?
        .into_iter()
        .filter_map(|k| BundleKey::from_parts(&k.private, &k.public))
        .collect())
}

/// This database's newest bundle key, made (and kept, audited) when it has none: the
/// hub's, which its directory bundle gives the spokes.
pub fn ensure_own(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<BundleKey, StoreError> {
    if let Some(key) = own_keys(conn)?.into_iter().next() {
        return Ok(key);
    }
    let key = BundleKey::generate(rng);
    bundle_keys::insert_own(
        conn,
        stamp,
        &key.fingerprint(),
        key.private_bytes(),
        key.public_bytes(),
    )?;
    Ok(key)
}

/// The public key a record bundle from here is sealed to: the hub's, as its directory
/// bundle gave it; else this database's own (it is the hub, or a copy of it); `None`
/// when neither is known (the bundle is then only signed).
pub fn recipient(conn: &Connection) -> Result<Option<Vec<u8>>, StoreError> {
    if let Some(hub) = bundle_keys::hub(conn)? {
        return B64
            .decode(hub)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("the hub's bundle key: {e}")));
    }
    Ok(own_keys(conn)?
        .into_iter()
        .next()
        .map(|k| k.public_bytes().to_vec()))
}

/// The signed bundle in `bytes`: decrypted with this database's key when sealed
/// (refused when sealed to another), as it is otherwise.
pub fn unseal(conn: &Connection, bytes: Vec<u8>) -> Result<Vec<u8>, BundleFault> {
    if !sealed::is_sealed(&bytes) {
        return Ok(bytes);
    }
    let recipient = sealed::recipient_of(&bytes)?;
    let keys = own_keys(conn).map_err(|e| BundleFault::Malformed {
        detail: e.to_string(),
    })?;
    let key = keys.iter().find(|k| k.fingerprint() == recipient);
    sealed::open(&bytes, key)
}

/// Refuses a bundle signed for another bureau's key (decrypted there and re-sealed to
/// this one, or passed on in the clear): what its signer meant for one hub is not
/// taken by another.
pub fn check_addressed(conn: &Connection, signed_for: Option<&str>) -> Result<(), BundleFault> {
    match signed_for {
        None => Ok(()),
        Some(fingerprint) => {
            let ours =
                bundle_keys::is_own(conn, fingerprint).map_err(|e| BundleFault::Malformed {
                    detail: e.to_string(),
                })?;
            if ours {
                Ok(())
            } else {
                Err(BundleFault::NotForThisBureau {
                    recipient: fingerprint.to_owned(),
                })
            }
        }
    }
}
