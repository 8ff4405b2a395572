//! The embedded manifest read as what it claims to be, not trusted: every field the
//! format has, of its type, and nothing else. `{}`, a manifest of another format, or
//! one whose record ids or chain head do not parse is no manifest at all.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::directory::DepartmentId;
use crate::domain::records::RecordId;
use crate::domain::validation::month_range;
use crate::register::manifest::FORMAT;
use crate::store::audit::ChainHead;

/// One record as the manifest states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRecord {
    pub id: RecordId,
    pub version: i64,
    pub image_sha256: String,
    /// The section it is listed in (`meals`, `late`, `amendments`, …).
    pub section: String,
}

/// What a well-formed manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestFacts {
    pub bureau: String,
    pub department_id: DepartmentId,
    pub department: String,
    pub month: String,
    pub records: Vec<SignedRecord>,
    pub audit_head: ChainHead,
}

const KEYS: [&str; 11] = [
    "format",
    "bureau",
    "departmentId",
    "department",
    "month",
    "asOf",
    "records",
    "findings",
    "attestations",
    "totals",
    "auditHead",
];
const SECTIONS: [&str; 7] = [
    "trips",
    "meals",
    "giftsReceived",
    "giftsGiven",
    "contacts",
    "late",
    "amendments",
];

/// The manifest's facts, or `None` when it is not a well-formed register manifest.
pub fn read(text: &str) -> Option<ManifestFacts> {
    let value: Value = serde_json::from_str(text).ok()?;
    let top = value.as_object()?;
    if top.len() != KEYS.len() || !KEYS.iter().all(|k| top.contains_key(*k)) {
        return None;
    }
    if top["format"].as_str()? != FORMAT {
        return None;
    }
    let month = top["month"].as_str()?.to_owned();
    month_range(&month).ok()?;
    NaiveDate::parse_from_str(top["asOf"].as_str()?, "%Y-%m-%d").ok()?;
    let mut seen = HashSet::new();
    let records = top["records"]
        .as_array()?
        .iter()
        .map(|entry| {
            let entry = exactly(entry, &["id", "version", "imageSha256", "section"])?;
            let section = entry["section"].as_str()?;
            SECTIONS.contains(&section).then_some(())?;
            let record = SignedRecord {
                id: uuid(&entry["id"])?.into(),
                version: entry["version"].as_i64().filter(|v| *v >= 1)?,
                image_sha256: sha256(&entry["imageSha256"])?,
                section: section.to_owned(),
            };
            seen.insert(record.id).then_some(record)
        })
        .collect::<Option<Vec<_>>>()?;
    for finding in top["findings"].as_array()? {
        let finding = exactly(finding, &["recordId", "rule", "severity", "clause"])?;
        uuid(&finding["recordId"])?;
        for key in ["rule", "severity", "clause"] {
            finding[key].as_str()?;
        }
    }
    for attestation in top["attestations"].as_array()? {
        let attestation = exactly(attestation, &["officialId", "records", "declaredNil"])?;
        uuid(&attestation["officialId"])?;
        attestation["records"].as_u64()?;
        attestation["declaredNil"].as_bool()?;
    }
    let totals = top["totals"].as_object()?;
    totals.get("all")?.as_i64()?;
    totals.values().all(Value::is_i64).then_some(())?;
    let head = exactly(&top["auditHead"], &["seq", "hash"])?;
    Some(ManifestFacts {
        bureau: top["bureau"].as_str()?.to_owned(),
        department_id: uuid(&top["departmentId"])?.into(),
        department: top["department"].as_str()?.to_owned(),
        month,
        records,
        audit_head: ChainHead {
            seq: head["seq"].as_i64().filter(|s| *s >= 0)?,
            hash: sha256(&head["hash"])?,
        },
    })
}

/// An object with exactly these keys.
fn exactly<'a>(value: &'a Value, keys: &[&str]) -> Option<&'a Map<String, Value>> {
    let object = value.as_object()?;
    (object.len() == keys.len() && keys.iter().all(|k| object.contains_key(*k))).then_some(object)
}

fn uuid(value: &Value) -> Option<Uuid> {
    Uuid::parse_str(value.as_str()?).ok()
}

/// 64 lower-case hex digits.
fn sha256(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    (text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good() -> Value {
        json!({
            "format": FORMAT, "bureau": "沈阳市某局",
            "departmentId": "0190a000-0000-7000-8000-000000000001", "department": "招商服务处",
            "month": "2026-03", "asOf": "2026-03-31",
            "records": [{"id": "0190a000-0000-7000-8000-000000000002", "version": 1,
                         "imageSha256": "a".repeat(64), "section": "meals"}],
            "findings": [{"recordId": "0190a000-0000-7000-8000-000000000002", "rule": "r",
                          "severity": "warning", "clause": "二(一)6"}],
            "attestations": [{"officialId": "0190a000-0000-7000-8000-000000000003",
                              "records": 1, "declaredNil": false}],
            "totals": {"all": 4500, "Meals": 4500},
            "auditHead": {"seq": 12, "hash": "b".repeat(64)},
        })
    }

    #[test]
    fn a_well_formed_manifest_reads() {
        let facts = read(&good().to_string()).unwrap();
        assert_eq!(facts.month, "2026-03");
        assert_eq!(facts.records.len(), 1);
        assert_eq!(facts.audit_head.seq, 12);
    }

    #[test]
    fn an_empty_or_malformed_manifest_is_none() {
        assert_eq!(read("{}"), None);
        assert_eq!(read("not json"), None);
        let broken: [(&str, Value); 8] = [
            ("format", json!("qinqing-register/0")),
            ("departmentId", json!("not a uuid")),
            ("month", json!("2026-13")),
            ("auditHead", json!({"seq": 12})),
            ("auditHead", json!({"seq": -1, "hash": "b".repeat(64)})),
            (
                "records",
                json!([{"id": "x", "version": 1, "imageSha256": "a", "section": "meals"}]),
            ),
            ("totals", json!({"all": "4500"})),
            ("extra", json!(1)),
        ];
        for (key, value) in broken {
            let mut manifest = good();
            manifest[key] = value;
            assert_eq!(read(&manifest.to_string()), None, "{key}");
        }
        let mut twice = good();
        let record = twice["records"][0].clone();
        twice["records"] = json!([record.clone(), record]);
        assert_eq!(read(&twice.to_string()), None, "a record listed twice");
    }
}
