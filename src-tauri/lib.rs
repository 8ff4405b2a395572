//! Qinqing Register (亲清政商交往登记): the core library.
//!
//! Module map only. Nothing outside `desktop` (and `main.rs`) may import tauri or rfd;
//! `cargo test --no-default-features` proves the core stands without them.

pub mod backups;
pub mod bundle;
pub mod certification;
pub mod cli;
pub mod commands;
pub mod compliance;
pub mod core;
pub mod demo;
pub mod digest;
pub mod directory;
pub mod domain;
pub mod error;
pub mod export;
pub mod field_words;
pub mod files;
pub mod gate;
pub mod i18n;
pub mod keyring;
pub mod paths;
pub mod records;
pub mod register;
pub mod reviewing;
pub mod rules;
pub mod sheets;
pub mod signing;
pub mod store;

#[cfg(feature = "desktop")]
pub mod desktop;

/// The app's version, as Cargo knows it; shown in the about screen and `--version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
