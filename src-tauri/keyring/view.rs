//! A profile and its keys as people see them: the official's name, department and
//! role, and every certificate with where it came from and when it was revoked.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::directory::{Department, DepartmentId, Official, OfficialId, OfficialRole};
use crate::error::AppError;
use crate::signing::keys;
use crate::store::profiles::{self, KeyOrigin, ProfileRow};
use crate::store::{directory, StoreError};

/// A certificate as shown to people.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyView {
    pub id: Uuid,
    pub fingerprint: String,
    /// The certificate's subject (CN=…, OU=…, O=…).
    pub subject: String,
    pub origin: KeyOrigin,
    pub created_at: String,
    pub revoked_from: Option<String>,
    pub revoked_reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub id: Uuid,
    #[ts(type = "number")]
    pub version: i64,
    pub official_id: OfficialId,
    pub name: String,
    pub staff_no: String,
    pub department_id: DepartmentId,
    pub department_name: String,
    pub role: OfficialRole,
    pub administrator: bool,
    pub active: bool,
    /// Newest first; revoked ones stay, so what they signed still verifies.
    pub keys: Vec<KeyView>,
}

pub fn view_of(conn: &Connection, row: &ProfileRow) -> Result<ProfileView, AppError> {
    let official = directory::get::<Official>(conn, row.official_id)?
        .ok_or_else(|| StoreError::not_found("official", row.official_id))?;
    let department = directory::get::<Department>(conn, official.value.department_id)?
        .map(|d| d.value.name)
        .unwrap_or_default();
    let keys = profiles::keys_of(conn, row.id)?
        .into_iter()
        .map(|k| KeyView {
            subject: keys::subject_of(&k.certificate_der).unwrap_or_default(),
            id: k.id,
            fingerprint: k.fingerprint,
            origin: k.origin,
            created_at: k.created_at,
            revoked_from: k.revoked_from,
            revoked_reason: k.revoked_reason,
        })
        .collect();
    Ok(ProfileView {
        id: row.id,
        version: row.version,
        official_id: row.official_id,
        name: official.value.name,
        staff_no: official.value.staff_no,
        department_id: official.value.department_id,
        department_name: department,
        role: official.value.role,
        administrator: row.administrator,
        active: row.active,
        keys,
    })
}
