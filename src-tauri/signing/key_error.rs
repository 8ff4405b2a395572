//! Why a key cannot be issued, opened or used: a leaf the key, root and
//! certificate modules share.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// The passphrase does not open the key.
    #[error("the passphrase does not open this key")]
    WrongPassphrase,
    /// Stored key material that does not parse: a bug or an edited database.
    #[error("malformed key material: {0}")]
    Malformed(String),
    /// An imported key the app cannot sign with.
    #[error("unsupported key: {0:?}")]
    Unsupported(Unusable),
}

/// Why an imported key cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Not an ECDSA P-256 key (the curve PDF viewers verify; RSA, SM2… are refused).
    NotP256,
    /// The private key does not belong to the certificate it came with.
    NotItsCertificate,
    /// Offered as the bureau's root, but its certificate is not a certificate
    /// authority's (basic constraints CA, key usage keyCertSign).
    NotACertificateAuthority,
}

impl Unusable {
    /// What is wrong with the key file, said of the file ("holds …").
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        match self {
            Unusable::NotP256 => lang.pick(
                "该文件中的密钥不能使用：仅支持 ECDSA P-256 密钥（PDF 阅读器可核验的签名）",
                "holds a key the app cannot use: only ECDSA P-256 keys (what PDF viewers verify)",
            ),
            Unusable::NotItsCertificate => lang.pick(
                "该文件中的私钥与证书不符",
                "holds a private key that does not belong to its certificate",
            ),
            Unusable::NotACertificateAuthority => lang.pick(
                "该文件中的证书不是证书签发机构（CA）的证书，不能作为本局根证书",
                "holds a certificate that is not a certificate authority's, so it cannot be the bureau's root",
            ),
        }
    }
}

pub(super) fn malformed(err: impl std::fmt::Display) -> KeyError {
    KeyError::Malformed(err.to_string())
}
