//! What is hovered or selected (a device, a claim, one request of a claim, a pod, a node, a
//! change on the timeline) and what
//! belongs to it, on both sides: the drawn results and the scenario text.

use std::collections::HashSet;

use dra_engine::diagnostic::Span;
use dra_engine::playground::Analysis;

use crate::scenario::text;

/// The thing in focus.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// A device, `DRIVER/POOL/DEVICE`.
    Device(String),
    /// A claim, `NAMESPACE/NAME`.
    Claim(String),
    /// One request of a claim (claim key, request name).
    Request(String, String),
    /// A pod, `NAMESPACE/NAME`.
    Pod(String),
    /// A node, by name.
    Node(String),
    /// One change at a moment of the timeline (the moment's position, the change's position
    /// among the moment's events), explained from the timeline the run carries.
    Event(usize, usize),
}

impl Selection {
    /// Whether the map and the lists draw it (a change on the timeline is drawn there only):
    /// what they do not draw dims nothing.
    pub fn is_drawn(&self) -> bool {
        !matches!(self, Selection::Event(..))
    }
}

/// What belongs to a selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Related {
    /// Devices.
    pub devices: HashSet<String>,
    /// Claims.
    pub claims: HashSet<String>,
    /// Pods.
    pub pods: HashSet<String>,
    /// Where they are written, most specific first.
    pub spans: Vec<Span>,
}

impl Related {
    fn add_span(&mut self, span: Option<Span>) {
        if let Some(s) = span {
            if s.end.offset > s.start.offset && !self.spans.contains(&s) {
                self.spans.push(s);
            }
        }
    }
}

/// The request a result's request names: `gpu` of the subrequest `gpu/small`.
pub fn main_request(request: &str) -> &str {
    request.split('/').next().unwrap_or(request)
}

fn request_matches(result_request: &str, request: &str) -> bool {
    result_request == request
        || result_request
            .split_once('/')
            .is_some_and(|(main, _)| main == request)
}

/// What belongs to the selection in this analysis.
pub fn related(a: &Analysis, selection: &Selection) -> Related {
    let mut r = Related::default();
    match selection {
        Selection::Device(key) => {
            r.devices.insert(key.clone());
            if let Some(d) = a.device(key) {
                r.add_span(Some(d.span));
                for u in &d.allocations {
                    r.claims.insert(u.claim.clone());
                    if let Some(c) = a.claim(&u.claim) {
                        let main = main_request(&u.request);
                        for req in c.requests.iter().filter(|q| q.name == main) {
                            r.add_span(Some(req.span));
                        }
                        r.pods.extend(c.pods.iter().cloned());
                    }
                }
            }
        }
        Selection::Claim(key) => {
            r.claims.insert(key.clone());
            if let Some(c) = a.claim(key) {
                r.add_span(c.span);
                r.pods.extend(c.pods.iter().cloned());
                for res in &c.results {
                    r.devices.insert(res.device.clone());
                    r.add_span(a.device(&res.device).map(|d| d.span));
                }
            }
        }
        Selection::Request(key, request) => {
            r.claims.insert(key.clone());
            if let Some(c) = a.claim(key) {
                for req in c.requests.iter().filter(|q| &q.name == request) {
                    r.add_span(Some(req.span));
                }
                r.pods.extend(c.pods.iter().cloned());
                for res in c
                    .results
                    .iter()
                    .filter(|x| request_matches(&x.request, request))
                {
                    r.devices.insert(res.device.clone());
                    r.add_span(a.device(&res.device).map(|d| d.span));
                }
            }
        }
        Selection::Node(name) => {
            if let Some(n) = a.nodes.iter().find(|n| n.name == *name) {
                r.add_span(n.span);
                r.pods.extend(n.pods.iter().cloned());
                for d in n.pools.iter().flat_map(|p| &p.devices) {
                    r.devices.insert(d.key.clone());
                }
            }
        }
        // A change is drawn on the timeline, not in the text.
        Selection::Event(..) => {}
        Selection::Pod(key) => {
            r.pods.insert(key.clone());
            if let Some(p) = a.pod(key) {
                r.add_span(p.span);
                for claim in &p.claims {
                    r.claims.insert(claim.clone());
                    if let Some(c) = a.claim(claim) {
                        if p.implicit {
                            r.add_span(c.span);
                        }
                        for res in &c.results {
                            r.devices.insert(res.device.clone());
                            r.add_span(a.device(&res.device).map(|d| d.span));
                        }
                    }
                }
            }
        }
    }
    r
}

fn contains(span: &Span, byte: usize) -> bool {
    span.start.offset <= byte && byte < span.end.offset.max(span.start.offset + 1)
}

/// The most specific thing written at a byte offset of the scenario: a device, a request, a
/// claim or a pod.
pub fn at_offset(a: &Analysis, byte: usize) -> Option<Selection> {
    for node in &a.nodes {
        for pool in &node.pools {
            for d in &pool.devices {
                if contains(&d.span, byte) {
                    return Some(Selection::Device(d.key.clone()));
                }
            }
        }
    }
    for c in &a.claims {
        for req in &c.requests {
            if contains(&req.span, byte) && c.template.is_none() {
                return Some(Selection::Request(c.key.clone(), req.name.clone()));
            }
        }
    }
    for c in &a.claims {
        if c.template.is_none() && c.span.as_ref().is_some_and(|s| contains(s, byte)) {
            return Some(Selection::Claim(c.key.clone()));
        }
    }
    for p in &a.pods {
        if p.span.as_ref().is_some_and(|s| contains(s, byte)) {
            return Some(Selection::Pod(p.key.clone()));
        }
    }
    // A template: the first claim made from it.
    for c in &a.claims {
        if c.span.as_ref().is_some_and(|s| contains(s, byte)) {
            return Some(Selection::Claim(c.key.clone()));
        }
    }
    None
}

/// Where the related items are written, as the editor's highlights (JSON `[[from, to], ...]` in
/// UTF-16 offsets for `setHighlights`).
pub fn highlights_json(text: &str, related: &Related) -> String {
    let ranges: Vec<[u32; 2]> = related
        .spans
        .iter()
        .map(|s| {
            let (a, b) = text::range_of(text, s);
            [a, b]
        })
        .collect();
    serde_json::to_string(&ranges).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dra_engine::playground::analyze;
    use dra_engine::RunOptions;

    const TEXT: &str = include_str!("../../examples/shared-claim-vs-template.yaml");

    #[test]
    fn a_shared_claim_relates_its_device_and_both_pods() {
        let a = analyze(TEXT, &RunOptions::default());
        let r = related(&a, &Selection::Claim("default/shared-gpu".into()));
        assert!(r.devices.contains("gpu.example.com/node-1/gpu-0"));
        assert!(r.pods.contains("default/reader-a") && r.pods.contains("default/reader-b"));
        assert_eq!(r.spans.len(), 2);
    }

    #[test]
    fn a_node_relates_its_devices_and_its_pods() {
        let a = analyze(TEXT, &RunOptions::default());
        let r = related(&a, &Selection::Node("node-1".into()));
        assert!(r.devices.contains("gpu.example.com/node-1/gpu-0"));
        assert!(r.pods.contains("default/reader-a"));
        assert!(r.claims.is_empty());
    }

    #[test]
    fn the_cursor_on_a_device_selects_it() {
        let a = analyze(TEXT, &RunOptions::default());
        let at = TEXT.find("name: gpu-2").unwrap();
        assert_eq!(
            at_offset(&a, at),
            Some(Selection::Device("gpu.example.com/node-1/gpu-2".into()))
        );
        let pod = TEXT.find("name: trainer-c").unwrap();
        assert_eq!(
            at_offset(&a, pod),
            Some(Selection::Pod("default/trainer-c".into()))
        );
    }
}
