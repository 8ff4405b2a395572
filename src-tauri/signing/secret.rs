//! A passphrase or a .p12 password as a request carries it: wiped from memory when
//! dropped, and never printed (`Debug` shows that there is one, not what it is).

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Secret {
        Secret(Zeroizing::new(text))
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Secret {
        Secret(Zeroizing::new(text.to_owned()))
    }
}

impl Deref for Secret {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_read_like_text_and_never_printed() {
        let secret: Secret = serde_json::from_str("\"清风正气 2026\"").unwrap();
        assert_eq!(secret.expose(), "清风正气 2026");
        assert_eq!(secret.chars().count(), 9);
        assert_eq!(format!("{secret:?}"), "Secret(…)");
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Request {
            passphrase: Secret,
        }
        let request: Request = serde_json::from_str(r#"{"passphrase": "hunter22"}"#).unwrap();
        assert!(!format!("{request:?}").contains("hunter22"));
    }
}
