//! Who a bundle speaks for, decided before anything in it is read into the database.
//!
//! - The exporter is the holder of the signing certificate, never what the payload
//!   claims: a payload naming anyone else is refused.
//! - A record bundle carries records, never authority: no bureau name, standards,
//!   certificates or root. Its signer is known here (a profile's key or a certificate
//!   this database keeps), or an administrator accepts it after comparing the
//!   fingerprint.
//! - A directory bundle is signed by an administrator whose certificate the bureau's
//!   root issued. The root travels in the bundle; a database pins it at its first
//!   directory import (an administrator compares its fingerprint) and refuses every
//!   other root from then on.

use base64::Engine;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::bundle::refusal::refused;
use crate::bundle::{BundleFault, Opened, Payload, Purpose};
use crate::domain::directory::{Official, OfficialRole};
use crate::error::AppError;
use crate::signing::ca;
use crate::signing::keys;
use crate::store::certificates;
use crate::store::{bureau_root, directory, StoreError};

/// What the import may rely on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The signer (a record bundle) or the bureau root (a directory bundle) is known
    /// here. When not, only a dry run gets this far.
    pub known: bool,
    /// An administrator accepted the unknown signer of a record bundle: keep its
    /// certificate for the exporter.
    pub accept_signer: bool,
    /// A directory bundle's root, accepted now: pin it.
    pub pin_root: Option<Vec<u8>>,
    /// The exporter, as the signing certificate (and this directory) names them.
    pub exporter: String,
    /// A directory bundle's root: its subject and fingerprint, for the reader.
    pub root: Option<(String, String)>,
    /// What an administrator compares before accepting: the root's fingerprint for a
    /// directory bundle, else the signer's.
    pub fingerprint_to_compare: String,
}

/// The request's part in the decision.
pub struct Asked<'a> {
    pub dry_run: bool,
    pub trust_fingerprint: Option<&'a str>,
}

pub fn decide(
    conn: &Connection,
    opened: &Opened,
    payload: &Payload,
    asked: &Asked<'_>,
    may_accept: &dyn Fn(&Connection) -> Result<(), AppError>,
) -> Result<Decision, AppError> {
    let holder = ca::holder_of(&opened.certificate_der).ok_or_else(|| {
        refused(BundleFault::NotFromAdministrator {
            subject: opened.subject(),
        })
    })?;
    if holder.staff_no != payload.exporter.staff_no {
        return Err(refused(BundleFault::ExporterNotSigner {
            claimed: format!("{}（{}）", payload.exporter.name, payload.exporter.staff_no),
            holder: holder.display(),
        }));
    }
    let presented = Presented {
        opened,
        payload,
        holder,
    };
    match payload.purpose {
        Purpose::Records => records(conn, &presented, asked, may_accept),
        Purpose::Directory => directory(conn, &presented, asked, may_accept),
    }
}

/// The bundle as opened, and who its certificate says signed it.
struct Presented<'a> {
    opened: &'a Opened,
    payload: &'a Payload,
    holder: ca::CertifiedHolder,
}

/// The envelope's signature under its own certificate, not revoked before it signed.
fn signature_holds(opened: &Opened, revoked_from: Option<DateTime<Utc>>) -> Result<(), AppError> {
    opened
        .trusted(Some(crate::signing::KnownCertificate {
            der: &opened.certificate_der,
            revoked_from,
        }))
        .map_err(refused)
}

fn records(
    conn: &Connection,
    presented: &Presented<'_>,
    asked: &Asked<'_>,
    may_accept: &dyn Fn(&Connection) -> Result<(), AppError>,
) -> Result<Decision, AppError> {
    let Presented {
        opened,
        payload,
        holder,
    } = presented;
    if payload.bureau.is_some()
        || !payload.standards.is_empty()
        || !payload.certificates.is_empty()
        || payload.root.is_some()
        || payload.bundle_key.is_some()
    {
        return Err(refused(BundleFault::RecordsCarryAuthority));
    }
    let mut decision = Decision {
        known: false,
        accept_signer: false,
        pin_root: None,
        // Until this database knows the key, the certificate's own words.
        exporter: holder.display(),
        root: None,
        fingerprint_to_compare: opened.fingerprint.clone(),
    };
    if let Some(known) = certificates::certificate_holder(conn, &opened.fingerprint)? {
        // Known here: the official this database keeps the certificate for is the
        // exporter, whoever the payload names.
        let official = directory::get::<Official>(conn, known.official_id)?
            .ok_or_else(|| StoreError::not_found("official", known.official_id))?;
        if official.value.staff_no != payload.exporter.staff_no {
            return Err(refused(BundleFault::ExporterNotSigner {
                claimed: format!("{}（{}）", payload.exporter.name, payload.exporter.staff_no),
                holder: known.name,
            }));
        }
        signature_holds(opened, known.revoked_from.as_deref().and_then(parse_time))?;
        decision.known = true;
        decision.exporter = known.name;
        return Ok(decision);
    }
    let unknown = BundleFault::UnknownSigner {
        fingerprint: opened.fingerprint.clone(),
        subject: opened.subject(),
    };
    if asked.trust_fingerprint == Some(opened.fingerprint.as_str()) {
        may_accept(conn)?;
        decision.accept_signer = true;
        Ok(decision)
    } else if asked.dry_run {
        Ok(decision)
    } else {
        Err(refused(unknown))
    }
}

fn directory(
    conn: &Connection,
    presented: &Presented<'_>,
    asked: &Asked<'_>,
    may_accept: &dyn Fn(&Connection) -> Result<(), AppError>,
) -> Result<Decision, AppError> {
    let Presented {
        opened,
        payload,
        holder,
    } = presented;
    let not_administrator = || {
        refused(BundleFault::NotFromAdministrator {
            subject: opened.subject(),
        })
    };
    let root = payload
        .root
        .as_deref()
        .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok())
        .ok_or_else(not_administrator)?;
    let signed_at = parse_time(&opened.signature.signed_at).ok_or_else(not_administrator)?;
    // The directory the bundle carries must name its signer as an active administrator
    // too: the hub's own record of who keeps the directory.
    let listed = payload.directory.officials.iter().any(|o| {
        o.id == payload.exporter.official_id
            && o.value.staff_no == holder.staff_no
            && o.value.role == OfficialRole::Administrator
            && o.value.active
    });
    if holder.role != Some(OfficialRole::Administrator)
        || !listed
        || !ca::issued_by(&opened.certificate_der, &root, signed_at)
    {
        return Err(not_administrator());
    }
    // Revoked by the hub (in the certificates it sends) or known here as revoked.
    let revoked_from = payload
        .certificates
        .iter()
        .find(|c| c.fingerprint == opened.fingerprint)
        .and_then(|c| c.revoked_from.as_deref())
        .or(certificates::certificate_holder(conn, &opened.fingerprint)?
            .and_then(|h| h.revoked_from)
            .as_deref())
        .and_then(parse_time);
    signature_holds(opened, revoked_from)?;
    let fingerprint = keys::fingerprint(&root);
    let subject = keys::subject_of(&root).unwrap_or_default();
    let mut decision = Decision {
        known: true,
        accept_signer: false,
        pin_root: None,
        exporter: holder.display(),
        root: Some((subject.clone(), fingerprint.clone())),
        fingerprint_to_compare: fingerprint.clone(),
    };
    if let Some(pinned) = bureau_root::pinned(conn)? {
        let pinned = keys::fingerprint(&pinned);
        if pinned != fingerprint {
            return Err(refused(BundleFault::OtherBureauRoot {
                pinned,
                found: fingerprint,
            }));
        }
        return Ok(decision);
    }
    if bureau_root::current(conn)?.is_some_and(|own| own.fingerprint == fingerprint) {
        return Ok(decision);
    }
    decision.known = false;
    if asked.trust_fingerprint == Some(fingerprint.as_str()) {
        may_accept(conn)?;
        decision.pin_root = Some(root);
        Ok(decision)
    } else if asked.dry_run {
        Ok(decision)
    } else {
        Err(refused(BundleFault::UnknownBureauRoot {
            fingerprint,
            subject,
        }))
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
