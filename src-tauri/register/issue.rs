//! Issuing a register: the head signs a department's month (every record approved;
//! the PDF signed, the manifest kept, the records locked, the chain sealed), and the
//! leader in charge countersigns it (a second signature appended to the stored PDF).
//! Each checks who may, with their key certified by the bureau's root, inside the
//! caller's transaction; where the PDF is saved is the caller's.

use chrono::NaiveDate;
use rusqlite::Connection;
use uuid::Uuid;

use super::pdf::{seal, Issue};
use super::slots::SignatureSlot;
use super::{manifest, verify};
use crate::certification;
use crate::domain::access::{Action, Actor, Scope};
use crate::domain::directory::DepartmentId;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordId;
use crate::error::AppError;
use crate::keyring::{profile_name, unlock_key};
use crate::signing::{cms, UnlockedKey};
use crate::store::checkpoints::{self, Act};
use crate::store::registers::{self, IssuedRegister};
use crate::store::{review, Stamp, StoreError};

/// A register as now stored, and its signed PDF.
pub struct Signed {
    pub register: IssuedRegister,
    pub pdf: Vec<u8>,
}

/// Signs `department_id`'s register of `month` (`YYYY-MM`, checked) as `actor`, its
/// findings judged on `today`.
pub fn sign(
    conn: &Connection,
    stamp: &Stamp,
    actor: &Actor,
    department_id: DepartmentId,
    month: &str,
    today: NaiveDate,
    passphrase: &str,
) -> Result<Signed, AppError> {
    let scope = if actor.department_id == department_id {
        Scope::Department
    } else {
        Scope::Other
    };
    if !actor.may(Action::SignRegister, scope) {
        return Err(AppError::Forbidden {
            action: Action::SignRegister,
        });
    }
    if registers::for_month(conn, department_id, month)?.is_some() {
        return Err(AppError::RegisterIssued {
            month: month.to_owned(),
        });
    }
    let register = super::build(conn, department_id, month, today)?;
    if !register.blockers.is_empty() {
        return Err(AppError::RegisterBlocked {
            count: register.blockers.len() as u32,
        });
    }
    let key = unlock_key(conn, actor.profile_id, passphrase)?;
    certification::require_from_root(conn, key.certificate_der(), stamp.at)?;
    let id: Uuid = new_id(stamp.at, &mut OsEntropy);
    let (manifest_text, manifest_sha256) = manifest::digest(&register);
    let unsigned = super::pdf::render(
        &register,
        &Issue {
            register_id: &id.to_string(),
            generated_at: stamp.at,
            draft: false,
        },
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let signed = sign_pdf(conn, &unsigned, &key, actor, SignatureSlot::Sign, stamp)?;
    let issued = IssuedRegister {
        id,
        department_id,
        month: month.to_owned(),
        manifest: manifest_text,
        manifest_sha256,
        pdf_sha256: crate::digest::sha256_hex(&signed),
        signed_by: actor.profile_id,
        signed_at: stamp.at.to_rfc3339(),
        countersigned_by: None,
        countersigned_at: None,
    };
    registers::insert(conn, stamp, &issued, &signed)?;
    let ids: Vec<RecordId> = register.entries.iter().map(|e| e.record_id).collect();
    review::lock(conn, stamp, &ids, &id.to_string())?;
    checkpoints::seal(conn, &key, actor.profile_id, Act::SignRegister, stamp.at)?;
    Ok(Signed {
        register: issued,
        pdf: signed,
    })
}

/// Countersigns issued register `register_id` as `actor`, the leader in charge of
/// its department.
pub fn countersign(
    conn: &Connection,
    stamp: &Stamp,
    actor: &Actor,
    register_id: Uuid,
    passphrase: &str,
) -> Result<Signed, AppError> {
    let issued = registers::get(conn, register_id)?
        .ok_or_else(|| StoreError::not_found("register", register_id))?;
    if issued.countersigned_by.is_some() {
        return Err(AppError::RegisterCountersigned);
    }
    if !verify::may_countersign(conn, issued.department_id, actor.official_id)? {
        return Err(AppError::Forbidden {
            action: Action::CountersignRegister,
        });
    }
    let pdf = registers::pdf(conn, issued.id)?.unwrap_or_default();
    if crate::digest::sha256_hex(&pdf) != issued.pdf_sha256 {
        return Err(AppError::IntegrityViolated {
            first: format!(
                "register {}: the stored PDF does not match its hash",
                issued.id
            ),
        });
    }
    let key = unlock_key(conn, actor.profile_id, passphrase)?;
    certification::require_from_root(conn, key.certificate_der(), stamp.at)?;
    let signed = sign_pdf(conn, &pdf, &key, actor, SignatureSlot::Countersign, stamp)?;
    let pdf_sha256 = crate::digest::sha256_hex(&signed);
    registers::countersign(
        conn,
        stamp,
        issued.id,
        actor.profile_id,
        &stamp.at.to_rfc3339(),
        &signed,
        &pdf_sha256,
    )?;
    checkpoints::seal(
        conn,
        &key,
        actor.profile_id,
        Act::CountersignRegister,
        stamp.at,
    )?;
    let register = registers::get(conn, issued.id)?
        .ok_or_else(|| StoreError::not_found("register", issued.id))?;
    Ok(Signed {
        register,
        pdf: signed,
    })
}

/// Appends `actor`'s signature by `key` in `slot` to `pdf`.
fn sign_pdf(
    conn: &Connection,
    pdf: &[u8],
    key: &UnlockedKey,
    actor: &Actor,
    slot: SignatureSlot,
    stamp: &Stamp,
) -> Result<Vec<u8>, AppError> {
    let signer = profile_name(conn, actor.profile_id)?;
    let field = seal::SignatureField {
        field: slot.field(),
        signer: &signer,
        reason: slot.reason(),
        at: stamp.at,
    };
    seal::append_signature(pdf, &field, |digest| {
        cms::sign_detached(key, digest, field.at).map_err(|e| e.to_string())
    })
    .map_err(|e| AppError::Internal(e.to_string()))
}
