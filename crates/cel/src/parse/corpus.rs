//! Generated CEL text for the parser's tests: random expressions of the
//! grammar (macros, optional syntax, every literal form), the same with
//! random edits, and token soup.

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const IDENTS: [&str; 12] = [
    "a", "b", "x", "y", "device", "cel", "optional", "_z9", "in_", "truex", "var", "if",
];
const LITERALS: [&str; 24] = [
    "0",
    "1",
    "42",
    "0x1F",
    "7u",
    "0xFFu",
    "1.5",
    ".5",
    "1e3",
    "2.5E-2",
    "\"s\"",
    "'q'",
    "\"\"\"t\"\"\"",
    "r'\\d'",
    "b\"y\"",
    "B'\\xff'",
    "true",
    "false",
    "null",
    "-1",
    "9223372036854775807",
    "'\\u00e9'",
    "\"\\a\\x41\\101\"",
    "'''m\nl'''",
];
const BINARY: [&str; 15] = [
    "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", " - ",
];
const MACROS: [&str; 14] = [
    "all",
    "exists",
    "exists_one",
    "existsOne",
    "map",
    "filter",
    "transformList",
    "transformMap",
    "transformMapEntry",
    "sortBy",
    "optMap",
    "optFlatMap",
    "bind",
    "size",
];

/// A random expression of the grammar, at most `depth` deep.
pub fn expression(rng: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return match rng.below(3) {
            0 => rng.pick(&IDENTS).to_string(),
            _ => rng.pick(&LITERALS).to_string(),
        };
    }
    let d = depth - 1;
    match rng.below(17) {
        0 | 1 => format!(
            "{} {} {}",
            expression(rng, d),
            rng.pick(&BINARY),
            expression(rng, d)
        ),
        2 => format!(
            "{} ? {} : {}",
            expression(rng, d),
            expression(rng, d),
            expression(rng, d)
        ),
        3 => format!(
            "{}{}",
            rng.pick(&["!", "-", "!!", "--", "- "]),
            expression(rng, d)
        ),
        4 => format!("{}.{}", expression(rng, d), rng.pick(&IDENTS)),
        5 => format!("{}.?{}", expression(rng, d), rng.pick(&IDENTS)),
        6 => format!("{}[{}]", expression(rng, d), expression(rng, d)),
        7 => format!("{}[?{}]", expression(rng, d), expression(rng, d)),
        8 => {
            let n = rng.below(4);
            let args: Vec<String> = (0..n).map(|_| expression(rng, d)).collect();
            format!("{}({})", rng.pick(&IDENTS), args.join(", "))
        }
        9 => {
            let n = 1 + rng.below(4);
            let mut args: Vec<String> = (0..n).map(|_| expression(rng, d)).collect();
            if rng.below(2) == 0 {
                args[0] = rng.pick(&IDENTS).to_string();
            }
            if n > 1 && rng.below(2) == 0 {
                args[1] = rng.pick(&IDENTS).to_string();
            }
            format!(
                "{}.{}({})",
                expression(rng, d),
                rng.pick(&MACROS),
                args.join(", ")
            )
        }
        10 => {
            let n = rng.below(4);
            let items: Vec<String> = (0..n)
                .map(|_| format!("{}{}", rng.pick(&["", "?"]), expression(rng, d)))
                .collect();
            format!("[{}{}]", items.join(", "), rng.pick(&["", ","]))
        }
        11 => {
            let n = rng.below(3);
            let items: Vec<String> = (0..n)
                .map(|_| {
                    let q = rng.pick(&["", "?"]);
                    format!("{q}{}: {}", expression(rng, d), expression(rng, d))
                })
                .collect();
            format!("{{{}{}}}", items.join(", "), rng.pick(&["", ","]))
        }
        12 => {
            let n = rng.below(3);
            let items: Vec<String> = (0..n)
                .map(|_| {
                    let q = rng.pick(&["", "?"]);
                    format!("{q}{}: {}", rng.pick(&IDENTS), expression(rng, d))
                })
                .collect();
            format!(
                "{}{{{}}}",
                rng.pick(&["M", "a.b.C", ".N"]),
                items.join(", ")
            )
        }
        13 => format!("({})", expression(rng, d)),
        14 => format!("has({}.{})", expression(rng, d), rng.pick(&IDENTS)),
        15 => format!(
            "cel.bind({}, {}, {})",
            rng.pick(&IDENTS),
            expression(rng, d),
            expression(rng, d)
        ),
        _ => format!(".{}", rng.pick(&IDENTS)),
    }
}

/// Text that spoils an expression: characters and tokens, valid or not.
const NOISE: [&str; 40] = [
    "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", "=", "==",
    "&", "&&", "|", "||", "in", "a", "1", "1.", "'", "\"", "`", "`x`", "@", "#", "é", "\n", " ",
    "\\", "r", "b", "//c\n",
];

/// An expression with a few random edits.
pub fn spoiled(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => {
                let end = (at + 1 + rng.below(4)).min(chars.len());
                chars.drain(at..end);
            }
            _ => {
                let insert: Vec<char> = rng.pick(&NOISE).chars().collect();
                chars.splice(at..at, insert);
            }
        }
    }
    chars.into_iter().collect()
}

/// Token soup.
pub fn soup(rng: &mut Rng) -> String {
    (0..1 + rng.below(12)).map(|_| rng.pick(&NOISE)).collect()
}
