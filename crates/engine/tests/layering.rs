//! The engine's dependencies point one way, as ARCHITECTURE.md draws them.
//!
//! Reads the source of every module under `src/` (comments, strings and
//! test code left out) and collects the paths it names: `crate::MODULE`
//! (also inside `use crate::{...}` groups) for the modules of the crate, and
//! `super::FILE` / `crate::MODULE::FILE` for the files of a folder module.
//! Then:
//!
//! - every module of `src/` has a row in [`ALLOWED`], and uses only the
//!   modules its row names (the rows mirror "Dependencies point one way" in
//!   ARCHITECTURE.md; the table itself has no circle);
//! - no module names `dra_api` or `dra_cel` itself: they come through the
//!   crate root's re-exports (`crate::api`, `crate::cel`, ...), so that their
//!   use shows in the table;
//! - inside a folder module, the files other than `mod.rs` (the module's
//!   face, which its files may use) form no circle either.
//!
//! The crate boundaries (`dra-api` ← `dra-cel` ← `dra-engine` ← command
//! line, web app) are enforced by Cargo itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What each module of the engine may use: the module, then the modules it
/// may name. `api`, `names`, `quantity`, `resource_names` and `semver`
/// (crate `dra-api`) and `cel` (crate `dra-cel`) are re-exports of the
/// lower crates; everything may use them but they use nothing here.
const ALLOWED: &[(&str, &[&str])] = &[
    // The lower crates, re-exported.
    ("api", &[]),
    ("feature_gates", &[]),
    ("fields", &[]),
    ("names", &[]),
    ("quantity", &[]),
    ("resource_names", &[]),
    ("semver", &[]),
    ("cel", &[]),
    // Leaves of the engine.
    ("diagnostic", &[]),
    ("features", &["feature_gates"]),
    // Reading text.
    ("yaml", &["diagnostic"]),
    ("limits", &["cel", "diagnostic", "yaml"]),
    ("share_link", &["limits"]),
    // The kube-scheduler's profiles, for the loader, validation and the
    // scheduler.
    ("scheduler_profile", &["api", "features", "yaml"]),
    (
        "validation",
        &[
            "api",
            "cel",
            "diagnostic",
            "features",
            "names",
            "quantity",
            "resource_names",
            "scheduler_profile",
            "yaml",
        ],
    ),
    (
        "completion",
        &[
            "api",
            "feature_gates",
            "features",
            "fields",
            "load",
            "validation",
            "yaml",
        ],
    ),
    (
        "load",
        &[
            "api",
            "diagnostic",
            "feature_gates",
            "features",
            "fields",
            "limits",
            "quantity",
            "resource_names",
            "scheduler_profile",
            "validation",
            "workloads",
            "yaml",
            // Go durations of the Step documents.
            "cel",
        ],
    ),
    // The controllers that make pods from a template.
    ("workloads", &["allocator", "api"]),
    // Running.
    ("allocator", &["api", "cel", "features", "quantity"]),
    (
        "scheduler",
        &[
            "allocator",
            "api",
            "cel",
            "features",
            "names",
            "quantity",
            "resource_names",
            "scheduler_profile",
            // Only the apiserver's refusal of a full `reservedFor`.
            "validation",
        ],
    ),
    (
        "pipeline",
        &["api", "diagnostic", "limits", "load", "scheduler"],
    ),
    // Steps in time and the controllers around the scheduler.
    (
        "timeline",
        &[
            "allocator",
            "api",
            "cel",
            "features",
            "load",
            "pipeline",
            "scheduler",
            "workloads",
        ],
    ),
    // Showing.
    ("output", &["api", "scheduler", "timeline", "yaml"]),
    (
        "explain",
        &[
            "allocator",
            "api",
            "cel",
            "diagnostic",
            "features",
            "load",
            "pipeline",
            "scheduler",
            "semver",
            "yaml",
        ],
    ),
    (
        "playground",
        &[
            "api",
            "diagnostic",
            "features",
            "load",
            "output",
            "pipeline",
            "quantity",
            "scheduler",
            "yaml",
        ],
    ),
    ("render", &["playground"]),
    (
        "compare",
        &["api", "pipeline", "playground", "scenario_text"],
    ),
    ("presets", &[]),
    // Editing a scenario's text.
    ("scenario_text", &[]),
    // Tools over a loaded scenario.
    (
        "lessons",
        &[
            "api",
            "diagnostic",
            "load",
            "pipeline",
            "quantity",
            "scheduler",
            "yaml",
        ],
    ),
    (
        "eval",
        &["api", "cel", "diagnostic", "features", "load", "validation"],
    ),
];

/// The crate's `src/` folder.
fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// The source without comments, string and character literals (each
/// replaced by a space, so that words do not join).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !is_word(chars.get(i.wrapping_sub(1)))
        {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while j < chars.len() && chars[j..].iter().take(closing.len()).ne(closing.iter()) {
                j += 1;
            }
            i = j + closing.len();
            out.push(' ');
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' && is_char_literal(&chars[i..]) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Whether the quote at the start of `rest` opens a character literal
/// (`'a'`, `'\n'`, `'\u{1F600}'`) rather than a lifetime (`'a`).
fn is_char_literal(rest: &[char]) -> bool {
    match rest.get(1) {
        Some('\\') => true,
        Some(_) => rest.get(2) == Some(&'\''),
        None => false,
    }
}

/// The code without test code: `#[cfg(test)]` items (a `mod x { ... }`
/// block, a function, a `use`), and the names of test modules declared
/// `#[cfg(test)] mod x;` (whose files are left out).
fn without_tests(code: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(code.len());
    let mut test_files = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = rest[at + "#[cfg(test)]".len()..].trim_start();
        let words: Vec<&str> = item.split_whitespace().take(2).collect();
        if let ["mod", name] = words.as_slice() {
            if let Some(name) = name.strip_suffix(';') {
                test_files.push(name.to_owned());
            }
        }
        // The item ends at its first `;` outside braces, or with the brace
        // that closes its first block.
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    (out, test_files)
}

/// The first segment of every `crate::` path, `use crate::{a, b::c}` groups
/// included.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if is_word(code[..at].chars().last().as_ref()) {
            continue; // `dra_crate::`, say
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..matching_brace(group)];
            for part in top_level_items(group) {
                out.insert(first_segment(part));
            }
        } else {
            out.insert(first_segment(rest));
        }
    }
    out.remove("");
    out
}

/// The position of the `}` that closes a group whose `{` came just before.
fn matching_brace(group: &str) -> usize {
    let mut depth = 1;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    group.len()
}

/// The comma-separated items of a group, nested groups kept whole.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(group[start..].trim());
    items
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The words that follow `prefix` in `code` (as in `super::NAME`).
fn names_after(code: &str, prefix: &str) -> BTreeSet<String> {
    code.match_indices(prefix)
        .filter(|(at, _)| !is_word(code[..*at].chars().last().as_ref()))
        .map(|(at, _)| first_segment(&code[at + prefix.len()..]))
        .filter(|name| !name.is_empty())
        .collect()
}

/// One source file: its module (the first folder or file name under
/// `src/`), its file name inside a folder module, and its code.
struct Source {
    module: String,
    /// The file (or sub-folder) inside a folder module.
    file: Option<String>,
    /// Whether the file sits in a sub-folder of its module (its `super::` is that sub-folder).
    nested: bool,
    code: String,
}

/// Every production source file of the crate, test code left out.
fn sources() -> Vec<Source> {
    let root = src();
    let mut parsed = Vec::new();
    let mut test_files: BTreeSet<PathBuf> = BTreeSet::new();
    for path in rust_files(&root) {
        let text = std::fs::read_to_string(&path).expect("readable source");
        let (code, tests) = without_tests(&code_only(&text));
        let dir = path.parent().expect("a folder");
        for name in tests {
            test_files.insert(dir.join(format!("{name}.rs")));
        }
        parsed.push((path, code));
    }
    parsed
        .into_iter()
        .filter(|(path, _)| {
            // A test module is `NAME.rs` or the folder `NAME/`.
            !path
                .ancestors()
                .any(|p| test_files.contains(p) || test_files.contains(&p.with_extension("rs")))
        })
        .filter_map(|(path, code)| {
            let relative = path.strip_prefix(&root).expect("below src/");
            let parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            match parts.as_slice() {
                [file] if file == "lib" => None,
                [file] => Some(Source {
                    module: file.clone(),
                    file: None,
                    nested: false,
                    code,
                }),
                [module, file] => Some(Source {
                    module: module.clone(),
                    file: (file != "mod").then(|| file.clone()),
                    nested: false,
                    code,
                }),
                // A sub-folder counts as one file of its module.
                [module, folder, rest @ ..] => Some(Source {
                    module: module.clone(),
                    file: Some(folder.clone()),
                    nested: rest != ["mod"],
                    code,
                }),
                [] => None,
            }
        })
        .collect()
}

/// The circles of a directed graph, each as its nodes in order.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|n| n == node) {
            found.push(path[at..].to_vec());
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn the_allowed_table_has_no_circle() {
    let edges: BTreeMap<String, BTreeSet<String>> = ALLOWED
        .iter()
        .map(|(module, uses)| {
            (
                module.to_string(),
                uses.iter().map(|u| u.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(circles(&edges), Vec::<Vec<String>>::new());
}

#[test]
fn modules_use_only_what_the_table_allows() {
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(module, uses)| (*module, uses.iter().copied().collect()))
        .collect();
    let sources = sources();
    assert!(sources.len() > 50, "read only {} files", sources.len());
    let mut problems = Vec::new();
    for source in &sources {
        let Some(may_use) = allowed.get(source.module.as_str()) else {
            problems.push(format!(
                "{}: a module without a row in ALLOWED (and ARCHITECTURE.md)",
                source.module
            ));
            continue;
        };
        let place = match &source.file {
            Some(file) => format!("{}/{file}.rs", source.module),
            None => format!("{}(.rs|/mod.rs)", source.module),
        };
        for used in crate_paths(&source.code) {
            if used != source.module && !may_use.contains(used.as_str()) {
                problems.push(format!("{place} uses crate::{used}"));
            }
        }
        for lower in ["dra_api::", "dra_cel::"] {
            if !names_after(&source.code, lower).is_empty() {
                problems.push(format!(
                    "{place} names {lower} itself (use the crate root's re-export)"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_files_of_a_folder_module_form_no_circle() {
    let sources = sources();
    let mut graphs: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for source in &sources {
        if let Some(file) = &source.file {
            graphs
                .entry(source.module.clone())
                .or_default()
                .insert(file.clone(), BTreeSet::new());
        }
    }
    for source in &sources {
        let Some(file) = &source.file else {
            continue;
        };
        let siblings = &graphs[&source.module];
        let sibling_prefix = if source.nested {
            "super::super::"
        } else {
            "super::"
        };
        let named: BTreeSet<String> = names_after(&source.code, sibling_prefix)
            .into_iter()
            .chain(names_after(
                &source.code,
                &format!("crate::{}::", source.module),
            ))
            .filter(|name| name != file && siblings.contains_key(name))
            .collect();
        graphs
            .get_mut(&source.module)
            .expect("a folder module")
            .entry(file.clone())
            .or_default()
            .extend(named);
    }
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    for (module, edges) in &graphs {
        for circle in circles(edges) {
            found.push((module.clone(), circle));
        }
    }
    assert!(found.is_empty(), "circles between files: {found:#?}");
}
