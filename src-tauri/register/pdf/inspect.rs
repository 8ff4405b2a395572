//! Reads a register PDF back: each signature checked against the bytes its
//! `/ByteRange` covers, whether it covers the whole file (or, for an earlier
//! signature, whether what came after only added signatures), and the embedded
//! manifest. Pure: the database side of verification is `register::verify`.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::seal::{self, FoundSignature};
use crate::signing::cms::{self, CmsFault, CmsSigner};

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureFault {
    #[error("the signature's byte range is malformed or does not enclose its own value")]
    ByteRange,
    #[error(transparent)]
    Cms(#[from] CmsFault),
}

#[derive(Debug, Clone)]
pub struct InspectedSignature {
    pub found: FoundSignature,
    /// The signer's certificate when the signature holds.
    pub check: Result<CmsSigner, SignatureFault>,
    /// The signed ranges end at the end of the file.
    pub covers_whole: bool,
    /// What was appended after this signature changes more than signature fields.
    pub changed_after: bool,
}

impl InspectedSignature {
    /// Holds, and nothing but later signatures came after it.
    pub fn intact(&self) -> bool {
        self.check.is_ok() && !self.changed_after
    }
}

#[derive(Debug, Clone)]
pub struct Inspection {
    pub signatures: Vec<InspectedSignature>,
    pub manifest: Option<String>,
    /// The document's pages, for the reader.
    pub pages: u32,
}

/// Inspects a PDF. A file lopdf cannot read at all is an error.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, seal::SealError> {
    let doc = Document::load_mem(bytes).map_err(|e| seal::SealError::Unreadable(e.to_string()))?;
    let signatures = seal::signatures(&doc)
        .into_iter()
        .map(|found| check(bytes, &doc, found))
        .collect();
    Ok(Inspection {
        signatures,
        manifest: seal::read_manifest(&doc),
        pages: doc.get_pages().len() as u32,
    })
}

fn check(bytes: &[u8], doc: &Document, found: FoundSignature) -> InspectedSignature {
    let Some(ranges) = ranges(bytes, &found) else {
        return InspectedSignature {
            found,
            check: Err(SignatureFault::ByteRange),
            covers_whole: false,
            changed_after: true,
        };
    };
    let digest = seal::covered_digest(bytes, &ranges);
    let check = cms::verify_detached(&found.contents, &digest).map_err(SignatureFault::from);
    let end = ranges[2] + ranges[3];
    let covers_whole = end == bytes.len();
    let changed_after = !covers_whole && !only_signatures_added(&bytes[..end], doc);
    InspectedSignature {
        found,
        check,
        covers_whole,
        changed_after,
    }
}

/// `[0 a b c]` with the gap `[a, b)` exactly this signature's `/Contents` string.
fn ranges(bytes: &[u8], found: &FoundSignature) -> Option<[usize; 4]> {
    let [0, a, b, c] = found.byte_range[..] else {
        return None;
    };
    let [a, b, c] = [a, b, c].map(|n| usize::try_from(n).ok());
    let (a, b, c) = (a?, b?, c?);
    let end = b.checked_add(c)?;
    if a == 0 || b <= a + 1 || end > bytes.len() {
        return None;
    }
    let gap = &bytes[a..b];
    let hex = gap.strip_prefix(b"<")?.strip_suffix(b">")?;
    let decoded: Option<Vec<u8>> = hex
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        })
        .collect();
    (hex.len() % 2 == 0 && decoded? == found.contents).then_some([0, a, b, c])
}

/// Whether the document as it now stands differs from its revision `before` only
/// by signature fields: the catalog may change its `/AcroForm` and a page its
/// `/Annots`; every other object the earlier revision had must be unchanged.
fn only_signatures_added(before: &[u8], now: &Document) -> bool {
    let Ok(earlier) = Document::load_mem(before) else {
        return false;
    };
    let root = now.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if root
        != earlier
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .ok()
    {
        return false;
    }
    if now.get_pages() != earlier.get_pages() {
        return false;
    }
    earlier
        .objects
        .iter()
        .all(|(id, old)| match now.objects.get(id) {
            None => false,
            Some(new) if new == old => true,
            Some(new) => {
                let ignored: &[u8] = if Some(*id) == root {
                    b"AcroForm"
                } else if is_page(now, *id) {
                    b"Annots"
                } else {
                    return false;
                };
                same_except(old, new, ignored)
            }
        })
}

fn is_page(doc: &Document, id: ObjectId) -> bool {
    doc.get_pages().values().any(|p| *p == id)
}

fn same_except(old: &Object, new: &Object, key: &[u8]) -> bool {
    let strip = |o: &Object| -> Option<Dictionary> {
        let mut d = o.as_dict().ok()?.clone();
        d.remove(key);
        Some(d)
    };
    matches!((strip(old), strip(new)), (Some(a), Some(b)) if a == b)
}
