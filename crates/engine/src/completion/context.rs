//! Where the cursor is in a scenario being typed, read from the lines around it: the document,
//! the path of keys and list items from the document's root to the mapping the cursor is in,
//! whether a key or a value is being written, and the keys the mapping already has.
//!
//! Text being typed is seldom valid YAML (`    exa` before its colon), so this reads block
//! mappings and sequences by indentation, as a person does, and gives up (`None`) on what it
//! cannot place: flow collections, block scalars, keys that are not plain words.

/// One step of a path from a document's root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Segment {
    /// The value of a key.
    Key(String),
    /// An item of a list.
    Item,
}

/// What is being written at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Writing {
    /// A key of the mapping at `path`; `item` when it starts a list item (`- na`), where a
    /// list of plain values would take a value instead.
    Key {
        /// The line starts a list item.
        item: bool,
        /// The line already has a colon after the word (a key being renamed).
        has_colon: bool,
    },
    /// The value of the key that ends `path`, or of the list item that ends it.
    Value,
}

/// The cursor's place in the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Context {
    /// Byte offsets of the cursor's document in the text.
    pub document: std::ops::Range<usize>,
    /// Index of the document in the stream (as [`crate::load::LoadedObject::document`]).
    pub document_index: usize,
    /// From the document's root to the mapping (key) or the value being written.
    pub path: Vec<Segment>,
    /// A key or a value.
    pub writing: Writing,
    /// Byte offsets of the word the completion replaces.
    pub replace: std::ops::Range<usize>,
    /// The column where the mapping's keys start.
    pub column: usize,
    /// The keys the mapping has already, above and below the cursor.
    pub siblings: Vec<String>,
}

/// A line as block YAML reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Line<'t> {
    /// Column of the last `- ` before the content, when the line starts list items.
    dash: Option<usize>,
    /// Column where the content starts (after indentation and dashes).
    content: usize,
    /// The key, when the content is `key:` or `key: value`.
    key: Option<&'t str>,
    /// What follows the key's colon, trimmed, comments left out; the content without a key.
    value: &'t str,
}

impl<'t> Line<'t> {
    fn read(text: &'t str) -> Line<'t> {
        let mut at = text.len() - text.trim_start_matches(' ').len();
        let mut dash = None;
        loop {
            let rest = &text[at..];
            if rest == "-" || rest.starts_with("- ") {
                dash = Some(at);
                at += 1;
                at += text[at..].len() - text[at..].trim_start_matches(' ').len();
            } else {
                break;
            }
        }
        let content = &text[at..];
        let (key, value) = match split_key(content) {
            Some((key, value)) => (Some(key), value),
            None => (None, content),
        };
        let value = value.split(" #").next().unwrap_or_default().trim();
        Line {
            dash,
            content: at,
            key,
            value: if value.starts_with('#') { "" } else { value },
        }
    }

    /// Blank, or a comment.
    fn is_empty(&self) -> bool {
        self.key.is_none() && self.value.is_empty()
    }

    /// A key whose value is on the lines below (a mapping or a list).
    fn opens_block(&self) -> bool {
        self.key.is_some() && self.value.is_empty()
    }
}

/// A plain key and what follows its colon.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let end = content
        .find(": ")
        .or_else(|| content.strip_suffix(':').map(str::len))?;
    let key = &content[..end];
    is_word(key).then(|| (key, &content[(end + 1).min(content.len())..]))
}

/// A plain key as scenarios write them (`apiVersion`, `gpu.example.com/model`).
fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

/// A document separator.
fn is_separator(line: &str) -> bool {
    line == "---" || line.starts_with("--- ")
}

/// The lines of `text` with their byte offsets.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        out.push((start, ""));
    }
    out
}

/// The cursor's place, at byte `offset` of `text`; `None` where nothing is completed (inside
/// a block scalar or a flow collection, a comment, after a value).
pub(super) fn at(text: &str, offset: usize) -> Option<Context> {
    let offset = offset.min(text.len());
    let all = lines(text);
    let row = all
        .iter()
        .rposition(|(start, _)| *start <= offset)
        .unwrap_or_default();
    let (line_start, line) = all[row];
    if is_separator(line) {
        return None;
    }
    let column = text.get(line_start..offset)?.len();
    let first = all[..row]
        .iter()
        .rposition(|(_, l)| is_separator(l))
        .map_or(0, |i| i + 1);
    let last = all[row..]
        .iter()
        .position(|(_, l)| is_separator(l))
        .map_or(all.len(), |i| row + i);
    let document_index = all[..row]
        .iter()
        .enumerate()
        .filter(|(i, (_, l))| is_separator(l) && !leads(&all[..*i]))
        .count();
    let document = all[first].0..all.get(last).map_or(text.len(), |(s, _)| *s);

    let typed = &line[..column];
    if typed.trim_start().starts_with('#') || typed.contains(" #") {
        return None;
    }
    let before = Line::read(typed);
    let word_end = column
        + line[column..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(line.len() - column);
    let (path_end, writing, replace_from) = match before.key {
        None => {
            // A key being typed (or a list item's value).
            let word = before.value;
            if !(word.is_empty() || is_word(word)) || !line[..column].ends_with(word) {
                return None;
            }
            let rest = line[word_end..].trim_start();
            let writing = Writing::Key {
                item: before.dash.is_some(),
                has_colon: rest.starts_with(':'),
            };
            (None, writing, column - word.len())
        }
        Some(key) => {
            let value = &line[..column][line[..column].find(':')? + 1..];
            let typed = value.trim_start().trim_start_matches(['"', '\'']);
            if !value.starts_with(' ') || !(typed.is_empty() || is_word(typed)) {
                return None;
            }
            (
                Some(Segment::Key(key.to_owned())),
                Writing::Value,
                column - typed.len(),
            )
        }
    };

    let key_column = before.content;
    let mut path = Vec::new();
    let mut siblings = Vec::new();
    // The mapping the cursor's line is in: an item of a list (`- ` on its first line), or a
    // block under a key.
    let mut state = match before.dash {
        Some(dash) => {
            path.push(Segment::Item);
            State::Items(dash)
        }
        None => State::Mapping(key_column),
    };
    let mut in_own_mapping = true;
    for &(_, text) in all[first..row].iter().rev() {
        let l = Line::read(text);
        if l.is_empty() {
            continue;
        }
        loop {
            match state {
                State::Mapping(c) if l.content > c => break,
                State::Mapping(c) if l.content == c => {
                    if in_own_mapping {
                        siblings.extend(l.key.map(str::to_owned));
                    }
                    if let Some(d) = l.dash {
                        path.push(Segment::Item);
                        state = State::Items(d);
                        in_own_mapping = false;
                    }
                    break;
                }
                State::Items(d) if l.dash.is_some_and(|x| x >= d) || l.content > d => break,
                // The line holds the key of the block the walk is in.
                _ => {}
            }
            if !l.opens_block() {
                // A block scalar, or text this reading cannot place.
                return None;
            }
            path.push(Segment::Key(l.key?.to_owned()));
            state = State::Mapping(l.content);
            in_own_mapping = false;
            // The key's own line may start a list item too: the loop reads it again.
        }
    }
    if let State::Items(_) = state {
        // A list at the document's root is not an object.
        return None;
    }
    path.reverse();
    if matches!(writing, Writing::Key { .. }) {
        siblings.extend(siblings_below(&all[row + 1..last], key_column, before.dash));
    }
    path.extend(path_end);
    Some(Context {
        document,
        document_index,
        path,
        writing,
        replace: line_start + replace_from..line_start + word_end,
        column: key_column,
        siblings,
    })
}

/// How the walk up reads the lines above: inside a mapping whose keys start at a column, or
/// inside a list whose dashes are at a column.
#[derive(Clone, Copy, Debug)]
enum State {
    Mapping(usize),
    Items(usize),
}

/// True when only blank lines and comments come before (a leading `---` starts the first
/// document, not a second one).
fn leads(lines: &[(usize, &str)]) -> bool {
    lines.iter().all(|(_, l)| Line::read(l).is_empty())
}

/// The keys of the cursor's mapping written below it.
fn siblings_below(below: &[(usize, &str)], column: usize, dash: Option<usize>) -> Vec<String> {
    let mut keys = Vec::new();
    for &(_, text) in below {
        let l = Line::read(text);
        if l.is_empty() {
            continue;
        }
        let next_item = dash.is_some_and(|d| l.dash.is_some_and(|x| x <= d));
        if l.content < column || next_item {
            break;
        }
        if l.content == column {
            keys.extend(l.key.map(str::to_owned));
        }
    }
    keys
}

/// The value of `key` in the root mapping of `document` (its first line at column 0).
pub(super) fn root_value<'t>(
    text: &'t str,
    document: &std::ops::Range<usize>,
    key: &str,
) -> Option<&'t str> {
    lines(&text[document.clone()])
        .into_iter()
        .map(|(_, l)| Line::read(l))
        .find(|l| l.content == 0 && l.dash.is_none() && l.key == Some(key))
        .map(|l| l.value.trim_matches(['"', '\'']))
}

/// The value of `key` in the mapping under `parent`, a key of the document's root mapping.
pub(super) fn root_child_value<'t>(
    text: &'t str,
    document: &std::ops::Range<usize>,
    parent: &str,
    key: &str,
) -> Option<&'t str> {
    let mut inside = None;
    for (_, line) in lines(&text[document.clone()]) {
        let l = Line::read(line);
        if l.is_empty() {
            continue;
        }
        if l.content == 0 {
            inside = (l.key == Some(parent) && l.dash.is_none()).then_some(usize::MAX);
            continue;
        }
        match inside {
            Some(usize::MAX) => inside = Some(l.content),
            Some(c) if l.content != c => continue,
            Some(_) => {}
            None => continue,
        }
        if l.key == Some(key) && l.dash.is_none() {
            return Some(l.value.trim_matches(['"', '\'']));
        }
    }
    None
}
