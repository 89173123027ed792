//! Shared helpers for the data-driven tests over `tests/cel/*.yaml`: a plain
//! YAML tree that keeps every scalar's text as written, and a collector of
//! mismatches.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

/// A YAML node; scalars keep their text (so `1e3` stays `1e3`, not 1000.0).
pub enum Node {
    Scalar(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar text under `key`.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Node::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// The list under `key`, empty when absent.
    pub fn list(&self, key: &str) -> &[Node] {
        match self.get(key) {
            Some(Node::List(items)) => items,
            _ => &[],
        }
    }
}

/// Loads `tests/cel/<name>` from the workspace root.
pub fn load(name: &str) -> Node {
    let path = format!("{}/../../tests/cel/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let docs = MarkedYaml::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let chars: Vec<char> = text.chars().collect();
    let doc = docs
        .first()
        .unwrap_or_else(|| panic!("{path}: no document"));
    convert(doc, &chars)
}

fn convert(node: &MarkedYaml<'_>, source: &[char]) -> Node {
    match &node.data {
        YamlData::Value(Scalar::String(text)) => Node::Scalar(text.to_string()),
        YamlData::Sequence(items) => Node::List(items.iter().map(|i| convert(i, source)).collect()),
        YamlData::Mapping(entries) => Node::Map(
            entries
                .iter()
                .map(|(k, v)| match convert(k, source) {
                    Node::Scalar(key) => (key, convert(v, source)),
                    _ => panic!("non-scalar key at {:?}", k.span),
                })
                .collect(),
        ),
        // Numbers, booleans and nulls: the text as written.
        _ => {
            let (start, end) = (node.span.start.index(), node.span.end.index());
            Node::Scalar(source.get(start..end).unwrap_or_default().iter().collect())
        }
    }
}

/// A YAML float as Go's emitter writes it.
pub fn parse_float(text: &str) -> f64 {
    match text {
        ".inf" | "+.inf" => f64::INFINITY,
        "-.inf" => f64::NEG_INFINITY,
        ".nan" => f64::NAN,
        _ => text
            .parse()
            .unwrap_or_else(|e| panic!("float {text:?}: {e}")),
    }
}

/// Checks one vector, recording mismatches.
pub type Check = fn(&Node, &mut Failures);

/// Runs `check` on every vector of each named section of the YAML file
/// `file`, prints the counts, and fails on any mismatch.
pub fn run(file: &str, sections: &[(&str, Check)]) {
    let root = load(file);
    let mut failures = Failures::default();
    for &(section, check) in sections {
        let cases = root.list(section);
        let before = failures.0.len();
        for case in cases {
            check(case, &mut failures);
        }
        let mismatches = failures.0.len() - before;
        println!(
            "{file} {section}: {} vectors, {mismatches} mismatches",
            cases.len()
        );
        assert!(!cases.is_empty(), "{file}: no {section} vectors found");
    }
    failures.assert_none(file);
}

/// Collects mismatches so that one run reports all of them.
#[derive(Default)]
pub struct Failures(pub Vec<String>);

impl Failures {
    /// Records a mismatch between an expected and an actual text.
    pub fn check(&mut self, what: &str, expected: Option<&str>, actual: &str) {
        match expected {
            Some(expected) if expected == actual => {}
            _ => self
                .0
                .push(format!("{what}: expected {expected:?}, got {actual:?}")),
        }
    }

    /// Fails the test if anything was recorded.
    pub fn assert_none(&self, name: &str) {
        for failure in &self.0 {
            eprintln!("MISMATCH {failure}");
        }
        assert!(self.0.is_empty(), "{}: {} mismatches", name, self.0.len());
    }
}
