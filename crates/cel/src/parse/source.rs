//! The expression text, positions in it, and cel-go's way of printing a list
//! of issues (`ERROR: <input>:line:col: message` plus a snippet with a caret).

/// The expression being compiled.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    /// Char offset of the start of every line.
    line_starts: Vec<usize>,
}

/// One compile issue at a location. `line` is 1-based, `column` 0-based (in
/// code points); `line == -1` means no location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub line: i64,
    pub column: i64,
    pub message: String,
    /// Char offset in the expression, if known.
    pub offset: Option<usize>,
}

impl Issue {
    pub fn nowhere(message: impl Into<String>) -> Issue {
        Issue {
            line: -1,
            column: -1,
            message: message.into(),
            offset: None,
        }
    }
}

impl Source {
    pub fn new(text: &str) -> Source {
        let mut line_starts = vec![0];
        for (i, c) in text.chars().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        Source {
            text: text.to_string(),
            line_starts,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Line (1-based) and column (0-based) of a char offset.
    pub fn location(&self, offset: usize) -> (i64, i64) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (line as i64 + 1, (offset - self.line_starts[line]) as i64)
    }

    /// An issue at a char offset.
    pub fn issue_at(&self, offset: Option<usize>, message: impl Into<String>) -> Issue {
        match offset {
            Some(o) => {
                let (line, column) = self.location(o);
                Issue {
                    line,
                    column,
                    message: message.into(),
                    offset: Some(o),
                }
            }
            None => Issue::nowhere(message),
        }
    }

    /// Char offset of a line/column pair.
    pub fn offset_of(&self, line: i64, column: i64) -> Option<usize> {
        if line < 1 || column < 0 {
            return None;
        }
        let start = *self.line_starts.get((line - 1) as usize)?;
        Some(start + column as usize)
    }

    fn snippet(&self, line: i64) -> Option<&str> {
        if line < 1 {
            return None;
        }
        self.text.split('\n').nth((line - 1) as usize)
    }

    /// cel-go's `Errors.ToDisplayString`: the first 100 issues reported,
    /// sorted by position (stably), each with its snippet.
    pub fn display(&self, issues: &[Issue]) -> String {
        const MAX_REPORTED: usize = 100;
        let mut sorted: Vec<&Issue> = issues.iter().take(MAX_REPORTED).collect();
        sorted.sort_by_key(|i| (i.line, i.column));
        let mut parts: Vec<String> = sorted.iter().map(|i| self.display_one(i)).collect();
        if issues.len() > MAX_REPORTED {
            parts.push(format!(
                "{} more errors were truncated",
                issues.len() - MAX_REPORTED
            ));
        }
        parts.join("\n")
    }

    fn display_one(&self, issue: &Issue) -> String {
        let mut out = format!(
            "ERROR: <input>:{}:{}: {}",
            issue.line,
            issue.column + 1,
            issue.message
        );
        if let Some(snippet) = self.snippet(issue.line) {
            if snippet.len() <= 16384 {
                let snippet = snippet.replace('\t', " ");
                out.push_str("\n | ");
                out.push_str(&snippet);
                out.push_str("\n | ");
                let mut chars = snippet.chars();
                for _ in 0..issue.column.max(0) {
                    match chars.next() {
                        Some(c) if c.len_utf8() > 1 => out.push('\u{ff0e}'),
                        Some(_) => out.push('.'),
                        None => break,
                    }
                }
                match chars.next() {
                    Some(c) if c.len_utf8() > 1 => out.push('\u{ff3e}'),
                    _ => out.push('^'),
                }
            }
        }
        out
    }
}
