//! The `demo_generate` command: an adapter of the demo generator.

use super::command::{Access, Command};
use crate::core::Core;
use crate::demo::{generate, DemoReport, DemoRequest};
use crate::domain::access::Action;
use crate::error::AppError;

/// The `demo` command: the same generator, without progress reports.
pub struct GenerateDemo;

impl Command for GenerateDemo {
    const NAME: &'static str = "demo_generate";
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SUMMARY: &'static str =
        "Add deterministic demo records (and the demo directory when there is none)";
    type Request = DemoRequest;
    type Response = DemoReport;

    fn run(core: &Core, request: DemoRequest) -> Result<DemoReport, AppError> {
        generate(core, &request, &mut |_, _| {})
    }
}
