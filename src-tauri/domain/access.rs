//! Who may do what: the permission matrix, decided here and nowhere else (the UI
//! only greys out what the core would refuse anyway).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::directory::OfficialRole;
use crate::domain::directory::{DepartmentId, OfficialId};

/// The person signed in: their profile, the official they are, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub profile_id: Uuid,
    pub official_id: OfficialId,
    pub department_id: DepartmentId,
    pub role: OfficialRole,
    /// May also administer profiles, the directory and the standards.
    pub administrator: bool,
}

/// Everything a person can ask the app to do that someone could be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    ReadRecords,
    /// Create, edit, cancel a record and its attachments.
    EnterRecord,
    SubmitRecord,
    WithdrawRecord,
    ApproveRecord,
    ReturnRecord,
    /// Declare a month with nothing to register (本月无登记事项).
    AttestMonth,
    /// Add or correct an enterprise while entering a record.
    AddCounterpart,
    ManageDirectory,
    ManageStandards,
    ManageProfiles,
    SignRegister,
    CountersignRegister,
    VerifyRegister,
    /// Send records to another machine in a signed bundle.
    ExportBundle,
    /// Bring another machine's bundle into this database.
    ImportBundle,
    /// Write a full backup (every profile's key and passphrase hash) to a chosen path.
    BackupDatabase,
    /// Register a record in a month whose register is already signed (补登): it goes
    /// into a later register, so it is the head's (or the leader in charge's) to do.
    RegisterLate,
}

impl Action {
    pub const ALL: [Action; 18] = [
        Action::ReadRecords,
        Action::EnterRecord,
        Action::SubmitRecord,
        Action::WithdrawRecord,
        Action::ApproveRecord,
        Action::ReturnRecord,
        Action::AttestMonth,
        Action::AddCounterpart,
        Action::ManageDirectory,
        Action::ManageStandards,
        Action::ManageProfiles,
        Action::SignRegister,
        Action::CountersignRegister,
        Action::VerifyRegister,
        Action::ExportBundle,
        Action::ImportBundle,
        Action::BackupDatabase,
        Action::RegisterLate,
    ];

    /// The action in words, for "you may not …" messages.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Action::ReadRecords => ("查看登记", "read records"),
            Action::EnterRecord => ("填写或修改登记", "enter or change records"),
            Action::SubmitRecord => ("提交登记", "submit records"),
            Action::WithdrawRecord => ("撤回提交", "withdraw a submission"),
            Action::ApproveRecord => ("审核通过", "approve records"),
            Action::ReturnRecord => ("退回登记", "return records"),
            Action::AttestMonth => (
                "声明本月无登记事项",
                "declare a month with nothing to register",
            ),
            Action::AddCounterpart => ("新增交往对象", "add enterprises"),
            Action::ManageDirectory => ("维护名录", "change the directory"),
            Action::ManageStandards => ("维护合规标准", "change the standards"),
            Action::ManageProfiles => ("管理用户与密钥", "manage profiles and keys"),
            Action::SignRegister => ("签署登记簿", "sign registers"),
            Action::CountersignRegister => ("会签登记簿", "countersign registers"),
            Action::VerifyRegister => ("核验登记簿", "verify registers"),
            Action::ExportBundle => ("导出交换包", "export bundles"),
            Action::ImportBundle => ("导入交换包", "import bundles"),
            Action::BackupDatabase => ("备份数据库", "back up the database"),
            Action::RegisterLate => (
                "在登记簿已签署的月份补登",
                "register a record in a month whose register is signed",
            ),
        }
    }
}

/// Whose thing an action touches, seen from the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A record of the actor's department they take part in; their own month.
    Own,
    /// A record the actor takes part in that belongs to another department.
    OwnElsewhere,
    /// Another official's record or month in the actor's department.
    Department,
    /// Anything in another department.
    Other,
    /// Not about any record (directory, standards, profiles).
    Unscoped,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::Own,
        Scope::OwnElsewhere,
        Scope::Department,
        Scope::Other,
        Scope::Unscoped,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Scope::Own => "own",
            Scope::OwnElsewhere => "ownElsewhere",
            Scope::Department => "department",
            Scope::Other => "other",
            Scope::Unscoped => "unscoped",
        }
    }
}

impl Actor {
    /// How a record of `department_id` naming `official_ids` relates to this actor.
    pub fn scope_of(&self, department_id: DepartmentId, official_ids: &[OfficialId]) -> Scope {
        let elsewhere = department_id != self.department_id;
        if official_ids.contains(&self.official_id) && elsewhere {
            Scope::OwnElsewhere
        } else if official_ids.contains(&self.official_id) {
            Scope::Own
        } else if department_id == self.department_id {
            Scope::Department
        } else {
            Scope::Other
        }
    }

    pub fn may(&self, action: Action, scope: Scope) -> bool {
        permits(self.role, self.administrator, action, scope)
    }
}

/// The matrix. Inspectors read and verify, nothing else. Officials enter and submit
/// their own records; clerks also their department's. Heads approve and return
/// their department's records but never their own (the leader in charge does), and
/// sign its register; the leader in charge approves anyone's but their own and
/// countersigns. Administration is a role or a flag on a profile.
pub fn permits(role: OfficialRole, administrator: bool, action: Action, scope: Scope) -> bool {
    use OfficialRole::*;
    let enters = role != Inspector;
    match action {
        Action::ReadRecords | Action::VerifyRegister => true,
        // A record belongs to its department: taking part in another department's
        // record does not make it the participant's to enter.
        Action::EnterRecord | Action::SubmitRecord | Action::WithdrawRecord => match scope {
            Scope::Own => enters,
            Scope::Department => role == Clerk,
            Scope::OwnElsewhere | Scope::Other | Scope::Unscoped => false,
        },
        Action::AttestMonth => match scope {
            Scope::Own => enters,
            Scope::Department => matches!(role, Clerk | DepartmentHead),
            Scope::OwnElsewhere | Scope::Other | Scope::Unscoped => false,
        },
        Action::ApproveRecord | Action::ReturnRecord => match scope {
            Scope::Department => matches!(role, DepartmentHead | LeaderInCharge),
            Scope::Other => role == LeaderInCharge,
            Scope::Own | Scope::OwnElsewhere | Scope::Unscoped => false,
        },
        // The signer of the month's register, or the leader in charge above it; the
        // record then waits in the next register as a late registration.
        Action::RegisterLate => match scope {
            Scope::Own | Scope::Department => matches!(role, DepartmentHead | LeaderInCharge),
            Scope::OwnElsewhere | Scope::Other => role == LeaderInCharge,
            Scope::Unscoped => false,
        },
        // A backup holds every profile's key and passphrase hash.
        Action::BackupDatabase => {
            role != Inspector && (administrator || matches!(role, Administrator | DepartmentHead))
        }
        Action::AddCounterpart => enters,
        Action::ManageDirectory | Action::ManageStandards | Action::ManageProfiles => {
            role != Inspector && (administrator || role == Administrator)
        }
        Action::SignRegister => role == DepartmentHead && scope == Scope::Department,
        Action::CountersignRegister => role == LeaderInCharge,
        // Whoever enters records carries them to the office; bringing others' records
        // (and enterprises) into a database is the administrator's or the clerk's.
        Action::ExportBundle => enters,
        Action::ImportBundle => {
            role != Inspector && (administrator || matches!(role, Administrator | Clerk))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inspectors_only_read_and_verify_even_when_flagged_administrator() {
        for action in Action::ALL {
            for scope in [
                Scope::Own,
                Scope::OwnElsewhere,
                Scope::Department,
                Scope::Other,
                Scope::Unscoped,
            ] {
                let allowed = permits(OfficialRole::Inspector, true, action, scope);
                let reads = matches!(action, Action::ReadRecords | Action::VerifyRegister);
                assert_eq!(allowed, reads, "{action:?} {scope:?}");
            }
        }
    }

    #[test]
    fn nobody_approves_their_own_record() {
        for role in OfficialRole::ALL {
            for scope in [Scope::Own, Scope::OwnElsewhere] {
                assert!(!permits(role, true, Action::ApproveRecord, scope));
                assert!(!permits(role, true, Action::ReturnRecord, scope));
            }
        }
    }

    #[test]
    fn a_record_belongs_to_its_department_whoever_takes_part() {
        for role in OfficialRole::ALL {
            assert!(!permits(
                role,
                true,
                Action::EnterRecord,
                Scope::OwnElsewhere
            ));
            assert!(!permits(
                role,
                true,
                Action::SubmitRecord,
                Scope::OwnElsewhere
            ));
        }
        assert!(permits(
            OfficialRole::Staff,
            false,
            Action::EnterRecord,
            Scope::Own
        ));
        assert!(!permits(
            OfficialRole::Staff,
            false,
            Action::RegisterLate,
            Scope::Own
        ));
        assert!(!permits(
            OfficialRole::Clerk,
            false,
            Action::RegisterLate,
            Scope::Department
        ));
        assert!(permits(
            OfficialRole::DepartmentHead,
            false,
            Action::RegisterLate,
            Scope::Department
        ));
        assert!(!permits(
            OfficialRole::Staff,
            false,
            Action::BackupDatabase,
            Scope::Unscoped
        ));
        assert!(permits(
            OfficialRole::Staff,
            true,
            Action::BackupDatabase,
            Scope::Unscoped
        ));
    }
}
