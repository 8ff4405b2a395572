//! Whether each signature was made by someone entitled to make it: the first (签署)
//! by the head of the department the manifest names, the second (会签) by a leader in
//! charge — each judged by the directory as the audit log recorded it at the moment
//! the database recorded that signature (for a register this database issued), or as
//! it stands now (for one it did not). The field's name, its `/Reason`, the `/Name`
//! written in it, the order and the count of signatures are part of the check: a
//! staff member's own key with the leader's name in `/Name` is not a countersignature.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::directory::{Department, DepartmentId, Official, OfficialId, OfficialRole};
use crate::register::pdf::seal::FoundSignature;
use crate::register::slots::SignatureSlot;
use crate::store::{audit, directory, StoreError};
use rusqlite::Connection;

/// Why a signature that holds was not made with the authority its place needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuthorityFault {
    /// More signatures than a register has (签署, then 会签).
    ExtraSignature,
    /// The field's name or `/Reason` is not the one its place has.
    WrongField,
    /// `/Name` is not the certificate holder's name.
    NameMismatch,
    /// The holder did not have the role its place needs (at the time).
    WrongRole,
    /// The holder was the head of another department, or a leader in charge the
    /// department did not name (at the time).
    WrongDepartment,
}
impl AuthorityFault {
    pub const ALL: [AuthorityFault; 5] = [
        AuthorityFault::ExtraSignature,
        AuthorityFault::WrongField,
        AuthorityFault::NameMismatch,
        AuthorityFault::WrongRole,
        AuthorityFault::WrongDepartment,
    ];
}

/// The certificate holder as the directory had them at the moment that counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderThen {
    pub official_id: OfficialId,
    /// 姓名（工号）.
    pub name: String,
    pub role: Option<OfficialRole>,
    pub department_id: Option<DepartmentId>,
}

/// The official `official_id` as recorded at audit row `seq`, or as now.
pub fn holder_then(
    conn: &Connection,
    official_id: OfficialId,
    seq: Option<i64>,
) -> Result<Option<HolderThen>, StoreError> {
    let official = match seq {
        Some(seq) => audit::image_at(conn, "official", &official_id.to_string(), seq)?
            .as_deref()
            .and_then(official_from_image),
        None => directory::get::<Official>(conn, official_id)?.map(|o| o.value),
    };
    Ok(official.map(|o| HolderThen {
        official_id,
        name: format!("{}（{}）", o.name, o.staff_no),
        role: Some(o.role),
        department_id: Some(o.department_id),
    }))
}

/// The body of an audited directory image (see `store::audit`'s images).
fn body_of<T: serde::de::DeserializeOwned>(image: &str) -> Option<T> {
    #[derive(Deserialize)]
    struct Image<T> {
        body: T,
    }
    serde_json::from_str::<Image<T>>(image).ok().map(|i| i.body)
}

fn official_from_image(image: &str) -> Option<Official> {
    body_of(image)
}

/// The leader in charge a department named at audit row `seq` (or now), if any.
pub fn leader_then(
    conn: &Connection,
    department_id: DepartmentId,
    seq: Option<i64>,
) -> Result<Option<OfficialId>, StoreError> {
    let department = match seq {
        Some(seq) => audit::image_at(conn, "department", &department_id.to_string(), seq)?
            .as_deref()
            .and_then(body_of::<Department>),
        None => directory::get::<Department>(conn, department_id)?.map(|d| d.value),
    };
    Ok(department.and_then(|d| d.leader_in_charge_id))
}

/// Whether `holder` belongs to the register's department for the place they signed
/// in: its head for 签署; for 会签, the leader it names (any leader while it names
/// none).
pub fn belongs(
    conn: &Connection,
    index: usize,
    holder: &HolderThen,
    department_id: DepartmentId,
    seq: Option<i64>,
) -> Result<bool, StoreError> {
    Ok(match SignatureSlot::at(index) {
        Some(SignatureSlot::Countersign) => {
            leader_allows(leader_then(conn, department_id, seq)?, holder.official_id)
        }
        _ => holder.department_id == Some(department_id),
    })
}

/// Whether `official`, a leader in charge, may countersign the registers of
/// `department_id` now: the one leader the department names, or any while it names
/// none. Issuing asks this; verification asks the same of the moment it was signed.
pub fn may_countersign(
    conn: &Connection,
    department_id: DepartmentId,
    official: OfficialId,
) -> Result<bool, StoreError> {
    Ok(leader_allows(
        leader_then(conn, department_id, None)?,
        official,
    ))
}

fn leader_allows(named: Option<OfficialId>, official: OfficialId) -> bool {
    named.is_none_or(|leader| leader == official)
}

/// The first thing wrong with the `index`-th signature's authority, if anything:
/// `holder` named `name` had `role` and was (or not) `in_department`, the one the
/// register is for.
pub fn fault(
    index: usize,
    found: &FoundSignature,
    name: &str,
    role: Option<OfficialRole>,
    in_department: bool,
) -> Option<AuthorityFault> {
    let Some(slot) = SignatureSlot::at(index) else {
        return Some(AuthorityFault::ExtraSignature);
    };
    if found.field != slot.field() || found.reason != slot.reason() {
        return Some(AuthorityFault::WrongField);
    }
    if found.signer != name {
        return Some(AuthorityFault::NameMismatch);
    }
    if role != Some(slot.role()) {
        return Some(AuthorityFault::WrongRole);
    }
    if !in_department {
        return Some(AuthorityFault::WrongDepartment);
    }
    None
}

/// Who may sign in `slot` for `department_id` as the directory stands: the names a
/// reader is told when someone else signed.
pub fn entitled(
    conn: &Connection,
    slot: SignatureSlot,
    department_id: DepartmentId,
) -> Result<Vec<String>, StoreError> {
    let leader = match slot {
        SignatureSlot::Countersign => leader_then(conn, department_id, None)?,
        SignatureSlot::Sign => None,
    };
    Ok(directory::list::<Official>(conn, true)?
        .into_iter()
        .filter(|o| o.value.role == slot.role())
        .filter(|o| slot != SignatureSlot::Sign || o.value.department_id == department_id)
        .filter(|o| leader_allows(leader, o.id))
        .map(|o| format!("{}（{}）", o.value.name, o.value.staff_no))
        .collect())
}
