//! Cheap checks that run before the parser: the size limit, and a
//! conservative estimate of how deeply the expression nests, so that deeply
//! nested input is rejected instead of exhausting the stack in the parser or
//! in any of the recursive passes after it.

/// cel-go's default limit on the expression size, in code points.
pub const MAX_CODE_POINTS: usize = 100_000;
/// The deepest syntax tree accepted (cel-go accepts 250; the recursive
/// passes after parsing must fit in a 1 MiB WebAssembly stack).
pub const MAX_DEPTH: usize = 128;
/// The deepest nesting of brackets, parentheses and calls accepted. The
/// parser recurses through many grammar rules for each level, so this is
/// lower than cel-go's limit, to stay within a 1 MiB stack (WebAssembly).
pub const MAX_NESTING: usize = 100;

/// What the guard found.
pub struct Shape {
    /// An upper bound of the depth of the syntax tree.
    pub depth: usize,
    /// The deepest nesting of brackets.
    pub nesting: usize,
}

/// Estimates how deeply the expression nests.
pub fn shape(text: &str) -> Shape {
    let mut frames: Vec<Frame> = vec![Frame::default()];
    let mut deepest = 0usize;
    let mut nesting = 0usize;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let n = chars.len();
    // Whether the previous token ends an operand (so '-' is binary).
    let mut after_operand = false;
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let top = frames.len() - 1;
        // Comments.
        if c == '/' && i + 1 < n && chars[i + 1] == '/' {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        // String and bytes literals, with an optional r/b prefix.
        if let Some(end) = string_literal_end(&chars, i) {
            i = end;
            after_operand = true;
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            // A decimal point inside a number is not a selection.
            if chars[start].is_ascii_digit()
                && i + 1 < n
                && chars[i] == '.'
                && chars[i + 1].is_ascii_digit()
            {
                i += 1;
                while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                // An exponent sign: 1.5e-3.
                if i + 1 < n
                    && (chars[i] == '-' || chars[i] == '+')
                    && matches!(chars[i - 1], 'e' | 'E')
                {
                    i += 1;
                    while i < n && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let word: String = chars[start..i].iter().collect();
            if word == "in" {
                frames[top].chain += 1;
                after_operand = false;
            } else {
                after_operand = true;
            }
            continue;
        }
        if c == '`' {
            i += 1;
            while i < n && chars[i] != '`' {
                i += 1;
            }
            i += 1;
            after_operand = true;
            continue;
        }
        let two: Option<(char, char)> = if i + 1 < n {
            Some((c, chars[i + 1]))
        } else {
            None
        };
        match two {
            Some(('&', '&')) | Some(('|', '|')) => {
                frames[top].end_segment();
                frames[top].logic += 1;
                i += 2;
                after_operand = false;
                continue;
            }
            Some(('=', '=')) | Some(('!', '=')) | Some(('<', '=')) | Some(('>', '=')) => {
                frames[top].chain += 1;
                i += 2;
                after_operand = false;
                continue;
            }
            _ => {}
        }
        match c {
            '(' | '[' | '{' => {
                // A call or an index on an operand deepens the chain.
                if after_operand && c != '{' {
                    frames[top].chain += 1;
                }
                frames.push(Frame::default());
                nesting = nesting.max(frames.len() - 1);
                if nesting > MAX_NESTING {
                    // Already too deep: no need to look further.
                    return Shape {
                        depth: nesting,
                        nesting,
                    };
                }
                after_operand = false;
            }
            ')' | ']' | '}' => {
                if frames.len() > 1 {
                    let f = frames.pop().unwrap_or_default();
                    let d = f.depth() + 1;
                    let parent = frames.len() - 1;
                    frames[parent].nested = frames[parent].nested.max(d);
                    deepest = deepest.max(d);
                }
                after_operand = true;
            }
            '?' => {
                frames[top].end_segment();
                frames[top].ternary += 1;
                after_operand = false;
            }
            ':' | ',' => {
                frames[top].end_segment();
                after_operand = false;
            }
            '-' if !after_operand => {
                frames[top].chain += 1;
            }
            '<' | '>' | '+' | '-' | '*' | '/' | '%' | '!' | '.' => {
                frames[top].chain += 1;
                after_operand = false;
            }
            _ => {
                after_operand = false;
            }
        }
        i += 1;
        let depth_now: usize = frames.iter().map(|f| f.depth() + 1).sum();
        deepest = deepest.max(depth_now);
    }
    let total: usize = frames.iter().map(|f| f.depth() + 1).sum();
    Shape {
        depth: deepest.max(total),
        nesting,
    }
}

#[derive(Default, Clone)]
struct Frame {
    /// Operators chained in the current segment.
    chain: usize,
    /// The deepest bracketed group in the current segment.
    nested: usize,
    /// The deepest segment so far.
    seg_max: usize,
    /// `&&` and `||` operators (balanced into a tree).
    logic: usize,
    /// `?` operators (nested to the right).
    ternary: usize,
}

impl Frame {
    fn end_segment(&mut self) {
        self.seg_max = self.seg_max.max(self.chain + self.nested);
        self.chain = 0;
        self.nested = 0;
    }

    fn depth(&self) -> usize {
        let seg = self.seg_max.max(self.chain + self.nested);
        let logic_depth = (usize::BITS - self.logic.leading_zeros()) as usize;
        seg + logic_depth + self.ternary
    }
}

/// If a string or bytes literal starts at `i`, the index after it.
fn string_literal_end(chars: &[char], i: usize) -> Option<usize> {
    let n = chars.len();
    let mut j = i;
    let mut raw = false;
    let mut prefix = 0;
    while j < n && prefix < 2 && matches!(chars[j], 'r' | 'R' | 'b' | 'B') {
        if matches!(chars[j], 'r' | 'R') {
            raw = true;
        }
        j += 1;
        prefix += 1;
    }
    if j >= n || (chars[j] != '"' && chars[j] != '\'') {
        return None;
    }
    // A prefix must not be the tail of an identifier.
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') && prefix > 0 {
        return None;
    }
    let q = chars[j];
    let triple = j + 2 < n && chars[j + 1] == q && chars[j + 2] == q;
    j += if triple { 3 } else { 1 };
    while j < n {
        let c = chars[j];
        if c == '\\' && !raw {
            j += 2;
            continue;
        }
        if triple {
            if c == q && j + 2 < n && chars[j + 1] == q && chars[j + 2] == q {
                return Some(j + 3);
            }
        } else if c == q {
            return Some(j + 1);
        } else if c == '\n' {
            return Some(j);
        }
        j += 1;
    }
    Some(n)
}

#[cfg(test)]
mod chain_tests {
    use super::*;

    #[test]
    fn index_and_member_chains_count_toward_the_depth() {
        let index_chain = format!("device.attributes{} == 1", "[\"x\"]".repeat(800));
        assert!(
            shape(&index_chain).depth > MAX_DEPTH,
            "{}",
            shape(&index_chain).depth
        );
        let member_chain = format!("a{} == 1", ".b".repeat(800));
        assert!(shape(&member_chain).depth > MAX_DEPTH);
    }
}
