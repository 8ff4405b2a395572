//! A record's history in words: what each step was (登记, 修改, 提交审核, 签入登记簿 …)
//! and who did it when no profile existed yet.
//! The one source: the printed record sheet says them, and `make bindings` writes them
//! to `ui/src/api/bindings/historyWords.ts` for the detail view.

use crate::domain::typescript::{by_language, header, literal, object};
use crate::i18n::Lang;

/// Steps of the record itself (the audit log's actions on `record`).
const RECORD_ACTIONS: [(&str, &str, &str); 4] = [
    ("create", "登记", "Registered"),
    ("update", "修改", "Amended"),
    ("cancel", "作废", "Cancelled"),
    ("restore", "恢复", "Restored"),
];

/// Steps of its review (the audit log's actions on `review`).
const REVIEW_STEPS: [(&str, &str, &str); 8] = [
    ("submit", "提交审核", "Submitted for review"),
    ("withdraw", "撤回提交", "Withdrawn"),
    ("approve", "审核通过", "Approved"),
    ("return", "退回", "Returned"),
    ("reopen", "重新打开", "Reopened"),
    ("amend", "更正", "Amended"),
    ("lock", "签入登记簿", "Locked in a register"),
    ("import", "随数据包导入", "Imported with a bundle"),
];

fn find(table: &[(&str, &str, &str)], action: &str, lang: Lang) -> Option<String> {
    table
        .iter()
        .find(|(key, _, _)| *key == action)
        .map(|(_, zh, en)| lang.pick(*zh, *en))
}

/// What a step of a record's history was (`entity` `record` or `review`); a step the
/// app does not know yet is still said to be a change.
pub fn step(entity: &str, action: &str, lang: Lang) -> String {
    let table: &[(&str, &str, &str)] = match entity {
        "record" => &RECORD_ACTIONS,
        "review" => &REVIEW_STEPS,
        _ => &[],
    };
    find(table, action, lang).unwrap_or_else(|| match entity {
        "review" => lang.pick("审核变更", "Review changed"),
        _ => lang.pick("变更", "Changed"),
    })
}

/// Who did a step: a profile's 姓名（工号） as it is; the computer account that worked
/// before the first profile existed (`os:…`) named as such, not as a code.
pub fn actor(name: &str, lang: Lang) -> String {
    match name.strip_prefix("os:") {
        None => name.to_owned(),
        Some("" | "unknown") => before_profiles(lang),
        Some(account) => os_account(account, lang),
    }
}

fn before_profiles(lang: Lang) -> String {
    lang.pick(
        "本机（建立用户之前）",
        "this computer (before profiles existed)",
    )
}

fn os_account(account: &str, lang: Lang) -> String {
    lang.pick(
        format!("本机账户 {account}（建立用户之前）"),
        format!("computer account {account} (before profiles existed)"),
    )
}

/// `historyWords.ts`, by language: `actions` of the record, `steps` of its review, and
/// the words for an actor before profiles existed (`osAccount` a template).
pub fn typescript() -> String {
    let mut out = header("src-tauri/records/history_words.rs");
    let languages = Lang::ALL.map(|lang| (lang.tag(), lang));
    let doc = "What each step of a record's history was, as the printed record sheet says it.";
    by_language(&mut out, doc, "HISTORY_WORDS", languages, |out, lang| {
        for (name, table) in [
            ("actions", &RECORD_ACTIONS[..]),
            ("steps", &REVIEW_STEPS[..]),
        ] {
            let entries = table
                .iter()
                .map(|(key, zh, en)| ((*key).to_owned(), literal(&lang.pick(*zh, *en))));
            object(out, 4, name, entries);
        }
        let before = literal(&before_profiles(lang));
        let account = literal(&os_account("{account}", lang));
        out.push_str(&format!(
            "    beforeProfiles: {before},\n    osAccount: {account},\n"
        ));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_steps_are_worded_and_unknown_ones_still_said() {
        assert_eq!(step("record", "cancel", Lang::ZhCn), "作废");
        assert_eq!(step("review", "lock", Lang::En), "Locked in a register");
        assert_eq!(step("review", "escalate", Lang::ZhCn), "审核变更");
        assert_eq!(step("attachment", "link", Lang::ZhCn), "变更");
        assert!(typescript().contains("      lock: \"签入登记簿\",\n"));
    }

    #[test]
    fn an_actor_before_profiles_is_named_by_the_computer_and_a_profile_as_it_is() {
        assert_eq!(actor("张三（A-01）", Lang::En), "张三（A-01）");
        assert_eq!(actor("os:unknown", Lang::ZhCn), "本机（建立用户之前）");
        assert_eq!(
            actor("os:clerk", Lang::En),
            "computer account clerk (before profiles existed)"
        );
        assert!(typescript().contains("    osAccount: \"本机账户 {account}（建立用户之前）\",\n"));
    }
}
