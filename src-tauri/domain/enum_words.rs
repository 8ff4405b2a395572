//! The names of the domain's enums that the core prints and the window shows — a
//! record's kind, a review's status — in both languages, written to `enumWords.ts` so
//! the window's catalogue says what the printed register and the CLI say.

use super::records::RecordKind;
use super::typescript::{by_language, header, literal, object, tag};
use super::workflow::ReviewStatus;

/// `enumWords.ts`, by language: `kind` (a record's), `reviewStatus`.
pub fn typescript() -> String {
    let mut out = header("src-tauri/domain/enum_words.rs");
    // The catalogues' language tags (`i18n::Lang`), each with its half of a name.
    let languages = [("zh-CN", true), ("en", false)];
    let doc = "The names of the enums the core prints, as the register and the CLI say them.";
    by_language(&mut out, doc, "ENUM_WORDS", languages, |out, chinese| {
        let said = |(zh, en): (&str, &str)| literal(if chinese { zh } else { en });
        let kinds = RecordKind::ALL.into_iter();
        object(out, 4, "kind", kinds.map(|k| (tag(k), said(k.describe()))));
        let statuses = ReviewStatus::ALL.into_iter();
        object(
            out,
            4,
            "reviewStatus",
            statuses.map(|s| (tag(s), said(s.describe()))),
        );
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_status_is_named_in_both_languages() {
        let text = typescript();
        for kind in RecordKind::ALL {
            let (zh, en) = kind.describe();
            assert!(text.contains(&format!("{}: \"{zh}\"", kind.tag())), "{zh}");
            assert!(text.contains(&format!("{}: \"{en}\"", kind.tag())), "{en}");
        }
        assert!(text.contains("returned: \"已退回\""));
        assert!(text.contains("submitted: \"submitted\""));
    }
}
