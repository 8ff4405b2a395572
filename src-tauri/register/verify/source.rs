//! What a register to verify comes from: a PDF the person chose, or the text of a
//! register's QR code (the register this database issued is checked, and a PDF whose
//! manifest differs from the one the code names is tampered).

use uuid::Uuid;

use super::{against_database, RegisterVerification, Verdict, MAX_PDF_BYTES};
use crate::error::{fail, AppError, Problem};
use crate::files::chosen::read_chosen_file;
use crate::path;
use crate::register::pdf::inspect;
use crate::store::registers;

/// Verifies the register at `path` or the one `qr_text` names (exactly one of them).
pub fn verify(
    conn: &rusqlite::Connection,
    path: Option<&str>,
    qr_text: Option<&str>,
) -> Result<RegisterVerification, AppError> {
    let (bytes, expected_manifest) = match (path, qr_text) {
        (Some(path), None) => {
            let path = path.trim();
            if path.is_empty() {
                return Err(fail(path!["path"], Problem::Required));
            }
            let bytes = read_chosen_file(std::path::Path::new(path), MAX_PDF_BYTES)?;
            (bytes, None)
        }
        (None, Some(text)) => {
            let (id, sha) = parse_qr(text)?;
            let issued = registers::get(conn, id)?
                .filter(|r| r.manifest_sha256 == sha)
                .ok_or_else(|| fail(path!["qrText"], Problem::RegisterUnknown))?;
            let pdf = registers::pdf(conn, id)?.unwrap_or_default();
            (pdf, Some(issued.manifest_sha256))
        }
        _ => return Err(fail(path!["path"], Problem::Required)),
    };
    let inspection = inspect::inspect(&bytes).map_err(|_| {
        let field = if path.is_some() { "path" } else { "qrText" };
        fail(path![field], Problem::NotAPdf)
    })?;
    let mut verification = against_database(conn, &inspection, &bytes)?;
    if expected_manifest.is_some() && expected_manifest != verification.manifest_sha256 {
        verification.verdict = Verdict::Tampered;
    }
    Ok(verification)
}

/// `qinqing-register:<uuid>:<64 hex>`.
fn parse_qr(text: &str) -> Result<(Uuid, String), AppError> {
    let malformed = || {
        fail(
            path!["qrText"],
            Problem::Malformed {
                detail: "qinqing-register:<id>:<sha256>".into(),
            },
        )
    };
    let rest = text
        .trim()
        .strip_prefix("qinqing-register:")
        .ok_or_else(malformed)?;
    let (id, sha) = rest.split_once(':').ok_or_else(malformed)?;
    let id = Uuid::parse_str(id).map_err(|_| malformed())?;
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed());
    }
    Ok((id, sha.to_ascii_lowercase()))
}
