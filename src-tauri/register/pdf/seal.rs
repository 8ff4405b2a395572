//! The PDF structure around a register's content: the manifest embedded as an
//! attached file, signature fields appended as incremental updates (so an earlier
//! signature's bytes stay exactly as they were signed), and reading both back.
//!
//! A signature is a `/Sig` dictionary with `/SubFilter /ETSI.CAdES.detached`: its
//! `/ByteRange` covers the whole file as it stands after the update except the
//! `/Contents` hex string, which holds the CMS signature over those bytes. The
//! placeholders are written first and patched in place, so no offset moves.

use chrono::{DateTime, Utc};
use lopdf::{
    dictionary, Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat,
};
use sha2::{Digest, Sha256};

/// The attached file that carries the manifest.
pub const MANIFEST_NAME: &str = "manifest.json";
/// Room for the CMS signature: a P-256 signature with its self-signed certificate is
/// under 1 KB, and a CA-issued certificate (only the signer's is included) stays well
/// under 2 KB. Every byte of room costs two in the file (hex), on every signature.
const CONTENTS_BYTES: usize = 4096;
/// A wide placeholder for each `/ByteRange` number, rewritten in place.
const RANGE_PLACEHOLDER: i64 = 9_999_999_999;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the file is not a readable PDF: {0}")]
    Unreadable(String),
    #[error("the PDF has no {0}")]
    Missing(&'static str),
    #[error("the signature ({0} bytes) does not fit its field")]
    TooLarge(usize),
    #[error("signing failed: {0}")]
    Signing(String),
}

fn unreadable(e: impl std::fmt::Display) -> SealError {
    SealError::Unreadable(e.to_string())
}

/// Adds the manifest as an attached file (`/EmbeddedFiles` and `/AF`, relationship
/// `/Data`) and rewrites the document whole: done once, before anything is signed.
pub fn embed_manifest(pdf: &[u8], manifest: &str) -> Result<Vec<u8>, SealError> {
    let mut doc = Document::load_mem(pdf).map_err(unreadable)?;
    let mut file = lopdf::Stream::new(
        dictionary! {
            "Type" => "EmbeddedFile",
            "Subtype" => Object::Name(b"application/json".to_vec()),
            "Params" => dictionary! { "Size" => manifest.len() as i64 },
        },
        manifest.as_bytes().to_vec(),
    );
    // Flate, like the pages: the manifest's hashes are most of a large register's bytes.
    file.compress().map_err(unreadable)?;
    let file_id = doc.add_object(file);
    let spec_id = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(MANIFEST_NAME),
        "UF" => Object::string_literal(MANIFEST_NAME),
        "Desc" => lopdf::text_string("登记簿清单 register manifest"),
        "AFRelationship" => "Data",
        "EF" => dictionary! { "F" => file_id },
    });
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(unreadable)?;
    let catalog = doc.get_dictionary_mut(root).map_err(unreadable)?;
    catalog.set(
        "Names",
        dictionary! {
            "EmbeddedFiles" => dictionary! {
                "Names" => vec![Object::string_literal(MANIFEST_NAME), spec_id.into()],
            },
        },
    );
    catalog.set("AF", vec![Object::from(spec_id)]);
    let mut out = Vec::with_capacity(pdf.len() + manifest.len() + 512);
    doc.save_to(&mut out).map_err(unreadable)?;
    Ok(out)
}

/// The embedded manifest's text, if the document has one.
pub fn read_manifest(doc: &Document) -> Option<String> {
    let root = doc.trailer.get(b"Root").ok()?.as_reference().ok()?;
    let catalog = doc.get_dictionary(root).ok()?;
    let names = resolve(doc, catalog.get(b"Names").ok()?)?.as_dict().ok()?;
    let files = resolve(doc, names.get(b"EmbeddedFiles").ok()?)?
        .as_dict()
        .ok()?;
    let list = resolve(doc, files.get(b"Names").ok()?)?.as_array().ok()?;
    let spec = list
        .chunks(2)
        .find(|pair| pair[0].as_str().ok() == Some(MANIFEST_NAME.as_bytes()))?
        .get(1)?;
    let spec = resolve(doc, spec)?.as_dict().ok()?;
    let ef = resolve(doc, spec.get(b"EF").ok()?)?.as_dict().ok()?;
    let stream = resolve(doc, ef.get(b"F").ok()?)?.as_stream().ok()?;
    let bytes = if stream.dict.has(b"Filter") {
        stream.decompressed_content().ok()?
    } else {
        stream.content.clone()
    };
    String::from_utf8(bytes).ok()
}

pub(super) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// Who signs, as the signature dictionary states it.
pub struct SignatureField<'a> {
    /// The field's name (`/T`), unique in the document.
    pub field: &'a str,
    /// `/Name`: the signer as a person reads it.
    pub signer: &'a str,
    /// `/Reason`: 签署 or 会签.
    pub reason: &'a str,
    /// `/M`: the claimed signing time.
    pub at: DateTime<Utc>,
}

fn pdf_date(at: DateTime<Utc>) -> String {
    at.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// Appends a signature field to `pdf` as an incremental update and signs it:
/// `sign` receives the SHA-256 of the bytes the `/ByteRange` covers and returns
/// the DER of a detached CMS signature over it.
pub fn append_signature(
    pdf: &[u8],
    field: &SignatureField<'_>,
    sign: impl FnOnce(&[u8; 32]) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, SealError> {
    let prev = Document::load_mem(pdf).map_err(unreadable)?;
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(unreadable)?;
    // On the last page, where the printed signature blocks are.
    let page = *prev
        .get_pages()
        .values()
        .next_back()
        .ok_or(SealError::Missing("page"))?;
    let mut fields = acroform_fields(&prev, root);
    let mut annots = page_annots(&prev, page);
    let mut update = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let doc = &mut update.new_document;
    let sig_id = doc.add_object(dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        "Name" => lopdf::text_string(field.signer),
        "Reason" => lopdf::text_string(field.reason),
        "M" => Object::string_literal(pdf_date(field.at)),
        "ByteRange" => vec![Object::Integer(0), RANGE_PLACEHOLDER.into(), RANGE_PLACEHOLDER.into(), RANGE_PLACEHOLDER.into()],
        "Contents" => Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
    });
    let widget_id = doc.add_object(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Widget",
        "FT" => "Sig",
        "T" => lopdf::text_string(field.field),
        "V" => sig_id,
        "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        // Print and locked: an invisible field, the printed signature blocks are on
        // the pages.
        "F" => 132,
        "P" => page,
    });
    fields.push(widget_id.into());
    annots.push(widget_id.into());
    update
        .opt_clone_object_to_new_document(page)
        .and_then(|()| update.opt_clone_object_to_new_document(root))
        .map_err(unreadable)?;
    let doc = &mut update.new_document;
    doc.get_dictionary_mut(page)
        .map_err(unreadable)?
        .set("Annots", annots);
    doc.get_dictionary_mut(root).map_err(unreadable)?.set(
        "AcroForm",
        dictionary! { "Fields" => fields, "SigFlags" => 3 },
    );
    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_BYTES + 4096);
    update.save_to(&mut out).map_err(unreadable)?;

    let (contents_start, contents_end) = placeholder(&out, pdf.len(), sig_id)?;
    let ranges = [0, contents_start, contents_end, out.len() - contents_end];
    patch_byte_range(&mut out, pdf.len(), sig_id, &ranges)?;
    let digest = covered_digest(&out, &ranges);
    let cms = sign(&digest).map_err(SealError::Signing)?;
    if cms.len() > CONTENTS_BYTES {
        return Err(SealError::TooLarge(cms.len()));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    out[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// The existing signature fields (a countersignature keeps the first one).
pub(super) fn acroform_fields(doc: &Document, root: ObjectId) -> Vec<Object> {
    doc.get_dictionary(root)
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| resolve(doc, f))
        .and_then(|f| f.as_dict().ok())
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|f| resolve(doc, f))
        .and_then(|f| f.as_array().ok())
        .cloned()
        .unwrap_or_default()
}

pub(super) fn page_annots(doc: &Document, page: ObjectId) -> Vec<Object> {
    doc.get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Annots").ok())
        .and_then(|a| resolve(doc, a))
        .and_then(|a| a.as_array().ok())
        .cloned()
        .unwrap_or_default()
}

/// Where the signature object begins in the appended update.
fn object_start(out: &[u8], from: usize, id: ObjectId) -> Result<usize, SealError> {
    let header = format!("{} {} obj", id.0, id.1);
    find(out, from, header.as_bytes()).ok_or(SealError::Missing("signature object"))
}

/// The `/Contents` placeholder: from its `<` to just after its `>`.
fn placeholder(out: &[u8], from: usize, sig: ObjectId) -> Result<(usize, usize), SealError> {
    let object = object_start(out, from, sig)?;
    let key = find(out, object, b"/Contents").ok_or(SealError::Missing("/Contents"))?;
    let start = find(out, key, b"<").ok_or(SealError::Missing("/Contents"))?;
    let end = start + 1 + 2 * CONTENTS_BYTES;
    if out.get(end) != Some(&b'>') {
        return Err(SealError::Missing("/Contents placeholder"));
    }
    Ok((start, end + 1))
}

fn patch_byte_range(
    out: &mut [u8],
    from: usize,
    sig: ObjectId,
    ranges: &[usize; 4],
) -> Result<(), SealError> {
    let object = object_start(out, from, sig)?;
    let key = find(out, object, b"/ByteRange").ok_or(SealError::Missing("/ByteRange"))?;
    let open = find(out, key, b"[").ok_or(SealError::Missing("/ByteRange"))?;
    let close = find(out, open, b"]").ok_or(SealError::Missing("/ByteRange"))?;
    let width = close - open - 1;
    let text = format!("{} {} {} {}", ranges[0], ranges[1], ranges[2], ranges[3]);
    if text.len() > width {
        return Err(SealError::Missing("room in /ByteRange"));
    }
    out[open + 1..close].copy_from_slice(format!("{text:<width$}").as_bytes());
    Ok(())
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// SHA-256 of the two ranges a `/ByteRange` `[a b c d]` covers.
pub fn covered_digest(bytes: &[u8], ranges: &[usize; 4]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(&bytes[ranges[0]..ranges[0] + ranges[1]]);
    hasher.update(&bytes[ranges[2]..ranges[2] + ranges[3]]);
    hasher.finalize().into()
}

/// A signature field as found in a PDF.
#[derive(Debug, Clone)]
pub struct FoundSignature {
    pub field: String,
    pub signer: String,
    pub reason: String,
    /// `/M` as written.
    pub signed_at: String,
    /// `[offset, length, offset, length]`, unchecked.
    pub byte_range: Vec<i64>,
    /// The CMS signature with its zero padding.
    pub contents: Vec<u8>,
}

/// Every signature field of the document, in the order they were added.
pub fn signatures(doc: &Document) -> Vec<FoundSignature> {
    let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return Vec::new();
    };
    let text = |d: &Dictionary, key: &[u8]| {
        d.get(key)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .unwrap_or_default()
    };
    acroform_fields(doc, root)
        .iter()
        .filter_map(|field| resolve(doc, field)?.as_dict().ok())
        .filter(|field| field.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig"))
        .filter_map(|field| {
            let sig = resolve(doc, field.get(b"V").ok()?)?.as_dict().ok()?;
            Some(FoundSignature {
                field: text(field, b"T"),
                signer: text(sig, b"Name"),
                reason: text(sig, b"Reason"),
                signed_at: sig
                    .get(b"M")
                    .and_then(Object::as_str)
                    .map(|m| String::from_utf8_lossy(m).into_owned())
                    .unwrap_or_default(),
                byte_range: sig
                    .get(b"ByteRange")
                    .and_then(Object::as_array)
                    .map(|a| a.iter().filter_map(|n| n.as_i64().ok()).collect())
                    .unwrap_or_default(),
                contents: sig
                    .get(b"Contents")
                    .and_then(Object::as_str)
                    .map(<[u8]>::to_vec)
                    .unwrap_or_default(),
            })
        })
        .collect()
}
