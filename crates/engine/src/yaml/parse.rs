//! Events from `saphyr-parser` ([`super::events`]) to a tree of spanned nodes.

use std::collections::HashMap;

use saphyr_parser::{Event, ScalarStyle as SaphyrStyle};

use super::events::{read_events, Positions, Read};
use super::{Document, Node, NodeKind, Scalar, ScalarStyle};
use crate::diagnostic::{Diagnostic, Span};

/// Nodes may nest this deep; deeper input is refused with an error instead of
/// risking the stack of everything that walks the tree.
pub const MAX_DEPTH: usize = 100;

/// How many nodes aliases may add to a stream in total (copies of anchored
/// nodes); more is refused as an alias bomb.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;

/// The documents of a stream that could be read, and the problems.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Non-empty documents, in order.
    pub documents: Vec<Document>,
    /// Syntax errors, duplicate keys, depth and alias problems.
    pub diagnostics: Vec<Diagnostic>,
}

/// A collection being read. Its children wait on the builder's shared
/// stacks (from `first` on) until it ends, and are then moved into a vector
/// of exactly their number: no vector of the tree grows by reallocation,
/// and none keeps spare capacity.
enum Frame {
    Sequence {
        start: Span,
        anchor: usize,
        first: usize,
    },
    Mapping {
        start: Span,
        anchor: usize,
        first: usize,
        key: Option<Node>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// The items of the sequences being read, innermost last.
    items: Vec<Node>,
    /// The entries of the mappings being read, innermost last.
    entries: Vec<(Node, Node)>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_budget: usize,
    diagnostics: Vec<Diagnostic>,
    /// Set when the current document is abandoned (too deep, alias bomb).
    skipping: bool,
    /// Nesting depth while skipping.
    skip_depth: usize,
    root: Option<Node>,
    /// Index of the document being read, counting empty documents too.
    document_index: usize,
}

/// Parses a YAML stream. Never panics; problems are diagnostics.
pub fn parse(text: &str) -> Parsed {
    let mut documents = Vec::new();
    let diagnostics = parse_stream(text, |document| documents.push(document));
    Parsed {
        documents,
        diagnostics,
    }
}

/// Parses a YAML stream and hands each non-empty document to `on_document`
/// as soon as it is read, so that a caller that is done with a document's
/// tree can drop it before the next one is built (a large cluster's trees
/// together take as much memory as the objects made from them). Returns
/// the problems, as [`parse`] does. Never panics.
pub fn parse_stream(text: &str, mut on_document: impl FnMut(Document)) -> Vec<Diagnostic> {
    let mut tree = TreeBuilder::new(text);
    read_events(text, |read| tree.take(read, &mut on_document));
    tree.finish()
}

/// Builds the documents' trees from the events [`read_events`] hands over,
/// in their order (on another thread than the reader's, if need be).
pub(crate) struct TreeBuilder<'t> {
    positions: Positions<'t>,
    b: Builder,
}

impl<'t> TreeBuilder<'t> {
    /// A builder for the events of `text`.
    pub(crate) fn new(text: &'t str) -> TreeBuilder<'t> {
        TreeBuilder {
            positions: Positions::new(text),
            b: Builder {
                stack: Vec::new(),
                items: Vec::new(),
                entries: Vec::new(),
                anchors: HashMap::new(),
                alias_budget: MAX_ALIAS_EXPANSION,
                diagnostics: Vec::new(),
                skipping: false,
                skip_depth: 0,
                root: None,
                document_index: 0,
            },
        }
    }

    /// Takes what the reader read next; a non-empty document it completes
    /// goes to `on_document`.
    pub(crate) fn take(&mut self, read: Read<'_>, on_document: &mut impl FnMut(Document)) {
        // A stream cut short (syntax error) keeps the documents completed
        // before it.
        match read {
            Read::Event(event, span) => {
                let span = self.positions.span(&span);
                self.b.event(event, span, on_document);
            }
            Read::SyntaxError(error) => {
                let problem = self.positions.syntax_error(&error);
                self.b.diagnostics.push(problem);
            }
            Read::NoProgress => self.b.diagnostics.push(self.positions.no_progress()),
        }
    }

    /// The problems of the stream.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.b.diagnostics
    }
}

impl Builder {
    /// Takes one event of the stream.
    fn event(&mut self, event: Event<'_>, span: Span, on_document: &mut impl FnMut(Document)) {
        match event {
            Event::StreamStart | Event::Nothing => {}
            Event::StreamEnd => {}
            Event::DocumentStart(_) => {
                self.clear_stacks();
                self.anchors.clear();
                self.skipping = false;
                self.skip_depth = 0;
                self.root = None;
            }
            Event::DocumentEnd => {
                if let Some(root) = self.root.take() {
                    if !self.skipping && !is_empty_document(&root) {
                        on_document(Document {
                            index: self.document_index,
                            root,
                        });
                    }
                }
                self.document_index += 1;
                self.clear_stacks();
                self.skipping = false;
            }
            Event::Alias(id) => self.alias(id, span),
            Event::Scalar(text, style, anchor, tag) => {
                if self.skipping {
                    return;
                }
                let style = match style {
                    SaphyrStyle::Plain => ScalarStyle::Plain,
                    SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    SaphyrStyle::Literal => ScalarStyle::Literal,
                    SaphyrStyle::Folded => ScalarStyle::Folded,
                };
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                let node = Node {
                    kind: NodeKind::Scalar(Scalar {
                        text: text.into_owned(),
                        style,
                        tag,
                    }),
                    span,
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) => {
                if self.enter(span) {
                    self.stack.push(Frame::Sequence {
                        start: span,
                        anchor,
                        first: self.items.len(),
                    });
                }
            }
            Event::MappingStart(anchor, _) => {
                if self.enter(span) {
                    self.stack.push(Frame::Mapping {
                        start: span,
                        anchor,
                        first: self.entries.len(),
                        key: None,
                    });
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if self.skipping {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                    return;
                }
                match self.stack.pop() {
                    Some(Frame::Sequence {
                        start,
                        anchor,
                        first,
                    }) => {
                        let items = self.items.split_off(first);
                        let end = items.last().map_or(span, |n| n.span).cover(start);
                        let node = Node {
                            kind: NodeKind::Sequence(items),
                            span: Span {
                                start: start.start,
                                end: end.end,
                            },
                        };
                        self.finish(node, anchor);
                    }
                    Some(Frame::Mapping {
                        start,
                        anchor,
                        first,
                        key,
                    }) => {
                        let mut entries = self.entries.split_off(first);
                        if let Some(k) = key {
                            // A key without a value event cannot happen with a
                            // well-formed event stream; keep it with a null value.
                            let v = Node::scalar("", ScalarStyle::Plain, Span::point(k.span.end));
                            entries.push((k, v));
                        }
                        let entries = self.merge_keys(entries);
                        let end = entries.last().map_or(span, |(_, v)| v.span).cover(start);
                        let node = Node {
                            kind: NodeKind::Mapping(entries),
                            span: Span {
                                start: start.start,
                                end: end.end,
                            },
                        };
                        self.finish(node, anchor);
                    }
                    None => {}
                }
            }
        }
    }
}

fn is_empty_document(root: &Node) -> bool {
    root.is_null()
}

impl Builder {
    /// Forgets the collections being read (a document ends or is abandoned).
    fn clear_stacks(&mut self) {
        self.stack.clear();
        self.items.clear();
        self.entries.clear();
    }

    /// Starts a collection; false when it is too deep (the document is then skipped).
    fn enter(&mut self, span: Span) -> bool {
        if self.skipping {
            self.skip_depth += 1;
            return false;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.diagnostics.push(Diagnostic::error(
                Span::point(span.start),
                format!("YAML nesting is deeper than {MAX_DEPTH} levels; the document is ignored"),
            ));
            self.skipping = true;
            self.skip_depth = 1;
            self.clear_stacks();
            return false;
        }
        true
    }

    fn alias(&mut self, id: usize, span: Span) {
        if self.skipping {
            return;
        }
        let Some((node, size)) = self.anchors.get(&id) else {
            self.diagnostics.push(Diagnostic::error(
                span,
                "YAML alias refers to an unknown anchor",
            ));
            let node = Node::scalar("", ScalarStyle::Plain, span);
            self.finish(node, 0);
            return;
        };
        if *size > self.alias_budget {
            self.diagnostics.push(Diagnostic::error(
                span,
                format!(
                    "YAML aliases expand to more than {MAX_ALIAS_EXPANSION} nodes; the document is ignored"
                ),
            ));
            self.skipping = true;
            self.skip_depth = 0;
            self.clear_stacks();
            return;
        }
        self.alias_budget -= *size;
        let mut node = node.clone();
        node.span = span;
        self.finish(node, 0);
    }

    /// Places a completed node into its parent (or as the document root).
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let size = count_nodes(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Sequence { .. }) => self.items.push(node),
            Some(Frame::Mapping { first, key, .. }) => match key.take() {
                None => {
                    if !matches!(node.kind, NodeKind::Scalar(_)) {
                        self.diagnostics.push(Diagnostic::error(
                            node.span,
                            "mapping keys must be scalars (strings)",
                        ));
                        // Keep a placeholder key so that the value is consumed; it is dropped below.
                        *key = Some(Node {
                            kind: NodeKind::Sequence(Vec::new()),
                            span: node.span,
                        });
                    } else {
                        *key = Some(node);
                    }
                }
                Some(k) => {
                    let Some(key_text) = k.as_str() else {
                        return; // non-scalar key: already reported
                    };
                    if let Some((first, _)) = self.entries[*first..]
                        .iter()
                        .find(|(e, _)| e.as_str() == Some(key_text) && !is_merge_key(e))
                    {
                        if !is_merge_key(&k) {
                            self.diagnostics.push(Diagnostic::error(
                                k.span,
                                format!(
                                    "mapping key {:?} already defined at line {}",
                                    key_text, first.span.start.line
                                ),
                            ));
                            return;
                        }
                    }
                    self.entries.push((k, node));
                }
            },
        }
    }

    /// Applies YAML merge keys (`<<: *base`): entries of the merged mappings
    /// that the mapping does not define itself are added.
    fn merge_keys(&mut self, entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
        if !entries.iter().any(|(k, _)| is_merge_key(k)) {
            return entries;
        }
        let mut own = Vec::new();
        let mut merged: Vec<(Node, Node)> = Vec::new();
        for (k, v) in entries {
            if !is_merge_key(&k) {
                own.push((k, v));
                continue;
            }
            let sources: Vec<Node> = match v.kind {
                NodeKind::Mapping(_) => vec![v],
                NodeKind::Sequence(items) => items,
                _ => {
                    self.diagnostics.push(Diagnostic::error(
                        v.span,
                        "a merge key (<<) needs a mapping or a sequence of mappings",
                    ));
                    continue;
                }
            };
            for source in sources {
                let NodeKind::Mapping(source_entries) = source.kind else {
                    self.diagnostics.push(Diagnostic::error(
                        source.span,
                        "a merge key (<<) needs a mapping or a sequence of mappings",
                    ));
                    continue;
                };
                for (sk, sv) in source_entries {
                    if !merged.iter().any(|(mk, _)| mk.as_str() == sk.as_str()) {
                        merged.push((sk, sv));
                    }
                }
            }
        }
        for (k, v) in merged {
            if !own.iter().any(|(ok, _)| ok.as_str() == k.as_str()) {
                own.push((k, v));
            }
        }
        own
    }
}

fn is_merge_key(node: &Node) -> bool {
    node.as_scalar()
        .is_some_and(|s| s.style == ScalarStyle::Plain && s.text == "<<")
}

fn count_nodes(node: &Node) -> usize {
    // Iterative, so that it cannot overflow the stack (depth is limited anyway).
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Sequence(items) => stack.extend(items.iter()),
            NodeKind::Mapping(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Parsed {
        parse(text)
    }

    #[test]
    fn spans_are_one_based() {
        let parsed = p("a: b\nc:\n  - d\n");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let root = &parsed.documents[0].root;
        let (k, v) = root.get_entry("c").unwrap();
        assert_eq!((k.span.start.line, k.span.start.column), (2, 1));
        let d = &v.as_sequence().unwrap()[0];
        assert_eq!(
            (d.span.start.line, d.span.start.column, d.span.start.offset),
            (3, 5, 12)
        );
    }

    /// Line and column of a byte offset, counting lines by `\n` only.
    fn line_column(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[start..].chars().count() + 1,
        )
    }

    /// Found by fuzzing (load, run): a lone carriage return made saphyr's line
    /// numbers disagree with the byte offset (and with every other position
    /// of the engine).
    #[test]
    fn positions_count_lines_by_newline_only() {
        for text in [
            "a: b\r-c\nd: e\nf: [\n",
            "a: b\r\nd: é\r\nf: [\r\n",
            "a: \"é\r\"\rd: e\n  f\n",
            "é: b\rc: d\ne: f\ne: g\n",
        ] {
            let parsed = p(text);
            assert!(!parsed.diagnostics.is_empty(), "{text:?}");
            for d in &parsed.diagnostics {
                let at = d.span.start;
                assert_eq!(
                    (at.line, at.column),
                    line_column(text, at.offset),
                    "{text:?}: {d}"
                );
            }
            for doc in &parsed.documents {
                for (k, v) in doc.root.as_mapping().unwrap_or_default() {
                    for at in [k.span.start, k.span.end, v.span.start, v.span.end] {
                        assert_eq!(
                            (at.line, at.column),
                            line_column(text, at.offset),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        let parsed = p("a: b\rc: d\n");
        let (k, _) = &parsed.documents[0].root.as_mapping().unwrap()[0];
        assert_eq!((k.span.start.line, k.span.start.column), (1, 1));
    }

    #[test]
    fn duplicate_key_is_an_error_at_the_second_key() {
        let parsed = p("a: 1\nb: 2\na: 3\n");
        assert_eq!(parsed.diagnostics.len(), 1);
        let d = &parsed.diagnostics[0];
        assert_eq!((d.span.start.line, d.span.start.column), (3, 1));
        assert_eq!(d.message, "mapping key \"a\" already defined at line 1");
        assert_eq!(
            parsed.documents[0].root.get("a").unwrap().as_str(),
            Some("1")
        );
    }

    #[test]
    fn empty_documents_are_skipped() {
        let parsed = p("---\n---\na: 1\n---\n# only a comment\n---\nb: 2\n");
        assert!(parsed.diagnostics.is_empty());
        let indexes: Vec<usize> = parsed.documents.iter().map(|d| d.index).collect();
        assert_eq!(indexes, vec![1, 3]);
    }

    #[test]
    fn syntax_error_keeps_earlier_documents() {
        let parsed = p("a: 1\n---\nb: [1, 2\n");
        assert_eq!(parsed.documents.len(), 1);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert!(parsed.diagnostics[0]
            .message
            .starts_with("YAML syntax error"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(150), "]".repeat(150));
        let parsed = p(&text);
        assert!(parsed.documents.is_empty());
        assert_eq!(parsed.diagnostics.len(), 1);
        assert!(parsed.diagnostics[0]
            .message
            .contains("nesting is deeper than 100"));
        assert_eq!(parsed.diagnostics[0].span.start.column, 101);
        // Deeper still, saphyr's own recursion limit answers first.
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let parsed = p(&text);
        assert!(parsed.documents.is_empty());
        assert!(!parsed.diagnostics.is_empty());
        let ok = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert!(p(&ok).diagnostics.is_empty());
    }

    #[test]
    fn aliases_are_expanded_and_bombs_refused() {
        let parsed = p("a: &x {k: v}\nb: *x\n");
        assert!(parsed.diagnostics.is_empty());
        assert_eq!(
            parsed.documents[0]
                .root
                .get("b")
                .unwrap()
                .get("k")
                .unwrap()
                .as_str(),
            Some("v")
        );
        let mut bomb = String::from("a: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let parsed = p(&bomb);
        assert!(parsed.documents.is_empty());
        assert!(parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("aliases expand")));
    }

    #[test]
    fn merge_keys() {
        let parsed = p("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let m = parsed.documents[0].root.get("m").unwrap();
        assert_eq!(m.get("x").unwrap().as_str(), Some("1"));
        assert_eq!(m.get("y").unwrap().as_str(), Some("3"));
        assert_eq!(m.as_mapping().unwrap().len(), 2);
    }

    #[test]
    fn non_ascii_offsets_are_bytes() {
        let parsed = p("a: \"ü\"\nb: c\n");
        let (k, _) = parsed.documents[0].root.get_entry("b").unwrap();
        assert_eq!(k.span.start.offset, "a: \"ü\"\n".len());
        assert_eq!((k.span.start.line, k.span.start.column), (2, 1));
    }
}
