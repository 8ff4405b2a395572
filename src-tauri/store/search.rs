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

/// A token and where it stands in the text it came from (byte offsets).
struct Token {
    text: String,
    start: usize,
    end: usize,
}

/// The tokens of a text with their places: each CJK character alone, Latin words and
/// numbers whole, lower-cased; punctuation dropped.
fn located_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Option<Token> = None;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if is_cjk(c) {
            out.extend(word.take());
            out.push(Token {
                text: c.to_string(),
                start: at,
                end,
            });
        } else if c.is_alphanumeric() {
            let token = word.get_or_insert_with(|| Token {
                text: String::new(),
                start: at,
                end,
            });
            token.text.extend(c.to_lowercase());
            token.end = end;
        } else {
            out.extend(word.take());
        }
    }
    out.extend(word);
    out
}

/// The tokens of a text: each CJK character alone, Latin words and numbers whole,
/// lower-cased; punctuation dropped.
pub fn tokens(text: &str) -> Vec<String> {
    located_tokens(text).into_iter().map(|t| t.text).collect()
}

/// Where in `text` the search for `query` matches it, as the index does (the query's
/// tokens in a row, the last one as a prefix): a byte range of `text`.
pub fn find(text: &str, query: &str) -> Option<std::ops::Range<usize>> {
    let wanted = tokens(query);
    let (last, whole) = wanted.split_last()?;
    let found = located_tokens(text);
    found.windows(wanted.len()).find_map(|run| {
        let (end_token, head) = run.split_last()?;
        let heads_match = head.iter().zip(whole).all(|(t, w)| &t.text == w);
        if !heads_match || !end_token.text.starts_with(last.as_str()) {
            return None;
        }
        // The prefix's end in the original text: as many characters as the query's
        // last token has (lower-casing keeps the count for the scripts we index).
        let chars = last.chars().count();
        let end = text[end_token.start..end_token.end]
            .char_indices()
            .nth(chars)
            .map_or(end_token.end, |(at, _)| end_token.start + at);
        Some(run[0].start..end)
    })
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
    fn a_match_is_found_where_the_index_would_find_it() {
        let text = "送茶叶礼盒2盒, Tea-Box";
        assert_eq!(find(text, "茶叶").map(|r| &text[r]), Some("茶叶"));
        assert_eq!(find(text, "tea bo").map(|r| &text[r]), Some("Tea-Bo"));
        assert_eq!(find(text, "TEA").map(|r| &text[r]), Some("Tea"));
        assert_eq!(find(text, "盒 2").map(|r| &text[r]), Some("盒2"));
        assert_eq!(find(text, "叶茶"), None);
        assert_eq!(find(text, "box tea"), None);
        assert_eq!(find(text, "\"*"), None);
    }

    #[test]
    fn queries_become_phrases() {
        assert_eq!(match_expression("茶叶").as_deref(), Some("\"茶 叶\"*"));
        assert_eq!(match_expression("  Shen ").as_deref(), Some("\"shen\"*"));
        assert_eq!(match_expression("\"*()"), None);
    }
}
