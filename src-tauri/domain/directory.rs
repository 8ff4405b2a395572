//! The directory: departments, officials, counterparts (enterprises and business
//! associations) and destination cities. Rows that records refer to are deactivated,
//! never deleted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::credit_code::{CreditCode, CreditCodeCheck, CreditCodeError};
use super::limits;
use super::money::Fen;
use super::validation::{amount, fail, optional_text, required_text};
use crate::domain::id::Id;
use crate::domain::invalid::{Invalid, Problem};
use crate::path;

/// A department's id.
pub type DepartmentId = Id<Department>;
/// An official's id.
pub type OfficialId = Id<Official>;
/// A counterpart's (an enterprise's or a person's) id.
pub type CounterpartId = Id<Counterpart>;

/// The bureau: its name is the 填报单位 on every register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bureau {
    pub name: String,
}

impl Bureau {
    pub fn validate(&self) -> Result<(), Invalid> {
        required_text(path!["name"], &self.name, limits::BUREAU_NAME)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Department {
    pub name: String,
    pub active: bool,
    /// 分管领导: the leader in charge who countersigns this department's registers.
    /// Unset, any leader in charge may (as before departments named theirs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub leader_in_charge_id: Option<OfficialId>,
}

impl Department {
    pub fn validate(&self) -> Result<(), Invalid> {
        required_text(path!["name"], &self.name, limits::DEPARTMENT_NAME)
    }
}

/// Travel-standard tier (财行〔2016〕71号 sets lodging caps per tier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TravelTier {
    /// 部级及相当职务人员
    Minister,
    /// 司局级及相当职务人员
    DirectorGeneral,
    /// 其余人员
    Other,
}

/// A person's part in registration and review (the register's signature blocks are
/// 登记人 / 处室负责人 / 分管领导).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OfficialRole {
    /// Enters and submits their own records.
    Staff,
    /// Enters records for others in the department.
    Clerk,
    /// 处室负责人: reviews, approves and signs the department's register.
    DepartmentHead,
    /// 分管领导: countersigns registers.
    LeaderInCharge,
    /// 纪检/审计: reads and verifies, changes nothing.
    Inspector,
    Administrator,
}

impl OfficialRole {
    pub const ALL: [OfficialRole; 6] = [
        OfficialRole::Staff,
        OfficialRole::Clerk,
        OfficialRole::DepartmentHead,
        OfficialRole::LeaderInCharge,
        OfficialRole::Inspector,
        OfficialRole::Administrator,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Official {
    pub name: String,
    /// 工号: unique in the bureau.
    pub staff_no: String,
    pub department_id: DepartmentId,
    /// 职务, as printed on registers.
    pub position: String,
    pub role: OfficialRole,
    pub travel_tier: TravelTier,
    /// Holds administrative enforcement or inspection powers (二(二)3).
    pub enforcement_powers: bool,
    pub active: bool,
}

impl Official {
    pub fn validate(&self) -> Result<(), Invalid> {
        required_text(path!["name"], &self.name, limits::OFFICIAL_NAME)?;
        required_text(path!["staffNo"], &self.staff_no, limits::OFFICIAL_STAFF_NO)?;
        optional_text(path!["position"], &self.position, limits::OFFICIAL_POSITION)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CounterpartKind {
    Enterprise,
    /// 商（协）会
    Association,
}

/// Credit list status (二(一)8: red-listed enterprises are not disturbed uninvited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CreditStatus {
    Red,
    Normal,
    Black,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Counterpart {
    pub name: String,
    pub kind: CounterpartKind,
    /// 统一社会信用代码; stored upper case. `None` when not known.
    pub credit_code: Option<String>,
    /// The user confirmed a code whose check character fails (early pilot codes).
    pub credit_code_confirmed: bool,
    pub credit_status: CreditStatus,
    /// Canteen meal rate per person; `None` when the counterpart runs no canteen.
    pub canteen_rate: Option<Fen>,
    pub address: String,
    pub contact: String,
    pub active: bool,
}

impl Counterpart {
    /// A counterpart known only by its name (a spreadsheet's enterprise, a chamber of
    /// commerce): no credit code yet, normal credit, active.
    pub fn named(name: impl Into<String>, kind: CounterpartKind) -> Counterpart {
        Counterpart {
            name: name.into(),
            kind,
            credit_code: None,
            credit_code_confirmed: false,
            credit_status: CreditStatus::Normal,
            canteen_rate: None,
            address: String::new(),
            contact: String::new(),
            active: true,
        }
    }

    /// Checks the fields and returns the counterpart with its credit code normalized.
    pub fn validated(mut self) -> Result<Counterpart, Invalid> {
        required_text(path!["name"], &self.name, limits::COUNTERPART_NAME)?;
        optional_text(path!["address"], &self.address, limits::COUNTERPART_ADDRESS)?;
        optional_text(path!["contact"], &self.contact, limits::COUNTERPART_CONTACT)?;
        if let Some(rate) = self.canteen_rate {
            amount(path!["canteenRate"], rate, 0)?;
        }
        self.credit_code = match self.credit_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let code = CreditCode::parse(text).map_err(|err| {
                    let detail = match err {
                        CreditCodeError::Length { found } => format!("{found} / 18"),
                        CreditCodeError::Character { position, found } => {
                            format!("#{position}: {found}")
                        }
                    };
                    fail(path!["creditCode"], Problem::CreditCodeMalformed { detail })
                })?;
                if let CreditCodeCheck::CheckCharacterMismatch { expected } = code.check() {
                    if !self.credit_code_confirmed {
                        return Err(fail(
                            path!["creditCode"],
                            Problem::CreditCodeCheckUnconfirmed { expected },
                        ));
                    }
                }
                Some(code.as_str().to_owned())
            }
        };
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct City {
    pub province: String,
    pub name: String,
}

impl City {
    pub fn validate(&self) -> Result<(), Invalid> {
        required_text(path!["province"], &self.province, limits::CITY_PROVINCE)?;
        required_text(path!["name"], &self.name, limits::CITY_NAME)
    }
}
