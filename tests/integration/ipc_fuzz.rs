//! The IPC surface with arbitrary JSON: every command, requests built from the
//! words requests use (and real ids of this bureau, and paths inside a scratch folder
//! only), sent as a staff member and as an inspector. No request may panic, and one
//! the core refuses must leave the database byte for byte as it was. Seeded, so a
//! failure is reproducible; `QINQING_IPC_FUZZ_ROUNDS` runs longer (default 6 per
//! command and role in `make test`).

use std::path::Path;

use qinqing::commands::{self, COMMANDS};
use serde_json::{json, Map, Value};

use crate::common::bureau::bureau;
use crate::common::{call, dump, PARSER_TEXT};

/// SplitMix64: small, seeded, good enough to pick shapes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const KEYS: [&str; 34] = [
    "path",
    "id",
    "recordId",
    "passphrase",
    "dryRun",
    "month",
    "departmentId",
    "body",
    "filter",
    "value",
    "version",
    "reason",
    "selection",
    "limit",
    "officialId",
    "kind",
    "text",
    "resolutions",
    "trustFingerprint",
    "confirmLoss",
    "language",
    "profileId",
    "registerId",
    "qrText",
    "items",
    "comment",
    "p12Password",
    "retention",
    "from",
    "to",
    "includeInactive",
    "meal",
    "date",
    "amountPaid",
];

struct Vocabulary {
    ids: Vec<Value>,
    paths: Vec<Value>,
}

fn arbitrary(rng: &mut Rng, words: &Vocabulary, depth: u32) -> Value {
    let choice = if depth >= 3 {
        rng.below(9)
    } else {
        rng.below(12)
    };
    match choice {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(*rng.pick(&[
            0i64,
            1,
            -1,
            2,
            100,
            500,
            501,
            i64::MAX,
            i64::MIN,
            999_999_999_999_999
        ])),
        3 => json!(*rng.pick(&[0.5f64, -1.25, 1e300, 45.0])),
        4 => json!(*rng.pick(&[
            "",
            " ",
            "2026-03",
            "2026-13",
            "2026-03-15",
            "2026-02-30",
            "meal",
            "trip",
            "gift",
            "contact",
            "keepMine",
            "takeTheirs",
            "en",
            "zh-CN",
            "administrator",
            "清风正气",
            "'; DROP TABLE record; --",
            "\u{0}",
            "../../etc/passwd",
        ])),
        5 => "字".repeat(rng.below(3) * 2500).into(),
        6 => rng.pick(&words.ids).clone(),
        7 => rng.pick(&words.paths).clone(),
        8 => json!(format!("{:016x}", rng.next())),
        9 | 10 => {
            let mut object = Map::new();
            for _ in 0..rng.below(6) {
                let key = rng.pick(&KEYS).to_string();
                object.insert(key, arbitrary(rng, words, depth + 1));
            }
            Value::Object(object)
        }
        _ => Value::Array(
            (0..rng.below(4))
                .map(|_| arbitrary(rng, words, depth + 1))
                .collect(),
        ),
    }
}

fn rounds() -> usize {
    std::env::var("QINQING_IPC_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}

#[test]
fn every_command_with_arbitrary_json_refuses_cleanly_and_changes_nothing() {
    let b = bureau();
    let scratch = tempfile::tempdir().unwrap();
    b.as_("clerk");
    let record = call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let file = |name: &str| json!(scratch.path().join(name).to_string_lossy());
    std::fs::write(scratch.path().join("junk.bin"), b"PK\x03\x04 not really").unwrap();
    let words = Vocabulary {
        ids: vec![
            record["id"].clone(),
            json!(b.dept_a),
            json!(b.dept_b),
            json!(b.counterpart),
            json!(b.person("staff").official),
            json!(b.person("head").profile.to_string()),
            json!("00000000-0000-0000-0000-000000000000"),
        ],
        paths: vec![
            file("out.qqb"),
            file("out.pdf"),
            file("junk.bin"),
            file("missing.xlsx"),
            json!(scratch.path().to_string_lossy()),
            json!("/dev/zero"),
        ],
    };
    let mut rng = Rng(0x5eed_2026_1203);
    let mut refused = 0usize;
    let mut panics = Vec::new();
    for entry in COMMANDS {
        for _ in 0..rounds() {
            let request = arbitrary(&mut rng, &words, 0);
            for who in ["staff", "inspector"] {
                b.as_(who);
                let before = dump(&b.db);
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    commands::dispatch(&b.core, entry.name, request.clone())
                }));
                match outcome {
                    Err(_) => panics.push(format!("{} {request}", entry.name)),
                    Ok(Err(error)) => {
                        refused += 1;
                        for lang in [qinqing::i18n::Lang::ZhCn, qinqing::i18n::Lang::En] {
                            let message = error.to_payload(lang).message;
                            let leaked = PARSER_TEXT.iter().find(|t| message.contains(*t));
                            assert!(
                                leaked.is_none(),
                                "{} as {who}: a person reads {leaked:?} in “{message}” for {request}",
                                entry.name
                            );
                        }
                        assert!(
                            dump(&b.db) == before,
                            "{} as {who} was refused but changed the database: {request}",
                            entry.name
                        );
                    }
                    Ok(Ok(_)) => {}
                }
            }
        }
    }
    assert!(panics.is_empty(), "panicked: {panics:#?}");
    assert!(
        refused > COMMANDS.len(),
        "the requests were too tame: {refused} refused"
    );
    // Nothing was written outside the scratch folder: only what was put there, and
    // what a permitted export may have written into it.
    assert!(!Path::new("out.qqb").exists() && !Path::new("out.pdf").exists());
}
