//! Money as integer fen (分): never a float. Parsing what people type in yuan,
//! display as Chinese offices write it, and capital numerals (大写) for totals.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount in fen (1 yuan = 100 fen). Crosses IPC as a plain integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Fen(pub i64);

/// Why a typed amount is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
    Negative,
}

/// The largest amount the app accepts: one trillion yuan, far above any register
/// entry, and small enough that sums of millions of entries cannot overflow i64.
pub const MAX_FEN: i64 = 100_000_000_000_000;

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub fn from_yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// Parses an amount typed in yuan: `12`, `12.5`, `12.50`, `1,234.50`, `¥12`,
    /// `12元`, with full-width digits too. At most two decimals; never negative.
    pub fn parse_yuan(text: &str) -> Result<Fen, MoneyError> {
        let normalized: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                c => c,
            })
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '¥' | '￥'))
            .collect();
        let normalized = normalized.trim_end_matches('元');
        if normalized.is_empty() {
            return Err(MoneyError::Empty);
        }
        if normalized.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let (whole, fraction) = match normalized.split_once('.') {
            Some((w, f)) => (w, f),
            None => (normalized, ""),
        };
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return Err(MoneyError::NotANumber);
        }
        if fraction.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::TooLarge)?
        };
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let fen = whole
            .checked_mul(100)
            .and_then(|f| f.checked_add(cents))
            .ok_or(MoneyError::TooLarge)?;
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Fen(fen))
    }

    /// `1234.50` style, without a currency sign: what an input field shows.
    pub fn to_yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// `¥1,234.50`: how registers and lists show an amount.
    pub fn display(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}¥{grouped}.{:02}", abs % 100)
    }

    /// The amount in capital numerals as on Chinese financial documents, following
    /// the rules for 中文大写金额 (e.g. ¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分).
    pub fn to_capital(self) -> String {
        let mut out = String::new();
        if self.0 < 0 {
            out.push('负');
        }
        let abs = self.0.unsigned_abs();
        let (yuan, jiao, fen) = (abs / 100, (abs / 10 % 10) as usize, (abs % 10) as usize);
        if yuan == 0 && jiao == 0 && fen == 0 {
            return "零元整".to_owned();
        }
        if yuan > 0 {
            out.push_str(&integer_capital(yuan));
            out.push('元');
        }
        match (jiao, fen) {
            (0, 0) => out.push('整'),
            (0, f) => {
                if yuan > 0 {
                    out.push('零');
                }
                out.push(DIGITS[f]);
                out.push('分');
            }
            (j, f) => {
                // 元位是 0 而角位不是 0 时写一个“零”，读来不致误会。
                if yuan > 0 && yuan % 10 == 0 {
                    out.push('零');
                }
                out.push(DIGITS[j]);
                out.push('角');
                if f == 0 {
                    out.push('整');
                } else {
                    out.push(DIGITS[f]);
                    out.push('分');
                }
            }
        }
        out
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS: [&str; 4] = ["", "拾", "佰", "仟"];
const GROUP_UNITS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// A positive integer in capital numerals, in groups of four digits (万, 亿).
fn integer_capital(mut n: u64) -> String {
    let mut groups = Vec::new();
    while n > 0 {
        groups.push((n % 10_000) as usize);
        n /= 10_000;
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (index, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero_pending || group < 1000) {
            out.push('零');
        }
        out.push_str(&group_capital(group));
        out.push_str(GROUP_UNITS[index]);
        zero_pending = false;
    }
    out
}

/// 1–9999 in capital numerals; zeros inside become one 零, trailing zeros vanish.
fn group_capital(group: usize) -> String {
    let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
    let mut out = String::new();
    let mut zero_pending = false;
    for (position, &digit) in digits.iter().enumerate() {
        if digit == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(DIGITS[digit]);
        out.push_str(SMALL_UNITS[3 - position]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_numerals_match_the_standard_examples() {
        let cases = [
            (140950, "壹仟肆佰零玖元伍角整"),
            (600714, "陆仟零柒元壹角肆分"),
            (168032, "壹仟陆佰捌拾元零叁角贰分"),
            (10700053, "壹拾万柒仟元零伍角叁分"),
            (32504, "叁佰贰拾伍元零肆分"),
            (1600, "壹拾陆元整"),
            (1000, "壹拾元整"),
            (10_000_000_000, "壹亿元整"),
            (10_001_000_000, "壹亿零壹万元整"),
            (100_000_500, "壹佰万零伍元整"),
            (50, "伍角整"),
            (5, "伍分"),
            (55, "伍角伍分"),
            (0, "零元整"),
            (100_010_000, "壹佰万零壹佰元整"),
            (101_000_000, "壹佰零壹万元整"),
            (12_345_678_900, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
            (-1500, "负壹拾伍元整"),
        ];
        for (fen, expected) in cases {
            assert_eq!(Fen(fen).to_capital(), expected, "{fen} fen");
        }
    }

    #[test]
    fn parses_what_people_type() {
        let ok = [
            ("12", 1200),
            ("12.5", 1250),
            ("12.50", 1250),
            ("0.05", 5),
            (".5", 50),
            ("1,234.56", 123456),
            ("¥30", 3000),
            ("￥30.1", 3010),
            ("45元", 4500),
            ("１２．３", 1230),
            (" 7 ", 700),
        ];
        for (text, fen) in ok {
            assert_eq!(Fen::parse_yuan(text), Ok(Fen(fen)), "{text:?}");
        }
        let bad = [
            ("", MoneyError::Empty),
            ("元", MoneyError::Empty),
            ("abc", MoneyError::NotANumber),
            ("1.2.3", MoneyError::NotANumber),
            (".", MoneyError::NotANumber),
            ("1e3", MoneyError::NotANumber),
            ("12.345", MoneyError::TooManyDecimals),
            ("-5", MoneyError::Negative),
            ("99999999999999999999", MoneyError::TooLarge),
            ("1000000000001", MoneyError::TooLarge),
        ];
        for (text, err) in bad {
            assert_eq!(Fen::parse_yuan(text), Err(err), "{text:?}");
        }
    }

    #[test]
    fn displays_as_offices_write_it() {
        assert_eq!(Fen(123456789).display(), "¥1,234,567.89");
        assert_eq!(Fen(5).display(), "¥0.05");
        assert_eq!(Fen(100000).display(), "¥1,000.00");
        assert_eq!(Fen(-4500).display(), "-¥45.00");
        assert_eq!(Fen(4500).to_yuan_string(), "45.00");
    }
}
