//! Malformed requests, as a table over every request type: for every command, an
//! unknown field, and every top-level field of its request (read from the request's
//! exported shape, so a new field is covered the day it is added) given a value of the
//! wrong kind; then values inside records and directory entries. Each is refused on
//! the right field, in words in both languages — no parser text, no field spelled as
//! code, never the catch-all "cannot be read" — and changes nothing.

use qinqing::commands::{self, COMMANDS};
use qinqing::error::{AppError, PathSegment};
use qinqing::i18n::Lang;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, Bureau};
use crate::common::{dump, PARSER_TEXT};

/// The top-level fields of an inline TypeScript object shape: `(name, type)`.
fn fields(shape: &str) -> Vec<(String, String)> {
    let Some(inner) = shape
        .trim()
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
    else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let (mut depth, mut part) = (0i32, String::new());
    for c in inner.chars() {
        match c {
            '{' | '<' | '[' | '(' => depth += 1,
            '}' | '>' | ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut part));
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    parts.push(part);
    parts
        .iter()
        .filter_map(|p| {
            let (name, ty) = p.split_once(':')?;
            Some((
                name.trim().trim_end_matches('?').to_owned(),
                ty.trim().to_owned(),
            ))
        })
        .collect()
}

/// A value no field of type `ty` takes.
fn wrong_for(ty: &str) -> Value {
    match ty.trim_end_matches(" | null").trim() {
        "number" | "bigint" | "boolean" => json!("x"),
        t if t.starts_with('"') => json!("no such value"),
        t if t.starts_with("Array<") => json!("x"),
        // Text, ids, dates, groups and enums of groups.
        _ => json!(5),
    }
}

/// Who is let through to the request's parsing: the first role the command admits.
const ROLES: [&str; 6] = ["admin", "head", "leader", "clerk", "inspector", "staff"];

/// Sends `request` as each role in turn until one is admitted; asserts it is refused,
/// that nothing changed, and that both languages say it in words. Returns the refusal.
fn refused(b: &Bureau, command: &str, request: &Value) -> AppError {
    let before = dump(&b.db);
    for who in ROLES {
        b.as_(who);
        match commands::dispatch(&b.core, command, request.clone()) {
            Ok(_) => panic!("{command} as {who} took {request}"),
            Err(AppError::Forbidden { .. } | AppError::SignInRequired) => continue,
            Err(error) => {
                assert!(
                    dump(&b.db) == before,
                    "{command} refused {request} but changed the database"
                );
                for lang in [Lang::ZhCn, Lang::En] {
                    let message = error.to_payload(lang).message;
                    let leaked = PARSER_TEXT.iter().find(|t| message.contains(*t));
                    assert!(
                        leaked.is_none(),
                        "{command} {request}: {leaked:?} in “{message}”"
                    );
                    assert!(
                        !message.contains("无法读取") && !message.contains("cannot be read"),
                        "{command} {request}: the catch-all in “{message}”"
                    );
                }
                return error;
            }
        }
    }
    panic!("no role may run {command}")
}

/// The field part of a Chinese field message (before the first `：`): Chinese words,
/// never a key spelled as code.
fn chinese_field_words(error: &AppError) -> String {
    let message = error.to_payload(Lang::ZhCn).message;
    let (field, _) = message
        .split_once('：')
        .unwrap_or_else(|| panic!("not a field message: {message}"));
    field.to_owned()
}

#[test]
fn every_request_type_refuses_an_unknown_field_and_a_wrong_kind_of_value_in_words() {
    let b = bureau();
    let mut probes = 0;
    for entry in COMMANDS {
        // An unknown field is named as it was written (it is the writer's own word).
        let error = refused(&b, entry.name, &json!({"notAField": 1}));
        assert_eq!(
            error.field(),
            Some(vec![PathSegment::Key("notAField".into())])
        );
        assert!(error
            .to_payload(Lang::ZhCn)
            .message
            .contains("不是此处可填写的项目"));
        assert!(error
            .to_payload(Lang::En)
            .message
            .contains("is not something this request takes"));

        for (name, ty) in fields(&entry.request().shape) {
            let request = json!({ name.clone(): wrong_for(&ty) });
            let error = refused(&b, entry.name, &request);
            probes += 1;
            assert_eq!(
                error.field().and_then(|f| f.first().cloned()),
                Some(PathSegment::Key(name.clone())),
                "{} {request}: {error}",
                entry.name
            );
            let words = chinese_field_words(&error);
            assert!(
                !words.is_empty() && !words.chars().any(|c| c.is_ascii_alphabetic()),
                "{} {name}: the field is not in words: “{}”",
                entry.name,
                error.to_payload(Lang::ZhCn).message
            );
            let english = error.to_payload(Lang::En).message;
            assert!(
                !english.starts_with(' ')
                    && !english
                        .as_bytes()
                        .windows(2)
                        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase()),
                "{} {name}: the field is not in words: “{english}”",
                entry.name
            );
        }
    }
    assert!(probes > COMMANDS.len(), "{probes} fields probed");
}

#[test]
fn values_inside_records_and_directory_entries_are_refused_in_words() {
    let b = bureau();
    let meal = |change: &dyn Fn(&mut Value)| {
        let mut request = b.meal("staff", "2026-03-02");
        change(&mut request["body"]["meal"]);
        request
    };
    let trip = json!({"departmentId": b.dept_a, "body": {"trip": {
        "startDate": "2026-03-02", "endDate": "2026-03-04", "purpose": "招商考察",
        "destination": "大连", "participantIds": [b.person("staff").official],
        "counterpartIds": [b.counterpart],
        "expenses": [{"category": "lodging", "amount": 60000, "nights": "2", "payer": "unit"}]
    }}});
    let entry = |value: Value| json!({"value": value});
    // (command, request, Chinese message, English message)
    let table: Vec<(&str, Value, &str, &str)> = vec![
        (
            "record_create",
            meal(&|m| m["amountPaid"] = json!(45.5)),
            "支付金额：应为整数",
            "amount paid must be a whole number",
        ),
        (
            "record_create",
            meal(&|m| m["mode"] = json!("division")),
            "就餐方式：不是允许的取值",
            "meal type is not one of the allowed values",
        ),
        (
            "record_create",
            meal(&|m| m["date"] = json!("2026-02-30")),
            "日期：应为日期（年-月-日）",
            "date must be a date (year-month-day)",
        ),
        (
            "record_create",
            meal(&|m| m["officialIds"] = json!(["not an id"])),
            "第 1 位人员：应为编号（UUID）",
            "official 1 must be an id (UUID)",
        ),
        (
            "record_create",
            meal(&|m| m["cigarettes"] = json!("no")),
            "香烟：应为是或否",
            "cigarettes must be yes or no",
        ),
        (
            "record_create",
            trip,
            "第 1 条费用的住宿晚数：应为整数",
            "nights of expense 1 must be a whole number",
        ),
        (
            "record_create",
            json!({"departmentId": b.dept_a, "body": {"division": {}}}),
            "记录内容：不是允许的取值",
            "the record is not one of the allowed values",
        ),
        (
            "record_create",
            json!({"departmentId": b.dept_a, "body": {"gift": {"received": {
                "date": "2026-03-02", "officialId": b.person("staff").official,
                "disposition": {"keptQuietly": {}}
            }}}}),
            "处置：不是允许的取值",
            "disposition is not one of the allowed values",
        ),
        (
            "record_review",
            json!({"action": "approve", "items": [{"id": "x", "version": 1}]}),
            "第 1 条记录的编号：应为编号（UUID）",
            "id of record 1 must be an id (UUID)",
        ),
        (
            "record_list",
            json!({"filter": {"from": "March"}}),
            "筛选条件的起始日期：应为日期（年-月-日）",
            "from date of filter must be a date (year-month-day)",
        ),
        (
            "record_list",
            json!({"filter": {"status": "lost"}}),
            "筛选条件的审核状态：不是允许的取值",
            "review status of filter is not one of the allowed values",
        ),
        (
            "official_save",
            entry(json!({"role": "boss"})),
            "角色：不是允许的取值",
            "role is not one of the allowed values",
        ),
        (
            "counterpart_save",
            entry(json!({"canteenRate": 15.5})),
            "食堂标准：应为整数",
            "canteen rate must be a whole number",
        ),
        (
            "counterpart_save",
            entry(json!({"creditCodeConfirmed": "yes"})),
            "信用代码已核对（creditCodeConfirmed）：应为是或否",
            "credit code confirmed (creditCodeConfirmed) must be yes or no",
        ),
        (
            "standard_save",
            entry(json!({"effectiveFrom": "tomorrow"})),
            "生效日期：应为日期（年-月-日）",
            "effective from must be a date (year-month-day)",
        ),
        (
            "department_save",
            entry(json!(["a list"])),
            "填写内容：应为一组填写项",
            "the entry must be a group of fields",
        ),
    ];
    for (command, request, zh, en) in table {
        let error = refused(&b, command, &request);
        assert_eq!(error.to_payload(Lang::ZhCn).message, zh, "{request}");
        assert_eq!(error.to_payload(Lang::En).message, en, "{request}");
    }
}
