//! Repository for records' review (status, lock, amendment flag, last comment and
//! the signature of the last committing transition) and for monthly nil
//! attestations. A record without a review row is a draft.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::audit::{self, Stamp};
use super::directory::record_change;
use super::error::StoreError;
use super::sql::Cached;
use crate::domain::directory::{DepartmentId, OfficialId};
use crate::domain::records::RecordId;
use crate::domain::workflow::{ReviewState, ReviewStatus};
use crate::signing::StatementSignature;

/// A record's review as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    pub state: ReviewState,
    /// The signed register that locked it (filled by the register).
    pub locked_by: Option<String>,
    /// The comment of the last return (or approval).
    pub comment: String,
    /// The record version the last transition was about.
    pub record_version: i64,
    pub signature: Option<StatementSignature>,
}

/// status, locked_by, amended, comment, record_version, signature.
type ReviewRow = (String, Option<String>, bool, String, i64, Option<String>);

pub fn get(conn: &Connection, record_id: RecordId) -> Result<Review, StoreError> {
    let row: Option<ReviewRow> = conn
        .one(
            "SELECT status, locked_by, amended, comment, record_version, signature
             FROM record_review WHERE record_id = ?1",
            [record_id.to_string()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((status, locked_by, amended, comment, record_version, signature)) = row else {
        return Ok(Review::default());
    };
    let corrupt = |e: String| StoreError::Corrupt(format!("review of {record_id}: {e}"));
    Ok(Review {
        state: ReviewState {
            status: ReviewStatus::from_tag(&status).ok_or_else(|| corrupt(status.clone()))?,
            locked: locked_by.is_some(),
            amended,
        },
        locked_by,
        comment,
        record_version,
        signature: signature
            .map(|s| serde_json::from_str(&s).map_err(|e| corrupt(e.to_string())))
            .transpose()?,
    })
}

/// Writes a record's review and audits it as `action` (submit, approve, …).
pub fn set(
    conn: &Connection,
    stamp: &Stamp,
    record_id: RecordId,
    review: &Review,
    action: &str,
) -> Result<(), StoreError> {
    let before = audit::image_of(conn, "review", &record_id.to_string())?;
    let signature = review
        .signature
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Bug(e.to_string()))?;
    conn.run(
        "INSERT INTO record_review (record_id, status, locked_by, amended, comment, record_version, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (record_id) DO UPDATE SET status = ?2, locked_by = ?3, amended = ?4,
             comment = ?5, record_version = ?6, signature = ?7",
        params![
            record_id.to_string(),
            review.state.status.tag(),
            review.locked_by,
            review.state.amended,
            review.comment,
            review.record_version,
            signature,
        ],
    )?;
    record_change(conn, stamp, "review", action, &record_id, before)
}

/// Locks approved records into a signed register (the register does this when it
/// is signed): from then on their changes are amendments.
pub fn lock(
    conn: &Connection,
    stamp: &Stamp,
    record_ids: &[RecordId],
    register: &str,
) -> Result<(), StoreError> {
    for id in record_ids {
        let mut review = get(conn, *id)?;
        if review.state.status != ReviewStatus::Approved {
            return Err(StoreError::Bug(format!(
                "record {id} is not approved and cannot be locked"
            )));
        }
        review.locked_by = Some(register.to_owned());
        review.state.locked = true;
        review.state.amended = false;
        set(conn, stamp, *id, &review, "lock")?;
    }
    Ok(())
}

/// A month an official declared empty (本月无登记事项).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    pub id: Uuid,
    pub official_id: OfficialId,
    /// `YYYY-MM`.
    pub month: String,
    pub active: bool,
    pub signature: StatementSignature,
}

pub fn attestation(
    conn: &Connection,
    official_id: OfficialId,
    month: &str,
) -> Result<Option<Attestation>, StoreError> {
    let row: Option<(String, bool, String)> = conn
        .one(
            "SELECT id, active, signature FROM attestation WHERE official_id = ?1 AND month = ?2",
            params![official_id.to_string(), month],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(id, active, signature)| {
        let corrupt = |e: String| StoreError::Corrupt(format!("attestation {id}: {e}"));
        Ok(Attestation {
            id: Uuid::parse_str(&id).map_err(|e| corrupt(e.to_string()))?,
            official_id,
            month: month.to_owned(),
            active,
            signature: serde_json::from_str(&signature).map_err(|e| corrupt(e.to_string()))?,
        })
    })
    .transpose()
}

/// Declares (or withdraws, `active = false`) a nil month.
pub fn set_attestation(
    conn: &Connection,
    stamp: &Stamp,
    attestation: &Attestation,
) -> Result<(), StoreError> {
    let id = attestation.id.to_string();
    let before = audit::image_of(conn, "attestation", &id)?;
    let signature = serde_json::to_string(&attestation.signature)
        .map_err(|e| StoreError::Bug(e.to_string()))?;
    conn.run(
        "INSERT INTO attestation (id, official_id, month, active, signature)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET active = ?4, signature = ?5",
        params![
            id,
            attestation.official_id.to_string(),
            attestation.month,
            attestation.active,
            signature
        ],
    )?;
    let action = if attestation.active {
        "attest"
    } else {
        "withdraw"
    };
    record_change(conn, stamp, "attestation", action, &attestation.id, before)
}

/// The review status of each live record `official` takes part in, dated between
/// two days.
pub fn official_month(
    conn: &Connection,
    official: OfficialId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(Uuid, ReviewStatus)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, COALESCE(v.status, 'draft') FROM record_official o
         JOIN record r ON r.id = o.record_id
         LEFT JOIN record_review v ON v.record_id = r.id
         WHERE o.official_id = ?1 AND r.cancelled = 0 AND r.occurred_on BETWEEN ?2 AND ?3",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map(
            params![official.to_string(), first.to_string(), last.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, status)| {
            let id = super::sql::stored_id(&id)?;
            let status = ReviewStatus::from_tag(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("review status {status}")))?;
            Ok((id, status))
        })
        .collect()
}

/// Records of a department dated before `first` that were changed after a signed
/// register locked them: the next register reports them as amendments.
pub fn amended_before(
    conn: &Connection,
    department: DepartmentId,
    first: NaiveDate,
) -> Result<Vec<RecordId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM record_review v JOIN record r ON r.id = v.record_id
         WHERE v.amended = 1 AND r.department_id = ?1 AND r.occurred_on < ?2
         ORDER BY r.occurred_on, r.seq",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![department.to_string(), first.to_string()], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| super::sql::stored_id(id)).collect()
}
