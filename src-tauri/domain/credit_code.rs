//! The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters,
//! the last a check character. Some early pilot codes fail the check although they
//! are real, so a failed check is a warning the user confirms, not a refusal; a code
//! of the wrong length or with characters outside the alphabet is refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The 31 characters a code may use (no I, O, S, V, Z).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A code that has the right form; `check_ok` says whether its check character fits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct CreditCode(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    Length { found: usize },
    Character { position: usize, found: char },
}

/// What the check of a well-formed code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CreditCodeCheck {
    Valid,
    /// The check character is not the one the other 17 give (`expected`).
    CheckCharacterMismatch {
        expected: char,
    },
}

impl CreditCode {
    /// Accepts lower case and surrounding spaces, as people type codes.
    pub fn parse(text: &str) -> Result<CreditCode, CreditCodeError> {
        let code: String = text.trim().to_ascii_uppercase();
        let count = code.chars().count();
        if count != 18 {
            return Err(CreditCodeError::Length { found: count });
        }
        if let Some((position, found)) = code
            .chars()
            .enumerate()
            .find(|(_, c)| !ALPHABET.contains(*c))
        {
            return Err(CreditCodeError::Character {
                position: position + 1,
                found,
            });
        }
        Ok(CreditCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn check(&self) -> CreditCodeCheck {
        let expected = check_character(&self.0[..17]);
        if self.0.ends_with(expected) {
            CreditCodeCheck::Valid
        } else {
            CreditCodeCheck::CheckCharacterMismatch { expected }
        }
    }
}

/// The check character for the first 17 characters of a code (all in [`ALPHABET`]).
pub fn check_character(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| ALPHABET.find(c).unwrap_or(0) as u32 * w)
        .sum();
    let value = (31 - sum % 31) % 31;
    ALPHABET.as_bytes()[value as usize] as char
}

/// Completes 17 characters into a valid code: used by the demo data, which invents
/// organisations and must never show a real company's code.
pub fn with_check_character(first17: &str) -> CreditCode {
    CreditCode(format!("{first17}{}", check_character(first17)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_pass_the_check() {
        for code in [
            "914403001922038216",
            "9144030071526726XG",
            "91330100799655058B",
            "91110108551385082Q",
        ] {
            let parsed = CreditCode::parse(code).unwrap();
            assert_eq!(parsed.check(), CreditCodeCheck::Valid, "{code}");
        }
    }

    #[test]
    fn a_changed_character_fails_the_check_with_the_expected_one() {
        let code = CreditCode::parse("914403001922038217").unwrap();
        assert_eq!(
            code.check(),
            CreditCodeCheck::CheckCharacterMismatch { expected: '6' }
        );
    }

    #[test]
    fn lower_case_and_spaces_are_accepted() {
        let code = CreditCode::parse(" 9144030071526726xg ").unwrap();
        assert_eq!(code.as_str(), "9144030071526726XG");
    }

    #[test]
    fn malformed_codes_are_refused() {
        assert_eq!(
            CreditCode::parse("91440300192203821"),
            Err(CreditCodeError::Length { found: 17 })
        );
        assert_eq!(
            CreditCode::parse("9144030019220382I6"),
            Err(CreditCodeError::Character {
                position: 17,
                found: 'I'
            })
        );
        assert_eq!(
            CreditCode::parse("91440300中922038216"),
            Err(CreditCodeError::Character {
                position: 9,
                found: '中'
            })
        );
    }

    #[test]
    fn generated_codes_are_valid() {
        let code = with_check_character("91210100MA0QXY312");
        assert_eq!(code.check(), CreditCodeCheck::Valid);
    }
}
