//! The two signatures a register carries, in this order: the department head's
//! signature (签署) and the leader in charge's countersignature (会签). Their field
//! names and reasons are written by signing and checked by verification, so both
//! read them from here.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::directory::OfficialRole;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SignatureSlot {
    /// 签署, by the head of the department the register is for.
    Sign,
    /// 会签, by the leader in charge.
    Countersign,
}

impl SignatureSlot {
    /// The slots in the order their signatures are added.
    pub const ORDER: [SignatureSlot; 2] = [SignatureSlot::Sign, SignatureSlot::Countersign];

    /// The slot of the `index`-th signature (0-based), if a register has one there.
    pub fn at(index: usize) -> Option<SignatureSlot> {
        Self::ORDER.get(index).copied()
    }

    /// The signature field's name (`/T`).
    pub fn field(self) -> &'static str {
        match self {
            SignatureSlot::Sign => "处室负责人签署",
            SignatureSlot::Countersign => "分管领导会签",
        }
    }

    /// `/Reason`.
    pub fn reason(self) -> &'static str {
        match self {
            SignatureSlot::Sign => "签署 sign",
            SignatureSlot::Countersign => "会签 countersign",
        }
    }

    /// The role whose holder may sign in this slot.
    pub fn role(self) -> OfficialRole {
        match self {
            SignatureSlot::Sign => OfficialRole::DepartmentHead,
            SignatureSlot::Countersign => OfficialRole::LeaderInCharge,
        }
    }

    /// The audit action that records this signature of an issued register.
    pub fn audit_action(self) -> &'static str {
        match self {
            SignatureSlot::Sign => "sign",
            SignatureSlot::Countersign => "countersign",
        }
    }
}
