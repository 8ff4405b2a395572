// No console window behind the desktop app on Windows release builds. The CLI's output
// there will need AttachConsole(ATTACH_PARENT_PROCESS) once Windows is built and tested.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use qinqing::cli::{self, Cli};

fn main() -> ExitCode {
    let parsed = Cli::parse();
    match parsed.command {
        Some(command) => cli::run(
            &parsed.global,
            command,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => desktop(&parsed.global),
    }
}

#[cfg(feature = "desktop")]
fn desktop(global: &cli::GlobalArgs) -> ExitCode {
    qinqing::desktop::run(global.db.as_deref(), global.lang, global.automation)
}

#[cfg(not(feature = "desktop"))]
fn desktop(_global: &cli::GlobalArgs) -> ExitCode {
    eprintln!("此版本未包含桌面界面，请使用子命令（qinqing --help）。");
    eprintln!("This build has no desktop window; use a subcommand (qinqing --help).");
    ExitCode::from(2)
}
