//! Every integration test in one test binary: each binary links the whole app, so
//! fifteen of them cost fifteen links and gigabytes of disk for nothing. One module
//! per subject; run one with `cargo test --test integration <module>::`.

mod common;

mod attachments;
mod audit;
mod backup;
mod bundle;
mod bundle_sealed;
mod checkpoints;
mod cli;
mod directory_authority;
mod durability;
mod encryption;
mod export;
mod findings;
mod hardening;
mod ipc_fuzz;
mod late_registration;
mod layering;
mod paging;
#[cfg(unix)]
mod power_loss;
mod records;
mod register;
mod register_pdf;
mod register_root;
mod register_sign;
mod register_trust;
mod register_witness;
mod request_words;
mod review;
mod rules;
mod sheets;
mod store;
