//! The directory part of an import. Each row is found here by id, else by what names
//! it uniquely (a department by name, a city by province and name, an official by staff
//! number, an enterprise by credit code). A directory bundle — its administrator's
//! authority already established — adds what is missing and changes what differs to
//! the hub's content. A record bundle changes nothing here: it may add the enterprises
//! and cities its records met, but a department or official it names must already be
//! here, and a row here that differs keeps its content (and its role).

use base64::Engine;
use rusqlite::Connection;

use super::Import;
use crate::bundle::refusal::refused;
use crate::bundle::{BundleFault, DirectoryPart, Opened, Payload};
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::domain::id::Id;
use crate::error::{AppError, Invalid};
use crate::rules::Standard;
use crate::store::certificates::{self, CertificateOrigin, KnownCertificate};
use crate::store::directory::{self, DirectoryRow, NaturalKey, Versioned};
use crate::store::{settings, StoreError};

/// Whether a record bundle may add a row of this kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Addable {
    /// What a field visit meets: an enterprise, a city.
    ByAnyBundle,
    /// Authority: only the administrator's directory bundle adds it.
    ByDirectoryOnly,
}

/// How a refusal names a row.
trait Named {
    fn named(&self) -> String;
}

impl Named for Department {
    fn named(&self) -> String {
        self.name.clone()
    }
}

impl Named for Official {
    fn named(&self) -> String {
        format!("{}（{}）", self.name, self.staff_no)
    }
}

impl Named for City {
    fn named(&self) -> String {
        format!("{}{}", self.province, self.name)
    }
}

impl Named for Counterpart {
    fn named(&self) -> String {
        self.name.clone()
    }
}

impl Named for Standard {
    fn named(&self) -> String {
        let (zh, en) = self.key.label();
        format!("{zh}/{en}")
    }
}

impl Import<'_> {
    /// Departments, cities, officials, then counterparts (officials after their
    /// departments, so their department ids can be mapped).
    pub(super) fn directory(&mut self, part: &DirectoryPart) -> Result<(), AppError> {
        for row in &part.departments {
            self.merge(
                row,
                Addable::ByDirectoryOnly,
                |tx, d: &Department| {
                    directory::find_by(tx, NaturalKey::department_name(d.name.trim()))
                },
                |d| d.validate().map(|()| d),
            )?;
        }
        for row in &part.cities {
            self.merge(
                row,
                Addable::ByAnyBundle,
                |tx, c: &City| directory::find_city(tx, &c.province, &c.name),
                |c| c.validate().map(|()| c),
            )?;
        }
        for row in &part.officials {
            let mut row = row.clone();
            row.value.department_id = self.local(row.value.department_id);
            self.merge(
                &row,
                Addable::ByDirectoryOnly,
                |tx, o: &Official| directory::find_by(tx, NaturalKey::staff_no(o.staff_no.trim())),
                |o| o.validate().map(|()| o),
            )?;
        }
        for row in &part.counterparts {
            self.merge(
                row,
                Addable::ByAnyBundle,
                |tx, c: &Counterpart| match c.credit_code.as_deref() {
                    Some(code) if !code.trim().is_empty() => {
                        directory::find_by(tx, NaturalKey::credit_code(&code.trim().to_uppercase()))
                    }
                    _ => Ok(None),
                },
                Counterpart::validated,
            )?;
        }
        Ok(())
    }

    fn merge<T: DirectoryRow + Named + Clone + PartialEq>(
        &mut self,
        row: &Versioned<T>,
        addable: Addable,
        same: impl Fn(&Connection, &T) -> Result<Option<Id<T>>, StoreError>,
        validated: impl Fn(T) -> Result<T, Invalid>,
    ) -> Result<(), AppError> {
        if let Some(here) = directory::get::<T>(self.tx, row.id)? {
            if self.hub && here.value != row.value {
                let value =
                    validated(row.value.clone()).map_err(|e| self.invalid_row::<T>(row.id, e))?;
                directory::update(self.tx, self.stamp, row.id, here.version, value)?;
                self.report.counts.directory_updated += 1;
            }
            return Ok(());
        }
        if let Some(here) = same(self.tx, &row.value)? {
            self.ids.insert(row.id.uuid(), here.uuid());
            self.report.counts.directory_matched += 1;
            return Ok(());
        }
        if !self.hub && addable == Addable::ByDirectoryOnly {
            return Err(refused(BundleFault::NotInDirectory {
                name: row.value.named(),
            }));
        }
        let value = validated(row.value.clone()).map_err(|e| self.invalid_row::<T>(row.id, e))?;
        directory::insert(self.tx, self.stamp, row.id, value)?;
        self.report.counts.directory_added += 1;
        Ok(())
    }

    fn invalid_row<T: DirectoryRow>(&self, id: Id<T>, e: Invalid) -> AppError {
        let e = AppError::from(e);
        self.malformed(format!(
            "{} {id}: {}",
            T::ENTITY,
            e.to_payload(self.lang).message
        ))
    }

    /// What only a directory bundle carries: the bureau's name, the standards and
    /// the officials' certificates.
    pub(super) fn hub_part(&mut self, payload: &Payload) -> Result<(), AppError> {
        if let Some(name) = payload.bureau.as_deref().filter(|n| !n.trim().is_empty()) {
            settings::set(self.tx, self.stamp, settings::BUREAU_NAME, name)?;
        }
        // The hub's bundle key: this spoke's record bundles are sealed to it from now
        // on (a key that is not one is refused with the bundle).
        if let Some(key) = payload.bundle_key.as_deref() {
            base64::engine::general_purpose::STANDARD
                .decode(key)
                .ok()
                .filter(|k| crate::bundle::sealed::is_public_key(k))
                .ok_or_else(|| self.malformed("bundleKey".into()))?;
            crate::store::bundle_keys::set_hub(self.tx, self.stamp, key)?;
        }
        for row in &payload.standards {
            self.merge(
                row,
                Addable::ByDirectoryOnly,
                |_, _: &Standard| Ok(None),
                Standard::validated,
            )?;
        }
        for certificate in &payload.certificates {
            let certificate = KnownCertificate {
                official_id: self.local(certificate.official_id),
                ..certificate.clone()
            };
            let der = base64::engine::general_purpose::STANDARD
                .decode(&certificate.certificate)
                .map_err(|e| self.malformed(e.to_string()))?;
            if crate::signing::keys::fingerprint(&der) != certificate.fingerprint
                || !directory::exists::<Official>(self.tx, certificate.official_id)?
            {
                return Err(self.malformed(format!("certificate {}", certificate.fingerprint)));
            }
            if certificates::know_certificate(
                self.tx,
                self.stamp,
                &certificate,
                CertificateOrigin::Directory,
            )? {
                self.report.counts.certificates_added += 1;
            }
        }
        Ok(())
    }

    /// Keeps the certificate of a signer an administrator accepted, for the official
    /// here with the staff number the certificate names (the exporter: see
    /// [`super::authority`]).
    pub(super) fn accept_signer(&mut self, opened: &Opened) -> Result<(), AppError> {
        let exporter = &self.payload.exporter;
        let official = match directory::get::<Official>(self.tx, exporter.official_id)? {
            Some(o) if o.value.staff_no == exporter.staff_no => Some(o.id),
            _ => directory::find_by(self.tx, NaturalKey::staff_no(exporter.staff_no.trim()))?,
        }
        .ok_or_else(|| {
            refused(BundleFault::NotInDirectory {
                name: format!("{}（{}）", exporter.name, exporter.staff_no),
            })
        })?;
        let certificate = KnownCertificate {
            official_id: official,
            fingerprint: opened.fingerprint.clone(),
            certificate: base64::engine::general_purpose::STANDARD.encode(&opened.certificate_der),
            revoked_from: None,
        };
        if certificates::know_certificate(
            self.tx,
            self.stamp,
            &certificate,
            CertificateOrigin::Accepted,
        )? {
            self.report.counts.certificates_added += 1;
        }
        Ok(())
    }

    /// Decodes the attachment contents and checks each against its hash.
    pub(super) fn files(&mut self) -> Result<(), AppError> {
        for file in &self.payload.files {
            let data = base64::engine::general_purpose::STANDARD
                .decode(&file.data)
                .map_err(|e| self.malformed(e.to_string()))?;
            if crate::digest::sha256_hex(&data) != file.sha256 {
                return Err(self.malformed(format!(
                    "attachment {} does not match its hash",
                    file.sha256
                )));
            }
            self.files
                .insert(file.sha256.as_str(), (file.media_type.as_str(), data));
        }
        Ok(())
    }
}
