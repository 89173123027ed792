//! What holds for the parser on any text: it ends (without panicking) in a
//! tree or in errors, every error and every node placed inside the text,
//! and it fits a small stack at the deepest nesting the guards accept.

use super::corpus::{expression, soup, spoiled, Rng};
use super::guard;
use super::parse;
use super::source::Source;

/// Parses `text`; checks that every position is inside it.
fn check(text: &str) {
    let source = Source::new(text);
    let chars = text.chars().count();
    match parse(&source) {
        Ok(parsed) => {
            for (id, offset) in &parsed.offsets {
                assert!(*offset <= chars, "node {id} at {offset} in {text:?}");
            }
        }
        Err(issues) => {
            assert!(!issues.is_empty(), "an error without issues: {text:?}");
            for issue in &issues {
                assert!(!issue.message.is_empty(), "an empty message: {text:?}");
                if let Some(offset) = issue.offset {
                    assert!(offset <= chars, "{issue:?} in {text:?}");
                }
            }
        }
    }
}

/// The stack the parser must fit in: a quarter of WebAssembly's 1 MiB
/// when optimized (the passes after parsing need the rest); unoptimized
/// frames are several times larger.
const STACK: usize = if cfg!(debug_assertions) {
    2 << 20
} else {
    256 << 10
};

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no panic");
}

/// Any characters, ASCII ones more often.
fn noise(rng: &mut Rng) -> String {
    const SPECIAL: [char; 12] = [
        '\0', '\t', '\n', '\r', '\u{c}', 'é', '😀', '\u{202e}', 'À', '¢', '\u{ffff}', '\u{7f}',
    ];
    (0..rng.below(40))
        .map(|_| match rng.below(8) {
            0 => SPECIAL[rng.below(SPECIAL.len())],
            _ => char::from(b' ' + rng.below(95) as u8),
        })
        .collect()
}

#[test]
fn random_text_ends_in_a_tree_or_errors() {
    on_small_stack(|| {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..10_000 {
            let depth = 1 + rng.below(6);
            let e = expression(&mut rng, depth);
            check(&spoiled(&mut rng, &e));
            check(&e);
            check(&soup(&mut rng));
            check(&noise(&mut rng));
        }
    });
}

#[test]
fn the_deepest_accepted_nesting_fits_a_small_stack() {
    on_small_stack(|| {
        let limits = [guard::MAX_NESTING, guard::MAX_DEPTH];
        for depth in limits.into_iter().flat_map(|l| [l - 1, l, l + 1]) {
            for text in [
                format!("{}true{}", "(".repeat(depth), ")".repeat(depth)),
                format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
                format!("{}1{}", "{1:".repeat(depth), "}".repeat(depth)),
                format!("{}1{}", "f(".repeat(depth), ")".repeat(depth)),
                format!("{}1{}", "a.b(".repeat(depth), ")".repeat(depth)),
                format!("{}x{}", "[1].exists(x, ".repeat(depth), ")".repeat(depth)),
                format!("{}1{}", "-(".repeat(depth), ")".repeat(depth)),
                format!("{}1{}", "M{f: ".repeat(depth), "}".repeat(depth)),
                format!("{}false", "true ? true : ".repeat(depth)),
                format!("1{}", " + 1".repeat(depth)),
                format!("a{}", ".b".repeat(depth)),
                format!("a{}", "[0]".repeat(depth)),
                format!("{}1", "-".repeat(depth)),
                format!("{}1", "!".repeat(depth)),
            ] {
                check(&text);
            }
        }
    });
}
