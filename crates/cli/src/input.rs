//! Reading a scenario from a file or standard input.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use dra_engine::diagnostic::Diagnostic;
use dra_engine::limits::Limits;
use dra_engine::load::LoadedScenario;
use dra_engine::pipeline::{self, RunOptions};

use crate::EXIT_INVALID_INPUT;

/// A scenario's text and the name to use for it in messages.
pub struct Input {
    /// The file name as given, or `<stdin>`.
    pub name: String,
    /// The text.
    pub text: String,
}

impl Input {
    /// A problem of this input as `FILE:LINE:COLUMN: message`.
    pub fn locate(&self, d: &Diagnostic) -> String {
        format!(
            "{}:{}:{}: {}",
            self.name, d.span.start.line, d.span.start.column, d.message
        )
    }

    /// Prints the problems, one `FILE:LINE:COLUMN: message` line each; the
    /// exit status for invalid input.
    pub fn report(&self, diagnostics: &[Diagnostic]) -> ExitCode {
        for d in diagnostics {
            eprintln!("{}", self.locate(d));
        }
        ExitCode::from(EXIT_INVALID_INPUT)
    }
}

/// [`read`], printing why the input cannot be read; the exit status for
/// invalid input then.
pub fn read_or_report(path: &Path) -> Result<Input, ExitCode> {
    read(path).map_err(|message| {
        eprintln!("{message}");
        ExitCode::from(EXIT_INVALID_INPUT)
    })
}

/// Reads `path`, or standard input when it is `-`. Problems come as one
/// line for standard error, positioned where possible.
pub fn read(path: &Path) -> Result<Input, String> {
    let (name, bytes) = if path == Path::new("-") {
        let name = "<stdin>".to_owned();
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name}: cannot read: {e}"))?;
        (name, bytes)
    } else {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        (name, bytes)
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input { name, text }),
        Err(e) => Err(not_utf8(&name, e.as_bytes(), e.utf8_error())),
    }
}

/// `FILE:LINE:COLUMN: ...` for the first byte that is not UTF-8.
fn not_utf8(name: &str, bytes: &[u8], error: std::str::Utf8Error) -> String {
    let valid = &bytes[..error.valid_up_to()];
    let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The bytes before the error are valid UTF-8: count characters.
    let column = 1 + String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count();
    format!("{name}:{line}:{column}: the scenario is not UTF-8 text (a YAML file was expected)")
}

/// Loads scenario text as the command line does: within the command line's
/// limits (the machine's, not the page's: [`Limits::COMMAND_LINE`]), on two
/// cores (the YAML parsed while the documents read so far are decoded).
pub fn load(text: &str, options: &RunOptions) -> LoadedScenario {
    pipeline::load_within_in_parallel(text, options, &Limits::COMMAND_LINE)
}
