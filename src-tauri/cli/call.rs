//! `qinqing call NAME [REQUEST]` and `qinqing call --list`: any core command on a JSON
//! request, through the same gate and access check as the window.

use std::io::{Read, Write};

use clap::Args;

use super::context::{bad_request, io_failure, open_gate, write_json, CliFailure, GlobalArgs};
use crate::commands::{self, COMMANDS};
use crate::error::AppError;

#[derive(Debug, Args)]
pub struct CallArgs {
    /// 列出全部命令及其请求、响应结构 / List every command with its request and response shapes
    #[arg(long, conflicts_with_all = ["command", "request"])]
    pub list: bool,
    /// 以 JSON 输出命令列表 / With --list: print the list as JSON
    #[arg(long, requires = "list")]
    pub json: bool,
    /// 命令名，如 app_info / Command name, e.g. app_info
    #[arg(required_unless_present = "list")]
    pub command: Option<String>,
    /// JSON 请求（默认 {}；“-” 表示从标准输入读取）/ JSON request (default {}; "-" reads standard input)
    pub request: Option<String>,
}

pub(crate) fn call(
    global: &GlobalArgs,
    args: CallArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let name = args.command.unwrap_or_default();
    // Refuse an unknown command before touching (or creating) any database.
    if commands::find(&name).is_none() {
        return Err(AppError::UnknownCommand { name }.into());
    }
    let text = match args.request.as_deref() {
        None => "{}".to_owned(),
        Some("-") => {
            let mut text = String::new();
            stdin
                .read_to_string(&mut text)
                .map_err(|err| bad_request(&name, err.to_string()))?;
            text
        }
        Some(text) => text.to_owned(),
    };
    let request: serde_json::Value =
        serde_json::from_str(&text).map_err(|err| bad_request(&name, err.to_string()))?;
    let gate = open_gate(global)?;
    let response = gate.call(&name, request).map_err(|error| CliFailure {
        error,
        lang: Some(gate.lang()),
    })?;
    write_json(stdout, &response)
}

pub(crate) fn list(json: bool, stdout: &mut dyn Write) -> Result<(), CliFailure> {
    if json {
        let list: Vec<serde_json::Value> = COMMANDS
            .iter()
            .map(|entry| {
                serde_json::json!({
                    "name": entry.name,
                    "summary": entry.summary,
                    "request": entry.request(),
                    "response": entry.response(),
                })
            })
            .collect();
        return write_json(stdout, &serde_json::Value::Array(list));
    }
    let mut text = String::new();
    for entry in COMMANDS {
        let (request, response) = (entry.request(), entry.response());
        text.push_str(&format!(
            "{}\n    {}\n    request  {} = {}\n    response {} = {}\n",
            entry.name, entry.summary, request.name, request.shape, response.name, response.shape
        ));
    }
    stdout.write_all(text.as_bytes()).map_err(io_failure)
}
