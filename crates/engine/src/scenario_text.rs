//! A scenario's text as the playground edits it: the documents of the YAML stream, split at
//! `---` lines without parsing (so that a text with errors can still be edited), and the
//! Scenario document's settings written into it.
//!
//! The settings are text like the rest of the scenario, so that a link, a file and a comparison
//! carry them: the web app's version, gate and validation switches, and `dra-playground diff
//! --versions`, rewrite the Scenario document here. Its other settings (`searchBudget`, ...)
//! are kept as written.

use std::collections::BTreeMap;

/// One document of the YAML stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// First byte (after the `---` line before it).
    pub start: usize,
    /// End byte (exclusive; the start of the next `---` line, or the end of the text).
    pub end: usize,
    /// Its top-level `kind:`, if written.
    pub kind: Option<String>,
}

fn is_separator(line: &str) -> bool {
    let t = line.trim_end();
    t == "---" || t.starts_with("--- ") || t.starts_with("---\t")
}

/// The documents of a YAML stream, split at `---` lines.
pub fn documents(text: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut kind = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_separator(line) {
            docs.push(Document {
                start,
                end: offset,
                kind: kind.take(),
            });
            start = offset + line.len();
        } else if let Some(k) = line.strip_prefix("kind:") {
            if kind.is_none() {
                kind = Some(k.trim().trim_matches(['"', '\'']).to_owned());
            }
        }
        offset += line.len();
    }
    docs.push(Document {
        start,
        end: text.len(),
        kind,
    });
    docs
}

/// The settings the playground writes into the Scenario document (its `spec`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScenarioSettings {
    /// `kubernetesVersion` (None: every gate on unless named).
    pub version: Option<String>,
    /// `featureGates` overrides.
    pub gates: BTreeMap<String, bool>,
    /// `skipValidation: true`.
    pub skip_validation: bool,
}

/// The `spec` keys [`ScenarioSettings`] writes; any other key of the spec is kept.
const WRITTEN: [&str; 3] = ["kubernetesVersion", "featureGates", "skipValidation"];

/// The text with its Scenario document holding these settings: replaced (its other `spec`
/// entries kept), added at the top after the file's opening comments when there was none, or
/// removed when nothing is left in it. `name` names a new document.
pub fn with_settings(text: &str, name: Option<&str>, settings: &ScenarioSettings) -> String {
    let docs = documents(text);
    let existing = docs.iter().find(|d| d.kind.as_deref() == Some("Scenario"));
    let kept = existing.map_or_else(String::new, |d| other_spec_entries(&text[d.start..d.end]));
    let mut spec = String::new();
    if let Some(v) = &settings.version {
        spec.push_str(&format!("  kubernetesVersion: \"{v}\"\n"));
    }
    if !settings.gates.is_empty() {
        spec.push_str("  featureGates:\n");
        for (gate, on) in &settings.gates {
            spec.push_str(&format!("    {gate}: {on}\n"));
        }
    }
    if settings.skip_validation {
        spec.push_str("  skipValidation: true\n");
    }
    spec.push_str(&kept);
    let doc = if spec.is_empty() {
        String::new()
    } else {
        format!(
            "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: {}\nspec:\n{spec}",
            name.unwrap_or("settings")
        )
    };
    match existing {
        Some(d) => replace_document(text, d, &doc),
        None if doc.is_empty() => text.to_owned(),
        None => {
            // After the comments that open the file.
            let comments: usize = text
                .split_inclusive('\n')
                .take_while(|l| l.starts_with('#'))
                .map(str::len)
                .sum();
            let rest = &text[comments..];
            if rest.trim().is_empty() {
                format!("{}{}", &text[..comments], doc)
            } else {
                let rest = rest.strip_prefix("---\n").unwrap_or(rest);
                format!("{}{}---\n{}", &text[..comments], doc, rest)
            }
        }
    }
}

/// The document `d` of `text` replaced by `doc` (its opening comments kept), or removed with
/// one separator next to it when `doc` is empty.
fn replace_document(text: &str, d: &Document, doc: &str) -> String {
    // Keep the comments at the top of the document (a file's title, say).
    let body = &text[d.start..d.end];
    let comments: usize = body
        .split_inclusive('\n')
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .map(str::len)
        .sum();
    let (mut start, mut end) = (d.start + comments, d.end);
    if doc.is_empty() {
        // Remove the document and one separator next to it.
        let after = &text[end..];
        if let Some(sep) = after
            .split_inclusive('\n')
            .next()
            .filter(|l| is_separator(l))
        {
            end += sep.len();
        } else if d.start > 0 {
            let before = &text[..d.start];
            let sep_len = before
                .trim_end_matches('\n')
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.len() + 1);
            start = d.start - sep_len.min(d.start);
            end = d.end;
        }
    }
    format!("{}{}{}", &text[..start], doc, &text[end..])
}

/// Where line `line` (1-based) of `edited` was in `original`, when `edited` is `original` with
/// one region of lines replaced (as [`with_settings`] edits): the same line before the region,
/// shifted after it, and the region's first line inside it. For problems found in an edited
/// text, reported at the original's lines.
pub fn original_line(original: &str, edited: &str, line: usize) -> usize {
    let before: Vec<&str> = original.lines().collect();
    let after: Vec<&str> = edited.lines().collect();
    let prefix = before
        .iter()
        .zip(&after)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .iter()
        .rev()
        .zip(after[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let changed_end = after.len() - suffix;
    match line {
        l if l <= prefix => l,
        l if l > changed_end => l - changed_end + (before.len() - suffix),
        _ => prefix + 1,
    }
}

/// The entries of a Scenario document's block `spec:` other than those [`with_settings`]
/// writes, as written (comments inside them too), re-indented by two spaces. A `spec` in flow
/// style (`spec: {...}`) keeps nothing.
fn other_spec_entries(document: &str) -> String {
    let mut lines = document
        .split_inclusive('\n')
        .skip_while(|l| l.trim_end() != "spec:");
    if lines.next().is_none() {
        return String::new();
    }
    let body: Vec<&str> = lines
        .take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '#']))
        .collect();
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let Some(indent) = body
        .iter()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| indent_of(l))
        .filter(|&i| i > 0)
    else {
        return String::new();
    };
    let mut kept = String::new();
    let mut keep = false;
    // Comments and blank lines go with the line after them.
    let mut pending: Vec<&str> = Vec::new();
    let push = |kept: &mut String, line: &str| {
        let rest = line.get(indent.min(indent_of(line))..).unwrap_or(line);
        if !rest.trim().is_empty() {
            kept.push_str("  ");
        }
        kept.push_str(rest);
        if !rest.ends_with('\n') {
            kept.push('\n');
        }
    };
    for line in body {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            pending.push(line);
            continue;
        }
        if indent_of(line) == indent {
            let key = content.split(':').next().unwrap_or("").trim();
            keep = !WRITTEN.contains(&key);
        }
        for p in pending.drain(..) {
            if keep {
                push(&mut kept, p);
            }
        }
        if keep {
            push(&mut kept, line);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# title\napiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: p\n";

    fn settings(version: Option<&str>, gates: &[(&str, bool)], skip: bool) -> ScenarioSettings {
        ScenarioSettings {
            version: version.map(str::to_owned),
            gates: gates.iter().map(|(g, on)| (g.to_string(), *on)).collect(),
            skip_validation: skip,
        }
    }

    #[test]
    fn documents_split_at_separators() {
        let docs = documents(TEXT);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].kind.as_deref(), Some("Node"));
        assert_eq!(docs[1].kind.as_deref(), Some("Pod"));
        assert_eq!(&TEXT[docs[1].start..docs[1].start + 9], "kind: Pod");
    }

    #[test]
    fn settings_are_added_replaced_and_removed() {
        let added = with_settings(
            TEXT,
            None,
            &settings(Some("1.35"), &[("DRAPrioritizedList", false)], false),
        );
        assert!(
            added.starts_with("# title\napiVersion: playground.dra/v1alpha1\nkind: Scenario\n"),
            "{added}"
        );
        assert!(added.contains("  kubernetesVersion: \"1.35\"\n  featureGates:\n    DRAPrioritizedList: false\n---\napiVersion: v1\nkind: Node"), "{added}");
        let replaced = with_settings(&added, Some("settings"), &settings(Some("1.36"), &[], true));
        assert!(
            replaced.contains("kubernetesVersion: \"1.36\"\n  skipValidation: true\n")
                && !replaced.contains("featureGates"),
            "{replaced}"
        );
        assert_eq!(documents(&replaced).len(), 3);
        let removed = with_settings(&replaced, None, &ScenarioSettings::default());
        assert_eq!(removed, TEXT);
    }

    #[test]
    fn other_spec_entries_are_kept_re_indented() {
        let text = "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: mine\nspec:\n    kubernetesVersion: \"1.34\"\n    # the search may stop early\n    searchBudget:\n        maxSteps: 10\n    skipValidation: true\n---\nkind: Node\n";
        let edited = with_settings(text, Some("mine"), &settings(Some("1.36"), &[], false));
        assert_eq!(
            edited,
            "apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: mine\nspec:\n  kubernetesVersion: \"1.36\"\n  # the search may stop early\n  searchBudget:\n      maxSteps: 10\n---\nkind: Node\n"
        );
        // Nothing of ours left, the budget stays.
        let edited = with_settings(&edited, Some("mine"), &ScenarioSettings::default());
        assert!(
            edited.starts_with("apiVersion: playground.dra/v1alpha1\nkind: Scenario\nmetadata:\n  name: mine\nspec:\n  # the search may stop early\n  searchBudget:\n"),
            "{edited}"
        );
    }

    #[test]
    fn lines_of_an_edit_map_back_to_the_original() {
        let edited = with_settings(TEXT, None, &settings(Some("1.35"), &[], false));
        // Six lines of settings and a separator were added after the title.
        assert_eq!(edited.lines().count(), TEXT.lines().count() + 7);
        assert_eq!(original_line(TEXT, &edited, 1), 1);
        assert_eq!(original_line(TEXT, &edited, 4), 2);
        let node = edited.lines().position(|l| l == "kind: Node").unwrap() + 1;
        assert_eq!(original_line(TEXT, &edited, node), 3);
        assert_eq!(
            original_line(TEXT, &edited, edited.lines().count()),
            TEXT.lines().count()
        );
    }

    #[test]
    fn a_flow_style_spec_is_replaced() {
        let text = "kind: Scenario\nspec: {kubernetesVersion: \"1.34\"}\n---\nkind: Node\n";
        let edited = with_settings(text, None, &settings(Some("1.35"), &[], false));
        assert!(edited.contains("spec:\n  kubernetesVersion: \"1.35\"\n---\nkind: Node\n"));
        assert!(!edited.contains("1.34"), "{edited}");
    }
}
