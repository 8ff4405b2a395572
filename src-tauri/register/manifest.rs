//! The canonical manifest: stable JSON of exactly what a register states (record ids,
//! versions and image hashes, the findings as they stand, the attestations, the
//! totals and the audit chain head) and its SHA-256, which the signature covers.

use crate::digest::sha256_hex;
use serde_json::{json, Map, Value};

use super::Register;

/// The manifest format's name and version, inside the manifest.
pub const FORMAT: &str = "qinqing-register/1";

/// The manifest as a JSON value.
pub fn manifest(register: &Register) -> Value {
    json!({
        "format": FORMAT,
        "bureau": register.bureau,
        "departmentId": register.department_id,
        "department": register.department,
        "month": register.month,
        "asOf": register.as_of,
        "records": register.entries.iter().map(|e| json!({
            "id": e.record_id, "version": e.version, "imageSha256": e.image_sha256, "section": e.section,
        })).collect::<Vec<_>>(),
        "findings": register.findings.iter().map(|f| json!({
            "recordId": f.record_id, "rule": f.rule, "severity": f.severity, "clause": f.clause,
        })).collect::<Vec<_>>(),
        "attestations": register.attestations.iter().map(|a| json!({
            "officialId": a.official_id, "records": a.records, "declaredNil": a.declared_nil,
        })).collect::<Vec<_>>(),
        "totals": register.sections.iter().filter_map(|s| s.total.map(|t| (format!("{:?}", s.kind), json!(t.0))))
            .chain(totals(&register.totals))
            .chain(std::iter::once(("all".to_owned(), json!(register.total.0))))
            .collect::<Map<String, Value>>(),
        "auditHead": {"seq": register.audit_head.seq, "hash": register.audit_head.hash},
    })
}

/// The labelled totals, by their field names (`giftsDeclinedOrReturned`, …); `all` is
/// the grand total.
fn totals(totals: &super::totals::Totals) -> Vec<(String, Value)> {
    match serde_json::to_value(totals) {
        Ok(Value::Object(fields)) => fields
            .into_iter()
            .filter(|(key, _)| key != "grand")
            .collect(),
        _ => Vec::new(),
    }
}

/// Compact JSON with object keys sorted at every level: the same register always
/// gives the same bytes, whichever map order serde_json was built with.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The manifest's bytes and their SHA-256.
pub fn digest(register: &Register) -> (String, String) {
    let text = canonical(&manifest(register));
    let hash = sha256_hex(text.as_bytes());
    (text, hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value = json!({"b": 1, "a": {"d": [1, {"z": 0, "y": "中"}], "c": null}});
        assert_eq!(
            canonical(&value),
            r#"{"a":{"c":null,"d":[1,{"y":"中","z":0}]},"b":1}"#
        );
    }
}
