use std::sync::Arc;

use serde_json::Value;
use tauri::State;

use crate::error::{AppError, ErrorPayload};
use crate::gate::Gate;

/// The one IPC entry point: `invoke("call", { command, request })`. The work runs on
/// a blocking thread so a slow query never freezes the window.
#[tauri::command]
pub async fn call(
    gate: State<'_, Arc<Gate>>,
    command: String,
    request: Value,
) -> Result<Value, ErrorPayload> {
    let gate = Arc::clone(&gate);
    let worker = Arc::clone(&gate);
    tauri::async_runtime::spawn_blocking(move || {
        let was_locked = worker.core().is_none();
        let result = worker.call(&command, request);
        // The database just opened (someone signed in): today's backup, as at start-up.
        if let (true, Some(core)) = (was_locked, worker.core()) {
            crate::backups::daily_beside(core);
        }
        result
    })
    .await
    .unwrap_or_else(|join| Err(AppError::Internal(join.to_string())))
    .map_err(|err| err.to_payload(gate.lang()))
}
