//! Repository for the certificates this database knows besides its own profiles'
//! keys — those a directory bundle gave it and the signers an administrator accepted —
//! and who holds any certificate it can vouch for.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{self, Change, Stamp};
use super::error::StoreError;
use super::profiles;
use super::sql::Cached;
use crate::domain::directory::OfficialId;

/// An official's certificate as bundles carry it and this database knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KnownCertificate {
    pub official_id: OfficialId,
    pub fingerprint: String,
    /// DER, base64.
    pub certificate: String,
    pub revoked_from: Option<String>,
}

/// Where a known certificate came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateOrigin {
    /// The hub's directory bundle.
    Directory,
    /// A bundle's signer an administrator accepted after comparing the fingerprint.
    Accepted,
}

/// Every certificate this database can vouch for: its own profiles' keys and the
/// certificates it was given, for a directory bundle.
pub fn certificates(conn: &Connection) -> Result<Vec<KnownCertificate>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT p.official_id, k.fingerprint, k.certificate, k.revoked_from
           FROM profile_key k JOIN profile p ON p.id = k.profile_id
         UNION
         SELECT official_id, fingerprint, certificate, revoked_from FROM known_certificate
         ORDER BY 2",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(official, fingerprint, certificate, revoked_from)| {
            Ok(KnownCertificate {
                official_id: OfficialId::parse_str(&official)
                    .map_err(|e| StoreError::Corrupt(format!("official {official}: {e}")))?,
                fingerprint,
                certificate,
                revoked_from,
            })
        })
        .collect()
}

/// The certificate (DER, base64) and revocation time of a key this database knows,
/// as a profile's key or as a known certificate.
pub fn certificate_by_fingerprint(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<(String, Option<String>)>, StoreError> {
    Ok(conn
        .one(
            "SELECT certificate, revoked_from FROM profile_key WHERE fingerprint = ?1
             UNION ALL
             SELECT certificate, revoked_from FROM known_certificate WHERE fingerprint = ?1
             LIMIT 1",
            [fingerprint],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Who holds a certificate this database knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateHolder {
    pub official_id: OfficialId,
    /// As people read an official: 姓名（工号）, as the directory has them now.
    pub name: String,
    /// When the key was revoked (RFC 3339), if it was.
    pub revoked_from: Option<String>,
}

/// Who holds a certificate this database knows — a profile's key, or a certificate it
/// was given (a directory bundle, an accepted bundle).
pub fn certificate_holder(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<CertificateHolder>, StoreError> {
    let found: Option<(String, String, Option<String>)> = conn
        .one(
            &format!(
                "SELECT c.official_id, {}, c.revoked_from FROM (
                   SELECT p.official_id, k.revoked_from
                     FROM profile_key k JOIN profile p ON p.id = k.profile_id
                    WHERE k.fingerprint = ?1
                   UNION ALL
                   SELECT official_id, revoked_from FROM known_certificate WHERE fingerprint = ?1
                 ) c JOIN official o ON o.id = c.official_id
                 LIMIT 1",
                profiles::official_name_sql("o")
            ),
            [fingerprint],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    found
        .map(|(official, name, revoked_from)| {
            Ok(CertificateHolder {
                official_id: OfficialId::parse_str(&official)
                    .map_err(|e| StoreError::Corrupt(format!("certificate holder: {e}")))?,
                name,
                revoked_from,
            })
        })
        .transpose()
}

/// Adds a certificate this database did not know, or records its revocation;
/// returns whether anything changed. Audited as entity `certificate`.
pub fn know_certificate(
    conn: &Connection,
    stamp: &Stamp,
    certificate: &KnownCertificate,
    origin: CertificateOrigin,
) -> Result<bool, StoreError> {
    let here = certificate_by_fingerprint(conn, &certificate.fingerprint)?;
    let action = match here {
        None => "create",
        Some((_, None)) if certificate.revoked_from.is_some() => "revoke",
        Some(_) => return Ok(false),
    };
    let before = audit::image_of(conn, "certificate", &certificate.fingerprint)?;
    if action == "revoke" {
        let changed = conn.run(
            "UPDATE known_certificate SET revoked_from = ?2 WHERE fingerprint = ?1",
            params![certificate.fingerprint, certificate.revoked_from],
        )?;
        if changed == 0 {
            // One of this database's own profile keys: revoked here, not by a bundle.
            return Ok(false);
        }
    } else {
        conn.run(
            "INSERT INTO known_certificate (fingerprint, official_id, certificate, origin, revoked_from)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                certificate.fingerprint,
                certificate.official_id.to_string(),
                certificate.certificate,
                match origin {
                    CertificateOrigin::Directory => "directory",
                    CertificateOrigin::Accepted => "accepted",
                },
                certificate.revoked_from,
            ],
        )?;
    }
    let after = audit::image_of(conn, "certificate", &certificate.fingerprint)?;
    audit::append(
        conn,
        stamp,
        &Change {
            action,
            entity: "certificate",
            entity_id: &certificate.fingerprint,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    )?;
    Ok(true)
}
