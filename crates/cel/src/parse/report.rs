//! Where the lexer and the parser report syntax errors, as cel-go's parser
//! takes them: `Syntax error: …` at a line and column, up to a limit, after
//! which parsing stops.

/// A problem found while parsing: 1-based line, 0-based column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Collects syntax errors; stops the parse when there are too many or when
/// a limit is exceeded.
pub struct Reporter {
    pub errors: Vec<SyntaxError>,
    /// The most syntax errors reported.
    max_errors: usize,
    /// Parsing stopped: nothing more is reported, and the tree is not
    /// built. The message of the limit that stopped it, if it has no
    /// position.
    pub stopped: Option<Stop>,
}

/// Why parsing stopped early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Too many syntax errors, or too many recovery attempts (already
    /// reported as a syntax error).
    Reported,
    /// A limit without a position (its message).
    Limit(String),
}

impl Reporter {
    pub fn new(max_errors: usize) -> Reporter {
        Reporter {
            errors: Vec::new(),
            max_errors,
            stopped: None,
        }
    }

    /// ANTLR's error listener call: a syntax error at a line and column.
    pub fn syntax_error(&mut self, line: u32, column: u32, message: &str) {
        if self.stopped.is_some() {
            return;
        }
        let message = if self.errors.len() < self.max_errors {
            reserved_word_as_identifier(message)
        } else {
            self.stopped = Some(Stop::Reported);
            format!("More than {} syntax errors", self.max_errors)
        };
        self.errors.push(SyntaxError {
            line,
            column,
            message: format!("Syntax error: {message}"),
        });
    }

    /// Stops parsing with a message that has no position.
    pub fn stop(&mut self, message: String) {
        if self.stopped.is_none() {
            self.stopped = Some(Stop::Limit(message));
        }
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.is_some()
    }
}

/// cel-go rewrites `no viable alternative at input '.true'` (any one
/// character before `true`, `false` or `null`) as the error older versions
/// gave: `mismatched input 'true' expecting IDENTIFIER`.
pub(super) fn reserved_word_as_identifier(message: &str) -> String {
    const PREFIX: &str = "no viable alternative at input '";
    let Some(at) = message.find(PREFIX) else {
        return message.to_string();
    };
    let rest = &message[at + PREFIX.len()..];
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c != '\n' => {}
        _ => return message.to_string(),
    }
    let after = chars.as_str();
    for word in ["true", "false", "null"] {
        if let Some(tail) = after.strip_prefix(word).and_then(|t| t.strip_prefix('\'')) {
            return format!(
                "{}mismatched input '{word}' expecting IDENTIFIER{tail}",
                &message[..at]
            );
        }
    }
    message.to_string()
}
