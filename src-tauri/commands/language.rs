use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::error::AppError;
use crate::i18n::Lang;

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetLanguageRequest {
    pub language: Lang,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LanguageChanged {
    pub language: Lang,
}

pub struct SetLanguage;

impl Command for SetLanguage {
    const NAME: &'static str = "set_language";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str = "Save the user's language (zh-CN or en); later messages use it";
    type Request = SetLanguageRequest;
    type Response = LanguageChanged;

    fn run(core: &Core, request: SetLanguageRequest) -> Result<LanguageChanged, AppError> {
        core.set_lang(request.language)?;
        Ok(LanguageChanged {
            language: core.lang(),
        })
    }
}
