//! Reads a register PDF back: each signature checked against the bytes its
//! `/ByteRange` covers, whether it covers the whole file (or, for an earlier
//! signature, whether what came before the next one only added that signature: see
//! `revisions`), and the embedded manifest. Pure: the database side of verification
//! is `register::verify`.

use lopdf::Document;

use super::revisions::{self, LaterChange};
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
    /// What the revisions after this signature changed beyond the next signature
    /// (see `revisions`); `None` when nothing did, or no signature follows.
    pub changed_after: Option<LaterChange>,
    /// Where the revision this signature covers ends (its `/ByteRange`'s end).
    pub revision_end: Option<usize>,
}

impl InspectedSignature {
    /// Holds, and nothing but the next signature came after it.
    pub fn intact(&self) -> bool {
        self.check.is_ok() && self.changed_after.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct Inspection {
    /// In the order they were added (by the revision each covers).
    pub signatures: Vec<InspectedSignature>,
    pub manifest: Option<String>,
    /// The document's pages, for the reader.
    pub pages: u32,
}

impl Inspection {
    /// The bytes of the revision the `index`-th signature covers.
    pub fn revision<'a>(&self, bytes: &'a [u8], index: usize) -> Option<&'a [u8]> {
        bytes.get(..self.signatures.get(index)?.revision_end?)
    }
}

/// Inspects a PDF. A file lopdf cannot read at all is an error.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, seal::SealError> {
    let doc = Document::load_mem(bytes).map_err(|e| seal::SealError::Unreadable(e.to_string()))?;
    let mut signatures: Vec<InspectedSignature> = seal::signatures(&doc)
        .into_iter()
        .map(|found| check(bytes, found))
        .collect();
    // Revision order, whatever order the form lists its fields in; a signature whose
    // range cannot be read sorts last.
    signatures.sort_by_key(|s| s.revision_end.unwrap_or(usize::MAX));
    let ends: Vec<Option<usize>> = signatures.iter().map(|s| s.revision_end).collect();
    for (i, signature) in signatures.iter_mut().enumerate() {
        let Some(next) = ends.get(i + 1) else {
            break;
        };
        signature.changed_after = match (signature.revision_end, *next) {
            (Some(end), Some(next)) => {
                revisions::countersignature_only(&bytes[..end], &bytes[..next]).err()
            }
            _ => Some(LaterChange::Unreadable),
        };
    }
    Ok(Inspection {
        signatures,
        manifest: seal::read_manifest(&doc),
        pages: doc.get_pages().len() as u32,
    })
}

fn check(bytes: &[u8], found: FoundSignature) -> InspectedSignature {
    let Some(ranges) = ranges(bytes, &found) else {
        return InspectedSignature {
            found,
            check: Err(SignatureFault::ByteRange),
            covers_whole: false,
            changed_after: None,
            revision_end: None,
        };
    };
    let digest = seal::covered_digest(bytes, &ranges);
    let check = cms::verify_detached(&found.contents, &digest).map_err(SignatureFault::from);
    let end = ranges[2] + ranges[3];
    InspectedSignature {
        found,
        check,
        covers_whole: end == bytes.len(),
        changed_after: None,
        revision_end: Some(end),
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
