//! The register as a PDF: our layout (`layout`) writes pages of marks (`marks`), a
//! small backend over printpdf (`backend`) writes them with the shipped font.

pub mod backend;
pub mod font;
pub mod inspect;
pub mod layout;
pub mod marks;
pub mod revisions;
pub mod seal;

use chrono::{DateTime, Utc};

pub use backend::PdfError;

use super::{manifest, Register};

/// What identifies one issued register, printed on it and carried by its QR code.
pub struct Issue<'a> {
    pub register_id: &'a str,
    pub generated_at: DateTime<Utc>,
    /// A preview printed before signing: every page says so.
    pub draft: bool,
}

/// The text of a register's QR code: its id and its manifest's SHA-256, which the
/// Verify screen (or `qinqing verify`) looks up.
pub fn qr_text(register_id: &str, manifest_sha256: &str) -> String {
    format!("qinqing-register:{register_id}:{manifest_sha256}")
}

/// Lays out and writes the register. The same register and issue give the same text
/// and layout (printpdf draws fresh subset tags and document ids per call).
pub fn render(register: &Register, issue: &Issue<'_>) -> Result<Vec<u8>, PdfError> {
    let measure = font::Measure::new().ok_or(PdfError::Font)?;
    let (manifest_text, sha256) = manifest::digest(register);
    let generated = crate::domain::bureau_time::minutes(&issue.generated_at);
    let qr = qr_text(issue.register_id, &sha256);
    let stamp = layout::Stamp {
        draft: issue.draft,
        register_id: issue.register_id,
        manifest_sha256: &sha256,
        generated: &generated,
        qr_text: &qr,
    };
    let pages = layout::compose(register, &measure, &stamp);
    let title = format!(
        "{} {} 政商交往登记簿 {}",
        register.bureau, register.department, register.month
    );
    let pdf = backend::write(
        &pages,
        &backend::Info {
            title: &title,
            author: &register.department,
            subject: "亲清政商交往月度登记簿",
            keywords: vec![register.month.clone(), sha256.clone()],
            created: issue.generated_at,
        },
    )?;
    Ok(seal::embed_manifest(&pdf, &manifest_text)?)
}
