//! Repository for issued registers: one signed register per department and month,
//! with the manifest it was signed over and its PDF as it now stands. Audited like
//! every other table (the PDF by its hash).

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::audit::{self, Stamp};
use super::directory::record_change;
use super::error::StoreError;
use super::sql::Cached;
use crate::domain::directory::DepartmentId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedRegister {
    pub id: Uuid,
    pub department_id: DepartmentId,
    /// `YYYY-MM`.
    pub month: String,
    /// The canonical manifest as signed.
    pub manifest: String,
    pub manifest_sha256: String,
    pub pdf_sha256: String,
    /// Profile ids.
    pub signed_by: Uuid,
    pub signed_at: String,
    pub countersigned_by: Option<Uuid>,
    pub countersigned_at: Option<String>,
}

const COLUMNS: &str = "id, department_id, month, manifest, manifest_sha256, pdf_sha256, \
     signed_by, signed_at, countersigned_by, countersigned_at";

fn uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("issued register: {e}")))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<[Option<String>; 10]> {
    let mut out: [Option<String>; 10] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = row.get(i)?;
    }
    Ok(out)
}

fn parse(cols: [Option<String>; 10]) -> Result<IssuedRegister, StoreError> {
    let [id, department, month, manifest, manifest_sha, pdf_sha, signed_by, signed_at, counter_by, counter_at] =
        cols;
    let text =
        |v: Option<String>| v.ok_or_else(|| StoreError::Corrupt("issued register: null".into()));
    Ok(IssuedRegister {
        id: uuid(&text(id)?)?,
        department_id: uuid(&text(department)?)?.into(),
        month: text(month)?,
        manifest: text(manifest)?,
        manifest_sha256: text(manifest_sha)?,
        pdf_sha256: text(pdf_sha)?,
        signed_by: uuid(&text(signed_by)?)?,
        signed_at: text(signed_at)?,
        countersigned_by: counter_by.as_deref().map(uuid).transpose()?,
        countersigned_at: counter_at,
    })
}

fn query(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<IssuedRegister>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM issued_register {filter}"))?;
    let rows: Vec<_> = stmt.query_map(args, from_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(parse).collect()
}

pub fn get(conn: &Connection, id: Uuid) -> Result<Option<IssuedRegister>, StoreError> {
    Ok(query(conn, "WHERE id = ?1", params![id.to_string()])?
        .into_iter()
        .next())
}

pub fn for_month(
    conn: &Connection,
    department_id: DepartmentId,
    month: &str,
) -> Result<Option<IssuedRegister>, StoreError> {
    Ok(query(
        conn,
        "WHERE department_id = ?1 AND month = ?2",
        params![department_id.to_string(), month],
    )?
    .into_iter()
    .next())
}

/// Whether `department_id`'s register of `month` (YYYY-MM) is signed.
pub fn is_signed(
    conn: &Connection,
    department_id: DepartmentId,
    month: &str,
) -> Result<bool, StoreError> {
    Ok(conn
        .one(
            "SELECT 1 FROM issued_register WHERE department_id = ?1 AND month = ?2",
            params![department_id.to_string(), month],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn by_manifest(conn: &Connection, sha256: &str) -> Result<Option<IssuedRegister>, StoreError> {
    Ok(query(conn, "WHERE manifest_sha256 = ?1", params![sha256])?
        .into_iter()
        .next())
}

/// Issued registers, newest month first; of one department, or all.
pub fn list(
    conn: &Connection,
    department_id: Option<DepartmentId>,
) -> Result<Vec<IssuedRegister>, StoreError> {
    query(
        conn,
        "WHERE ?1 IS NULL OR department_id = ?1 ORDER BY month DESC, signed_at DESC",
        params![department_id.map(|d| d.to_string())],
    )
}

/// Whether this database wrote `register` as it now stands: its manifest text hashes
/// to the hash on record, and the audit log's newest image of the row is the row's
/// image (a row inserted or altered with SQL has none, or another).
pub fn as_recorded(conn: &Connection, register: &IssuedRegister) -> Result<bool, StoreError> {
    if crate::digest::sha256_hex(register.manifest.as_bytes()) != register.manifest_sha256 {
        return Ok(false);
    }
    let id = register.id.to_string();
    let logged = audit::image_at(conn, "register", &id, i64::MAX)?;
    Ok(logged.is_some() && logged == audit::image_of(conn, "register", &id)?)
}

/// The PDF as it now stands.
pub fn pdf(conn: &Connection, id: Uuid) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .one(
            "SELECT pdf FROM issued_register WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records a signed register with its PDF.
pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    register: &IssuedRegister,
    pdf: &[u8],
) -> Result<(), StoreError> {
    conn.run(
        &format!("INSERT INTO issued_register ({COLUMNS}, pdf) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            register.id.to_string(),
            register.department_id.to_string(),
            register.month,
            register.manifest,
            register.manifest_sha256,
            register.pdf_sha256,
            register.signed_by.to_string(),
            register.signed_at,
            register.countersigned_by.map(|p| p.to_string()),
            register.countersigned_at,
            pdf,
        ],
    )?;
    record_change(conn, stamp, "register", "sign", &register.id, None)
}

/// Replaces the PDF with its countersigned revision.
pub fn countersign(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    profile_id: Uuid,
    at: &str,
    pdf: &[u8],
    pdf_sha256: &str,
) -> Result<(), StoreError> {
    let before = audit::image_of(conn, "register", &id.to_string())?;
    let changed = conn.run(
        "UPDATE issued_register SET pdf = ?2, pdf_sha256 = ?3, countersigned_by = ?4,
             countersigned_at = ?5
         WHERE id = ?1 AND countersigned_by IS NULL",
        params![id.to_string(), pdf, pdf_sha256, profile_id.to_string(), at],
    )?;
    if changed != 1 {
        return Err(StoreError::Bug(format!(
            "register {id} is missing or already countersigned"
        )));
    }
    record_change(conn, stamp, "register", "countersign", &id, before)
}

/// Audits a save of the register's PDF to a file (the row itself is unchanged).
pub fn exported(conn: &Connection, stamp: &Stamp, id: Uuid) -> Result<(), StoreError> {
    let image = audit::image_of(conn, "register", &id.to_string())?;
    record_change(conn, stamp, "register", "export", &id, image)
}
