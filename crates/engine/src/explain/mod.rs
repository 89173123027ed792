//! Why a run ended as it did: for each pod, every node and why it was chosen
//! or not; for each claim and request on a node, the funnel of devices (how
//! many each reason removed, with the values that decided); for each device,
//! what it got or why requests that could have wanted it did not get it;
//! hints about likely mistakes; a selector-by-device matrix; and, when asked,
//! a trace of the search.
//!
//! ```
//! use dra_engine::explain::{explain, ExplainOptions};
//!
//! let scenario = r#"
//! apiVersion: resource.k8s.io/v1
//! kind: DeviceClass
//! metadata: {name: gpu}
//! spec:
//!   selectors:
//!   - cel: {expression: 'device.driver == "gpu.example.com"'}
//! ---
//! apiVersion: resource.k8s.io/v1
//! kind: ResourceSlice
//! metadata: {name: s}
//! spec:
//!   driver: gpu.example.com
//!   nodeName: node-1
//!   pool: {name: node-1, resourceSliceCount: 1}
//!   devices:
//!   - name: gpu-0
//!     capacity: {memory: {value: 24Gi}}
//! ---
//! apiVersion: resource.k8s.io/v1
//! kind: ResourceClaim
//! metadata: {name: big}
//! spec:
//!   devices:
//!     requests:
//!     - name: gpu
//!       exactly:
//!         deviceClassName: gpu
//!         selectors:
//!         - cel: {expression: 'device.capacity["gpu.example.com"].memory.compareTo(quantity("40Gi")) >= 0'}
//! "#;
//! let explanation = explain(scenario, &ExplainOptions::default()).unwrap();
//! let pod = &explanation.pods[0];
//! assert!(pod.node.is_none());
//! assert!(pod.summary.contains("1 rejected by selector"), "{}", pod.summary);
//! let step = &pod.nodes[0].claims[0].requests[0].removed[0];
//! assert_eq!(
//!     step.detail.as_deref(),
//!     Some("gpu.example.com/memory = 24Gi, selector needs >= 40Gi")
//! );
//! ```
//!
//! Explaining runs the simulated scheduler once more, with an observer: the
//! outcome is the same as [`crate::run_scenario`]'s (both go through
//! [`crate::pipeline`]). A normal run computes
//! none of this (the allocator's recording is compiled out).

mod cycle_text;
mod devices;
mod field_ref;
mod hints;
mod matrix;
mod model;
mod pod_count;
mod selectors;
mod sources;
#[cfg(test)]
mod tests;
mod text;
mod unhashable;
mod variant_hint;
mod words;

use std::collections::HashMap;

pub use cycle_text::plugin_label;
pub use model::*;
pub use text::{render, verdict_label, RenderOptions};
pub use words::{name_list, NAMES_SHOWN};

use crate::allocator::report::{NodeFunnel, Reason, RequestFunnel};
use crate::allocator::{selector_options, SearchRecord};
use crate::api::{device_id, Object, ResourceSlice};
use crate::cel::CompileOptions;
use crate::diagnostic::Diagnostic;
use crate::features::Features;
use crate::load::LoadedScenario;
use crate::pipeline::{self, RunOptions};
use crate::scheduler::report::{NodeOutcome, NodeReport, PodReport, RunObserver};
use crate::scheduler::{Placement, SchedulerOptions};

use devices::DeviceBook;
use selectors::Insights;
use words::{node_words, pod_summary, unschedulable_summary};

/// What to explain and how much.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainOptions {
    /// Hand decoded objects to the allocator without validation.
    pub skip_validation: bool,
    /// The search budget (and clock), as for a normal run.
    pub scheduler: SchedulerOptions,
    /// Record the search: tentative picks, rejections, backtracks.
    pub trace: bool,
    /// Search events kept per node tried (the rest are counted).
    pub trace_limit: usize,
    /// Evaluate every selector on every device.
    pub matrix: bool,
    /// Nodes per pod (besides the chosen one) whose funnels are kept; the
    /// others keep their one-phrase summary.
    pub max_node_details: usize,
    /// Devices named per funnel step.
    pub max_examples: usize,
    /// Only these pods (`name` or `namespace/name`) get funnels and search
    /// records (and contribute to the device view); empty: every pod. The
    /// others still run, with their node and claims but without the nodes
    /// tried (on a large cluster those cost far more than the run).
    pub pods: Vec<String>,
}

impl Default for ExplainOptions {
    fn default() -> Self {
        ExplainOptions {
            skip_validation: false,
            scheduler: SchedulerOptions::default(),
            trace: false,
            trace_limit: 2000,
            matrix: false,
            max_node_details: 5,
            max_examples: 8,
            pods: Vec::new(),
        }
    }
}

/// Loads a scenario and explains its run; invalid input gives its errors.
pub fn explain(text: &str, options: &ExplainOptions) -> Result<Explanation, Vec<Diagnostic>> {
    let run = RunOptions {
        skip_validation: options.skip_validation,
    };
    let loaded = pipeline::refuse(pipeline::load(text, &run))?;
    Ok(explain_loaded(&loaded, text, options))
}

/// Explains the run of a loaded scenario (`text` is what it was loaded
/// from, for positions). The scenario should have no errors.
pub fn explain_loaded(
    loaded: &LoadedScenario,
    text: &str,
    options: &ExplainOptions,
) -> Explanation {
    let slices = slices_of(loaded);
    let scenario_budget = loaded.objects.iter().find_map(|o| match &o.object {
        Object::Scenario(s) => Some(s.spec.search_budget),
        _ => None,
    });
    let budget = options.scheduler.budget(scenario_budget.flatten().as_ref());
    let features = loaded.features;
    let mut explainer = Explainer {
        options,
        features,
        cel: selector_options(features),
        slices: &slices,
        insights: Insights::default(),
        book: DeviceBook::new(&slices, loaded),
        pods: Vec::new(),
        loaded,
        text,
    };
    pipeline::run(loaded, &options.scheduler, Some(&mut explainer));
    let Explainer {
        pods,
        book,
        mut insights,
        ..
    } = explainer;
    let devices = book.finish(&slices, &mut insights, selector_options(features));
    Explanation {
        pods,
        devices,
        hints: all_hints(loaded, text, &slices),
        matrix: options
            .matrix
            .then(|| matrix::build(loaded, &slices, selector_options(features))),
        budget: BudgetInfo {
            max_steps: budget.max_steps,
            max_millis: budget.max_millis,
        },
    }
}

/// Every selector of the scenario on every device (the matrix alone).
pub fn selector_matrix(loaded: &LoadedScenario) -> SelectorMatrix {
    matrix::build(
        loaded,
        &slices_of(loaded),
        selector_options(loaded.features),
    )
}

/// The hints alone (likely mistakes, positioned in `text`, the text the
/// scenario was loaded from), without running the scheduler: what an editor
/// shows next to the lines they concern after every edit.
pub fn hints(loaded: &LoadedScenario, text: &str) -> Vec<Hint> {
    all_hints(loaded, text, &slices_of(loaded))
}

/// The likely mistakes about devices, selectors and nodes, in the order
/// they are written.
fn all_hints(loaded: &LoadedScenario, text: &str, slices: &[&ResourceSlice]) -> Vec<Hint> {
    let mut all = hints::find(loaded, text, slices, selector_options(loaded.features));
    all.extend(pod_count::find(loaded));
    all.sort_by_key(|h| h.position.map(|p| (p.line, p.column)));
    all
}

/// The ResourceSlices of a loaded scenario, in document order.
fn slices_of(loaded: &LoadedScenario) -> Vec<&ResourceSlice> {
    loaded
        .objects
        .iter()
        .filter_map(|o| match &o.object {
            Object::ResourceSlice(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// `driver/pool/device` of a device of the scenario.
pub(crate) fn device_key(slices: &[&ResourceSlice], slice: u32, device: u32) -> String {
    match slices.get(slice as usize) {
        Some(s) => device_id(
            &s.spec.driver,
            &s.spec.pool.name,
            s.spec
                .devices
                .get(device as usize)
                .map_or("?", |d| d.name.as_str()),
        ),
        None => "?".into(),
    }
}

/// Builds the explanation pod by pod, as the scheduler reports them.
struct Explainer<'e> {
    options: &'e ExplainOptions,
    features: Features,
    cel: CompileOptions,
    slices: &'e [&'e ResourceSlice],
    insights: Insights,
    book: DeviceBook,
    pods: Vec<PodExplanation>,
    loaded: &'e LoadedScenario,
    text: &'e str,
}

impl RunObserver for Explainer<'_> {
    fn trace_limit(&self) -> Option<usize> {
        self.options.trace.then_some(self.options.trace_limit)
    }

    fn wants(&self, pod: &crate::api::Pod) -> bool {
        if self.options.pods.is_empty() {
            return true;
        }
        let name = &pod.metadata.name;
        let full = pod.metadata.namespaced_name();
        self.options.pods.iter().any(|p| *p == full || p == name)
    }

    fn pod(&mut self, report: PodReport<'_>) {
        let pod = report.pod.metadata.namespaced_name();
        let scheduled = match report.placement {
            Placement::Node(node) => Some(node.clone()),
            Placement::Unschedulable(_) => None,
        };
        let claims: Vec<ClaimState> = report
            .claims
            .iter()
            .map(|c| ClaimState {
                claim: c.name.clone(),
                template: c.template.clone(),
                state: if c.allocated_before {
                    "allocatedBefore"
                } else if c.allocation.is_some() {
                    "allocated"
                } else {
                    "notAllocated"
                }
                .into(),
                devices: c
                    .allocation
                    .iter()
                    .flat_map(|a| &a.devices.results)
                    .map(|r| format!("{}: {}/{}/{}", r.request, r.driver, r.pool, r.device))
                    .collect(),
            })
            .collect();
        // Devices picked for each claim and request (on the chosen node).
        let mut picked: HashMap<(String, String), Vec<String>> = HashMap::new();
        for claim in &report.claims {
            for result in claim.allocation.iter().flat_map(|a| &a.devices.results) {
                picked
                    .entry((claim.name.clone(), result.request.clone()))
                    .or_default()
                    .push(device_id(&result.driver, &result.pool, &result.device));
            }
        }
        let templates: HashMap<String, String> = report
            .claims
            .iter()
            .filter_map(|c| Some((c.name.clone(), c.template.clone()?)))
            .collect();

        let mut kept = 0;
        let mut nodes = Vec::with_capacity(report.nodes.len());
        let not_tried = report.not_tried;
        for node in report.nodes {
            let NodeReport {
                node: name,
                outcome,
                funnel,
                search,
            } = node;
            let chosen = outcome == NodeOutcome::Chosen;
            if let Some(funnel) = &funnel {
                self.book.record(
                    &pod,
                    &name,
                    &outcome,
                    funnel,
                    &picked,
                    self.slices,
                    &mut self.insights,
                    self.cel,
                );
            }
            let keep = funnel.is_some() && (chosen || kept < self.options.max_node_details);
            if keep && !chosen {
                kept += 1;
            }
            let (verdict, summary) = node_words(&outcome, &name, &picked, report.cycle.as_ref());
            let mut explained = NodeExplanation {
                node: name.clone(),
                verdict: verdict.into(),
                summary,
                claims: Vec::new(),
                findings: Vec::new(),
                details_omitted: funnel.is_some() && !keep,
                search: None,
            };
            if let (Some(funnel), true) = (&funnel, keep) {
                self.explain_funnel(
                    &mut explained,
                    funnel,
                    search.as_ref(),
                    &picked,
                    &templates,
                    chosen,
                );
            }
            if keep && self.options.trace {
                explained.search = search;
            }
            nodes.push(explained);
        }
        let (summary, message) = match report.placement {
            Placement::Node(node) if report.running => (
                format!("bound to {node} before the run: not scheduled, it holds its claims there"),
                None,
            ),
            Placement::Node(node) => (pod_summary(node, &nodes, &claims), None),
            Placement::Unschedulable(message) => (
                unschedulable_summary(message, &nodes, nodes.len() + not_tried),
                Some(message.clone()),
            ),
        };
        let scheduling = report.cycle;
        self.book.commit(&pod, &report.claims);
        self.pods.push(PodExplanation {
            pod,
            implicit: report.implicit,
            node: scheduled,
            running: report.running,
            summary,
            message,
            claims,
            nodes,
            not_tried,
            steps: report.steps,
            elapsed_millis: report.elapsed_millis,
            scheduling,
        });
    }
}

impl Explainer<'_> {
    /// The claims and requests of a node's funnel, in words and numbers.
    fn explain_funnel(
        &mut self,
        node: &mut NodeExplanation,
        funnel: &NodeFunnel,
        search: Option<&SearchRecord>,
        picked: &HashMap<(String, String), Vec<String>>,
        templates: &HashMap<String, String>,
        chosen: bool,
    ) {
        for finding in &funnel.findings {
            node.findings.push(FindingExplanation {
                text: finding.describe(),
                finding: finding.clone(),
            });
        }
        for claim in &funnel.claims {
            let mut requests = Vec::new();
            for alternatives in &claim.requests {
                for request in alternatives {
                    let picked_here = if chosen {
                        picked
                            .get(&(claim.claim.clone(), request.request.clone()))
                            .cloned()
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    requests.push(self.explain_request(
                        &claim.claim,
                        request,
                        search,
                        picked_here,
                        templates.get(&claim.claim),
                    ));
                }
            }
            node.claims.push(ClaimExplanation {
                claim: claim.claim.clone(),
                requests,
                findings: claim
                    .findings
                    .iter()
                    .map(|f| FindingExplanation {
                        text: f.describe(),
                        finding: f.clone(),
                    })
                    .collect(),
            });
        }
    }

    fn explain_request(
        &mut self,
        claim: &str,
        request: &RequestFunnel,
        search: Option<&SearchRecord>,
        picked: Vec<String>,
        template: Option<&String>,
    ) -> RequestExplanation {
        let max = self.options.max_examples;
        let mut removed = Vec::new();
        for (reason, devices) in request.steps() {
            let first = devices[0];
            let detail = self.detail(reason, request, first);
            let position = match reason {
                Reason::SelectorError {
                    class,
                    index,
                    message,
                } => self.error_position(claim, template, request, *class, *index, message, first),
                _ => None,
            };
            removed.push(FunnelStep {
                text: reason.describe(&request.class, &request.class_selectors, &request.selectors),
                reason: reason.clone(),
                count: devices.len(),
                devices: devices
                    .iter()
                    .take(max)
                    .map(|at| device_key(self.slices, at.slice, at.device))
                    .collect(),
                detail,
                position,
            });
        }
        let candidates: Vec<String> = request
            .devices
            .iter()
            .filter(|d| d.reason.is_none())
            .map(|d| device_key(self.slices, d.at.slice, d.at.device))
            .collect();
        let search_steps: Vec<FunnelStep> = search
            .map(|record| {
                record
                    .rejections
                    .iter()
                    .filter(|r| r.claim == claim && r.request == request.request)
                    // What the funnel already shows (taints, devices in use
                    // before, counters and capacity alone) is left out.
                    .filter(|r| depends_on_other_picks(&r.reason))
                    .map(|r| FunnelStep {
                        text: format!(
                            "{} ({} time{})",
                            r.reason.describe(
                                &request.class,
                                &request.class_selectors,
                                &request.selectors
                            ),
                            r.times,
                            if r.times == 1 { "" } else { "s" }
                        ),
                        reason: r.reason.clone(),
                        count: r.devices.len(),
                        devices: r.devices.iter().take(max).cloned().collect(),
                        detail: None,
                        position: None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let verdict = if !picked.is_empty() {
            format!(
                "picked {} ({} of {} candidate{})",
                picked.join(", "),
                picked.len(),
                candidates.len(),
                if candidates.len() == 1 { "" } else { "s" }
            )
        } else if request.enough() {
            format!(
                "enough on its own: {} candidate{}, {} needed",
                candidates.len(),
                if candidates.len() == 1 { "" } else { "s" },
                if request.all {
                    "all".to_owned()
                } else {
                    request.needed.to_string()
                }
            )
        } else if request.all {
            format!(
                "mode All cannot have every matching device ({} usable)",
                candidates.len()
            )
        } else {
            format!(
                "not enough: {} candidate{}, {} needed",
                candidates.len(),
                if candidates.len() == 1 { "" } else { "s" },
                request.needed
            )
        };
        RequestExplanation {
            request: request.request.clone(),
            parent: request.parent.clone(),
            class: request.class.clone(),
            mode: if request.all { "All" } else { "ExactCount" }.into(),
            needed: request.needed,
            reachable: request.devices.len(),
            unreachable: request.unreachable,
            removed,
            candidates: candidates.len(),
            candidate_devices: candidates.into_iter().take(max).collect(),
            search: search_steps,
            picked,
            verdict,
        }
    }

    /// The values that decided for one device: for a false selector, the
    /// compared values; for a device in use, who holds it.
    fn detail(
        &mut self,
        reason: &Reason,
        request: &RequestFunnel,
        at: crate::allocator::report::DeviceAt,
    ) -> Option<String> {
        match reason {
            Reason::ClassSelector { index } | Reason::RequestSelector { index } => {
                let list = if matches!(reason, Reason::ClassSelector { .. }) {
                    &request.class_selectors
                } else {
                    &request.selectors
                };
                let expression = list.get(*index)?;
                devices::why_false(self.slices, &mut self.insights, self.cel, expression, at)
            }
            Reason::InUse => self.book.holder_text(self.slices, at),
            _ => None,
        }
    }

    /// Where a selector's runtime error happens, in the scenario text.
    #[allow(clippy::too_many_arguments)]
    fn error_position(
        &mut self,
        claim: &str,
        template: Option<&String>,
        request: &RequestFunnel,
        class: bool,
        index: usize,
        message: &str,
        at: crate::allocator::report::DeviceAt,
    ) -> Option<SourcePos> {
        let expression = if class {
            request.class_selectors.get(index)?
        } else {
            request.selectors.get(index)?
        };
        let sites = sources::selector_sites(self.loaded);
        let site = sites.iter().find(|site| {
            site.index == index
                && site.expression == expression.as_str()
                && match (&site.owner, class) {
                    (sources::Owner::Class(name), true) => *name == request.class,
                    (sources::Owner::Claim(name), false) => {
                        name == claim
                            && site
                                .request
                                .as_ref()
                                .is_some_and(|(r, _)| *r == request.request)
                    }
                    (sources::Owner::Template(name), false) => {
                        template.is_some_and(|t| t == name || name.ends_with(&format!("/{t}")))
                            && site
                                .request
                                .as_ref()
                                .is_some_and(|(r, _)| *r == request.request)
                    }
                    _ => false,
                }
        })?;
        let slice = self.slices.get(at.slice as usize)?;
        let device = slice.spec.devices.get(at.device as usize)?;
        let input = crate::cel::DeviceInput {
            driver: &slice.spec.driver,
            attributes: &device.attributes,
            capacity: &device.capacity,
            allow_multiple_allocations: device.allow_multiple_allocations,
        };
        let offset = self
            .insights
            .get(expression, self.cel)
            .error_offset(&input, message)
            .unwrap_or(0);
        let _ = self.features;
        Some(sources::expression_pos(
            self.text,
            site.object,
            &site.path,
            expression,
            offset,
        ))
    }
}

/// Whether a rejection during the search depends on what else the search
/// picked (rather than on the device alone, which the funnel shows).
fn depends_on_other_picks(reason: &Reason) -> bool {
    match reason {
        Reason::Counters { joint, .. } | Reason::Capacity { joint, .. } => *joint,
        Reason::PickedForOtherRequest { .. }
        | Reason::AdminAccessSameClaim
        | Reason::Constraint { .. }
        | Reason::TooManyDevices => true,
        _ => false,
    }
}
