//! What the rules say, in both languages at once.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The same words in both languages (registers print Chinese whatever the UI shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}
