//! Reading a scenario from a file or standard input.

use std::io::Read;
use std::path::Path;

/// A scenario's text and the name to use for it in messages.
pub struct Input {
    /// The file name as given, or `<stdin>`.
    pub name: String,
    /// The text.
    pub text: String,
}

/// Reads `path`, or standard input when it is `-`.
pub fn read(path: &Path) -> Result<Input, String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return Ok(Input {
            name: "<stdin>".into(),
            text,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8 text: {e}", path.display()))?;
    Ok(Input {
        name: path.display().to_string(),
        text,
    })
}
