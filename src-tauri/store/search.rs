//! Full-text search that finds any substring, Chinese included. SQLite's unicode61
//! tokenizer treats a run of Han characters as one word, so a two-character query
//! such as 茶叶 would miss 送茶叶礼盒; instead each Han character is indexed as its
//! own token and a query becomes a phrase of its characters.

/// Whether a character is written as its own search token (Han ideographs and the
/// other CJK scripts, where words are not separated by spaces).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xAC00..=0xD7AF    // Hangul
        | 0x20000..=0x3134F) // extensions B–G
}

/// The tokens of a text: each CJK character alone, Latin words and numbers whole,
/// lower-cased; punctuation dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The text as the index stores it: tokens separated by spaces.
pub fn index_text(text: &str) -> String {
    tokens(text).join(" ")
}

/// An FTS5 query matching `query` as a substring: the phrase of its tokens, the last
/// one as a prefix (so "shen" finds "shenyang"). `None` when nothing is searchable.
pub fn match_expression(query: &str) -> Option<String> {
    let tokens = tokens(query);
    if tokens.is_empty() {
        return None;
    }
    // Tokens hold only letters and digits, so they need no quoting inside the phrase.
    Some(format!("\"{}\"*", tokens.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_are_tokens_of_their_own() {
        assert_eq!(
            index_text("送茶叶礼盒2盒, Tea-Box"),
            "送 茶 叶 礼 盒 2 盒 tea box"
        );
    }

    #[test]
    fn queries_become_phrases() {
        assert_eq!(match_expression("茶叶").as_deref(), Some("\"茶 叶\"*"));
        assert_eq!(match_expression("  Shen ").as_deref(), Some("\"shen\"*"));
        assert_eq!(match_expression("\"*()"), None);
    }
}
