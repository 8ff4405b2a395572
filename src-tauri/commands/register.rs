//! Register commands: the register of a department and month as it would be signed
//! now, with what still blocks signing and its manifest hash.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{Access, Command};
use crate::core::Core;
use crate::error::AppError;
use crate::register::{self, manifest, Register};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterPreviewRequest {
    pub department_id: Uuid,
    /// `YYYY-MM`.
    pub month: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterPreview {
    pub register: Register,
    /// Nothing registered and no amendments: 本月无登记事项.
    pub nil: bool,
    /// SHA-256 of the canonical manifest of what the register states now.
    pub manifest_sha256: String,
}

pub struct RegisterPreviewCommand;

impl Command for RegisterPreviewCommand {
    const NAME: &'static str = "register_preview";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A department's monthly register as it stands: sections, totals, findings, blockers, manifest hash";
    type Request = RegisterPreviewRequest;
    type Response = RegisterPreview;

    fn run(core: &Core, request: RegisterPreviewRequest) -> Result<RegisterPreview, AppError> {
        let store = core.store();
        let register = register::build(
            store.reader(),
            request.department_id,
            &request.month,
            core.today(),
        )?;
        let (_, manifest_sha256) = manifest::digest(&register);
        Ok(RegisterPreview {
            nil: register.is_nil(),
            register,
            manifest_sha256,
        })
    }
}
