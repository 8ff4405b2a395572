//! The bureau's root certificate in the window and on the command line: what it is and
//! whether the person signed in holds its key, creating it for a database made before
//! it existed, and exporting the certificate (PEM or DER) for superiors and inspectors
//! who verify registers without this app's database.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::certification;
use crate::core::Core;
use crate::domain::access::Action;
use crate::error::{fail, AppError, Problem};
use crate::keyring::p12::{read_p12, unusable};
use crate::path;
use crate::signing::{ca, keys};
use crate::store::bureau_root::{self, RootOrigin};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BureauRootView {
    pub fingerprint: String,
    /// The certificate's subject (CN=… 根证书, O=…).
    pub subject: String,
    pub created_at: String,
    /// Imported from a CA's .p12 rather than made here.
    pub imported: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaStatus {
    /// `None` for a database made before the bureau had a root.
    #[ts(optional)]
    pub root: Option<BureauRootView>,
    /// The person signed in holds the root key and has it open (may issue certificates).
    pub open: bool,
}

fn status(core: &Core, conn: &rusqlite::Connection) -> Result<CaStatus, AppError> {
    let root = bureau_root::current(conn)?
        .map(|r| -> Result<BureauRootView, AppError> {
            Ok(BureauRootView {
                subject: keys::subject_of(&r.certificate_der)
                    .map_err(|e| AppError::Internal(e.to_string()))?,
                fingerprint: r.fingerprint,
                created_at: r.created_at.to_rfc3339(),
                imported: r.origin == RootOrigin::Imported,
            })
        })
        .transpose()?;
    Ok(CaStatus {
        root,
        open: core.issuer().is_some(),
    })
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaGetRequest {}

pub struct CaGet;

impl Command for CaGet {
    const NAME: &'static str = "ca_get";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "The bureau's root certificate, and whether its key is open";
    type Request = CaGetRequest;
    type Response = CaStatus;

    fn run(core: &Core, _request: CaGetRequest) -> Result<CaStatus, AppError> {
        status(core, &core.reader())
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaCreateRequest {
    /// The administrator's own passphrase: the root key is kept under it.
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct CaCreate;

impl Command for CaCreate {
    const NAME: &'static str = "ca_create";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str =
        "Create the bureau's root (a database made before it had one) and certify every profile's key";
    type Request = CaCreateRequest;
    type Response = CaStatus;

    fn run(core: &Core, request: CaCreateRequest) -> Result<CaStatus, AppError> {
        let profile_id = core.session().ok_or(AppError::SignInRequired)?;
        let stamp = core.stamp();
        let root = core.store().write(|tx| {
            // Proves the passphrase the root key will be kept under.
            crate::keyring::unlock_key(tx, profile_id, &request.passphrase)?;
            certification::create_root_later(tx, &stamp, profile_id, &request.passphrase)
        })?;
        core.hold_issuer(profile_id, root);
        status(core, &core.reader())
    }
}

/// How the root certificate is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CertificateFormat {
    /// Base64 text between BEGIN/END CERTIFICATE lines (.pem, .crt).
    Pem,
    /// Binary (.der, .cer).
    Der,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaExportRequest {
    pub path: String,
    pub format: CertificateFormat,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaExported {
    pub path: String,
    pub fingerprint: String,
}

pub struct CaExport;

impl Command for CaExport {
    const NAME: &'static str = "ca_export";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Write the bureau's root certificate (PEM or DER), for verifying registers elsewhere";
    type Request = CaExportRequest;
    type Response = CaExported;

    fn run(core: &Core, request: CaExportRequest) -> Result<CaExported, AppError> {
        let target = crate::files::chosen::chosen_path(&request.path)?;
        let root = bureau_root::current(&core.reader())?
            .ok_or_else(|| fail(path!["path"], Problem::NoBureauRoot))?;
        let bytes = match request.format {
            CertificateFormat::Der => root.certificate_der.clone(),
            CertificateFormat::Pem => ca::to_pem(&root.certificate_der)
                .map_err(|e| AppError::Internal(e.to_string()))?
                .into_bytes(),
        };
        Ok(CaExported {
            path: crate::files::chosen::write_chosen(&target, &bytes)?,
            fingerprint: root.fingerprint,
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaImportRequest {
    /// The .p12 / .pfx holding the CA's private key and its CA certificate.
    pub path: String,
    /// The password the .p12 was exported with.
    #[ts(type = "string")]
    pub p12_password: crate::signing::Secret,
    /// The administrator's own passphrase: the root key is kept under it.
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct CaImport;

impl Command for CaImport {
    const NAME: &'static str = "ca_import";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str =
        "Make a CA's key (.p12) the bureau's root and certify every profile's key by it";
    type Request = CaImportRequest;
    type Response = CaStatus;

    fn run(core: &Core, request: CaImportRequest) -> Result<CaStatus, AppError> {
        let profile_id = core.session().ok_or(AppError::SignInRequired)?;
        let (key, certificate) = read_p12(&request.path, &request.p12_password)?;
        let root = ca::BureauRoot::import(&key, &certificate).map_err(unusable)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            crate::keyring::unlock_key(tx, profile_id, &request.passphrase)?;
            certification::import_root(tx, &stamp, &root, profile_id, &request.passphrase)
        })?;
        core.hold_issuer(profile_id, root);
        status(core, &core.reader())
    }
}
