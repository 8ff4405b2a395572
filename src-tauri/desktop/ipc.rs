use std::sync::Arc;

use serde_json::Value;
use tauri::State;

use crate::commands;
use crate::core::Core;
use crate::error::{AppError, ErrorPayload};

/// The one IPC entry point: `invoke("call", { command, request })`. The work runs on
/// a blocking thread so a slow query never freezes the window.
#[tauri::command]
pub async fn call(
    core: State<'_, Arc<Core>>,
    command: String,
    request: Value,
) -> Result<Value, ErrorPayload> {
    let core = Arc::clone(&core);
    let worker_core = Arc::clone(&core);
    tauri::async_runtime::spawn_blocking(move || {
        commands::dispatch(&worker_core, &command, request)
    })
    .await
    .unwrap_or_else(|join| Err(AppError::Internal(join.to_string())))
    .map_err(|err| err.to_payload(core.lang()))
}
