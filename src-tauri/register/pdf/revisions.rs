//! What a revision after a signature may change: exactly one countersignature, of the
//! shape this app writes, and nothing else. The policy is written down in
//! `docs/register-format.md` ("What may follow a signature"); in short, from the
//! revision a signature covers to the revision the next signature covers:
//!
//! - the catalog and the page tree stay the same objects, with the same pages;
//! - exactly two objects are new: a signature value (`/Type /Sig`, only the keys a
//!   signature has) and its widget (`/Subtype /Widget`, `/FT /Sig`, invisible, no
//!   appearance, on a page of the document, pointing at that value);
//! - the catalog changes only its `/AcroForm`, which becomes the earlier fields plus
//!   the new widget (and `/SigFlags 3`);
//! - the widget's page changes only its `/Annots`, which become the earlier ones plus
//!   the new widget;
//! - every other object is byte-for-byte the object it was.
//!
//! Anything else — an annotation (a FreeText painting new figures over old ones), a
//! form field, an appearance stream, a page, a name tree, a replaced object — is a
//! change after signing. Unsigned revisions between two signatures count as part of
//! the later one, so they too may add nothing. Modelled on pyHanko's difference
//! analysis, cut down to the one kind of change a register ever needs.

use lopdf::{Dictionary, Document, Object, ObjectId};
use serde::Serialize;
use ts_rs::TS;

use super::seal::{acroform_fields, page_annots, resolve};

/// The first thing found that the policy does not allow, with the object concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum LaterChange {
    /// The earlier revision could not be read back.
    Unreadable,
    /// The document's catalog was replaced, or its pages changed.
    StructureReplaced,
    /// An object that is not a signature field or its value was added (an annotation,
    /// a form field, an appearance stream, a page…).
    ObjectAdded { object: u32 },
    /// An object the signed revision has was changed beyond what a countersignature
    /// changes.
    ObjectChanged { object: u32 },
    /// An object the signed revision has was removed.
    ObjectRemoved { object: u32 },
    /// Not exactly one new signature field, or one carrying more than a signature
    /// (an appearance, a visible rectangle, other keys).
    SignatureFieldShape,
}

impl LaterChange {
    /// One change of each kind, about `object` where the kind names one: for the words.
    pub fn every_kind(object: u32) -> [LaterChange; 6] {
        [
            LaterChange::Unreadable,
            LaterChange::StructureReplaced,
            LaterChange::ObjectAdded { object },
            LaterChange::ObjectChanged { object },
            LaterChange::ObjectRemoved { object },
            LaterChange::SignatureFieldShape,
        ]
    }
}

/// The keys a signature value this app writes may have.
const SIG_KEYS: &[&[u8]] = &[
    b"Type",
    b"Filter",
    b"SubFilter",
    b"Name",
    b"Reason",
    b"M",
    b"ByteRange",
    b"Contents",
];
/// The keys its widget may have: no `/AP`, so it draws nothing.
const WIDGET_KEYS: &[&[u8]] = &[b"Type", b"Subtype", b"FT", b"T", b"V", b"Rect", b"F", b"P"];

/// Checks that `after` differs from `before` by exactly one signature field.
pub fn countersignature_only(before: &[u8], after: &[u8]) -> Result<(), LaterChange> {
    let before = Document::load_mem(before).map_err(|_| LaterChange::Unreadable)?;
    let after = Document::load_mem(after).map_err(|_| LaterChange::Unreadable)?;
    let root = |doc: &Document| doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let Some(root_id) = root(&before).filter(|r| root(&after) == Some(*r)) else {
        return Err(LaterChange::StructureReplaced);
    };
    if before.get_pages() != after.get_pages() {
        return Err(LaterChange::StructureReplaced);
    }
    let added: Vec<ObjectId> = after
        .objects
        .keys()
        .filter(|id| !before.objects.contains_key(id))
        .copied()
        .collect();
    let widget_id = new_widget(&after, &added)?;
    let widget = after
        .get_dictionary(widget_id)
        .map_err(|_| LaterChange::SignatureFieldShape)?;
    let page_id = widget
        .get(b"P")
        .and_then(Object::as_reference)
        .ok()
        .filter(|p| after.get_pages().values().any(|id| id == p))
        .ok_or(LaterChange::SignatureFieldShape)?;

    let mut fields = acroform_fields(&before, root_id);
    fields.push(widget_id.into());
    let mut annots = page_annots(&before, page_id);
    annots.push(widget_id.into());
    for (id, old) in &before.objects {
        let Some(new) = after.objects.get(id) else {
            return Err(LaterChange::ObjectRemoved { object: id.0 });
        };
        if new == old {
            continue;
        }
        let allowed = if *id == root_id {
            same_except(old, new, b"AcroForm") && acroform_is(&after, new, &fields)
        } else if *id == page_id {
            same_except(old, new, b"Annots") && annots_are(&after, new, &annots)
        } else {
            false
        };
        if !allowed {
            return Err(LaterChange::ObjectChanged { object: id.0 });
        }
    }
    // The catalog and the page must have been rewritten to reach the new widget.
    let reaches =
        |id: ObjectId, check: &dyn Fn(&Object) -> bool| after.objects.get(&id).is_some_and(check);
    if !reaches(root_id, &|o| acroform_is(&after, o, &fields))
        || !reaches(page_id, &|o| annots_are(&after, o, &annots))
    {
        return Err(LaterChange::SignatureFieldShape);
    }
    Ok(())
}

/// The one new widget among the added objects, whose value is the one other added
/// object; anything else added is refused.
fn new_widget(after: &Document, added: &[ObjectId]) -> Result<ObjectId, LaterChange> {
    let dict = |id: &ObjectId| after.objects.get(id).and_then(|o| o.as_dict().ok());
    let is_widget = |d: &Dictionary| {
        d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Widget".as_slice())
    };
    let widgets: Vec<ObjectId> = added
        .iter()
        .filter(|id| dict(id).is_some_and(is_widget))
        .copied()
        .collect();
    let [widget_id] = widgets[..] else {
        return match added
            .iter()
            .find(|id| dict(id).is_none_or(|d| !is_widget(d)))
        {
            Some(other) if widgets.is_empty() => Err(LaterChange::ObjectAdded { object: other.0 }),
            _ => Err(LaterChange::SignatureFieldShape),
        };
    };
    let widget = dict(&widget_id).ok_or(LaterChange::SignatureFieldShape)?;
    let sig_id = widget
        .get(b"V")
        .and_then(Object::as_reference)
        .map_err(|_| LaterChange::SignatureFieldShape)?;
    if let Some(other) = added.iter().find(|id| **id != widget_id && **id != sig_id) {
        return Err(LaterChange::ObjectAdded { object: other.0 });
    }
    let sig = dict(&sig_id).ok_or(LaterChange::SignatureFieldShape)?;
    let invisible = widget
        .get(b"Rect")
        .and_then(Object::as_array)
        .is_ok_and(|r| r.len() == 4 && r.iter().all(|n| n.as_float().is_ok_and(|v| v == 0.0)));
    let shaped = only_keys(widget, WIDGET_KEYS)
        && only_keys(sig, SIG_KEYS)
        && name(widget, b"FT") == Some(b"Sig".as_slice())
        && name(sig, b"Type") == Some(b"Sig".as_slice())
        && invisible;
    if !shaped {
        return Err(LaterChange::SignatureFieldShape);
    }
    Ok(widget_id)
}

fn name<'a>(dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    dict.get(key).and_then(Object::as_name).ok()
}

fn only_keys(dict: &Dictionary, allowed: &[&[u8]]) -> bool {
    dict.iter()
        .all(|(key, _)| allowed.contains(&key.as_slice()))
}

/// The catalog's `/AcroForm` holds exactly `fields` and `/SigFlags 3`, nothing else.
fn acroform_is(doc: &Document, catalog: &Object, fields: &[Object]) -> bool {
    let Some(form) = catalog
        .as_dict()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| f.as_dict().ok())
    else {
        return false;
    };
    let listed = form
        .get(b"Fields")
        .ok()
        .and_then(|f| resolve(doc, f))
        .and_then(|f| f.as_array().ok());
    only_keys(form, &[b"Fields", b"SigFlags"])
        && form.get(b"SigFlags").and_then(Object::as_i64).ok() == Some(3)
        && listed.is_some_and(|l| l.as_slice() == fields)
}

fn annots_are(doc: &Document, page: &Object, annots: &[Object]) -> bool {
    page.as_dict()
        .ok()
        .and_then(|p| p.get(b"Annots").ok())
        .and_then(|a| resolve(doc, a))
        .and_then(|a| a.as_array().ok())
        .is_some_and(|a| a.as_slice() == annots)
}

fn same_except(old: &Object, new: &Object, key: &[u8]) -> bool {
    let strip = |o: &Object| -> Option<Dictionary> {
        let mut d = o.as_dict().ok()?.clone();
        d.remove(key);
        Some(d)
    };
    matches!((strip(old), strip(new)), (Some(a), Some(b)) if a == b)
}
