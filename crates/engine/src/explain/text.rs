//! An explanation as readable text (what `dra-playground explain` prints).

use std::fmt::Write;

use crate::allocator::report::SearchEvent;

use super::cycle_text::render_cycle;
use super::model::{
    Cell, DeviceExplanation, Explanation, FunnelStep, NodeExplanation, PodExplanation,
    RequestExplanation, SourcePos,
};
use super::words::{name_list, NAMES_SHOWN};

/// What to print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Only this pod (`name` or `namespace/name`).
    pub pod: Option<String>,
    /// Only this device (`driver/pool/device`), instead of the pods.
    pub device: Option<String>,
    /// The scenario's file name, for positions (`FILE:LINE:COLUMN`).
    pub file: String,
    /// Print the search trace (when recorded).
    pub trace: bool,
    /// Print the selector matrix (when computed).
    pub matrix: bool,
    /// Print every node, also those ruled out and not tried.
    pub all_nodes: bool,
}

fn pos(file: &str, p: Option<SourcePos>) -> String {
    match p {
        Some(p) => format!("{file}:{}:{}", p.line, p.column),
        None => file.to_owned(),
    }
}

/// Renders the explanation.
pub fn render(explanation: &Explanation, options: &RenderOptions) -> String {
    let mut out = String::new();
    if let Some(wanted) = &options.device {
        match explanation.devices.iter().find(|d| d.device == *wanted) {
            Some(device) => render_device(&mut out, device),
            None => {
                let _ = writeln!(out, "No device {wanted} in the scenario.");
            }
        }
        return out;
    }
    let pods: Vec<&PodExplanation> = explanation
        .pods
        .iter()
        .filter(|p| options.pod.as_ref().is_none_or(|w| p.is_named(w)))
        .collect();
    if pods.is_empty() {
        match &options.pod {
            Some(wanted) => {
                let _ = writeln!(out, "No pod {wanted} in the scenario.");
            }
            None => {
                let _ = writeln!(
                    out,
                    "Nothing to schedule: no Pod and no unallocated ResourceClaim."
                );
            }
        }
    }
    for pod in pods {
        render_pod(&mut out, pod, options);
    }
    if options.pod.is_none() && !explanation.hints.is_empty() {
        let _ = writeln!(out, "Hints");
        for hint in &explanation.hints {
            let _ = writeln!(
                out,
                "  {}: {} {}: {}",
                pos(&options.file, hint.position),
                hint.object,
                hint.field,
                hint.message
            );
        }
        out.push('\n');
    }
    if options.matrix {
        if let Some(matrix) = &explanation.matrix {
            let _ = writeln!(out, "Selectors on devices (+ true, . false, ! error)");
            for (i, device) in matrix.devices.iter().enumerate() {
                let _ = writeln!(out, "  {:>3}  {device}", i + 1);
            }
            for row in &matrix.rows {
                let cells: String = row
                    .cells
                    .iter()
                    .map(|c| match c {
                        Cell::True => '+',
                        Cell::False => '.',
                        Cell::Error(_) => '!',
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "  {cells}  {} of {}: `{}` ({})",
                    row.matches,
                    row.cells.len(),
                    row.expression,
                    row.used_by.join(", ")
                );
            }
            out.push('\n');
        }
    }
    out
}

fn render_pod(out: &mut String, pod: &PodExplanation, options: &RenderOptions) {
    let what = if pod.implicit {
        "Claim (as a pod of its own)"
    } else {
        "Pod"
    };
    let outcome = match &pod.node {
        Some(node) if pod.running => format!("running on {node}"),
        Some(node) => format!("scheduled on {node}"),
        None => "unschedulable".to_owned(),
    };
    let _ = writeln!(out, "{what} {}: {outcome}", pod.pod);
    let _ = writeln!(out, "  {}", pod.summary);
    if let Some(message) = &pod.message {
        if *message != pod.summary {
            let _ = writeln!(out, "  kube-scheduler: {message}");
        }
    }
    for claim in &pod.claims {
        let state = match claim.state.as_str() {
            "allocatedBefore" => "allocated before".to_owned(),
            "allocated" => format!("allocated: {}", claim.devices.join(", ")),
            _ => "not allocated".to_owned(),
        };
        let template = claim
            .template
            .as_ref()
            .map(|t| format!(" (from template {t})"))
            .unwrap_or_default();
        let _ = writeln!(out, "  claim {}{template}: {state}", claim.claim);
    }
    let mut quiet = 0;
    let mut index = 0;
    while index < pod.nodes.len() {
        let node = &pod.nodes[index];
        let detailed = !node.claims.is_empty() || node.search.is_some();
        if !options.all_nodes && !detailed && node.verdict == "ruledOut" {
            quiet += 1;
            index += 1;
            continue;
        }
        if detailed {
            render_node(out, node, options);
            index += 1;
            continue;
        }
        // Nodes in a row without details and with the same verdict: one line.
        let same = pod.nodes[index..]
            .iter()
            .take_while(|n| {
                n.claims.is_empty()
                    && n.search.is_none()
                    && n.verdict == node.verdict
                    && n.summary == node.summary
            })
            .count();
        if same < 3 {
            for node in &pod.nodes[index..index + same] {
                render_node(out, node, options);
            }
        } else {
            let last = &pod.nodes[index + same - 1];
            let _ = writeln!(
                out,
                "  nodes {} … {} ({same} nodes): {}: {}",
                node.node,
                last.node,
                verdict_label(&node.verdict),
                node.summary
            );
        }
        index += same;
    }
    if quiet > 0 {
        let _ = writeln!(
            out,
            "  ({quiet} more node{} ruled out: --all-nodes shows them)",
            if quiet == 1 { "" } else { "s" }
        );
    }
    if let Some(cycle) = &pod.scheduling {
        render_cycle(out, cycle, pod.node.as_deref(), options.all_nodes);
    }
    if pod.not_tried > 0 {
        let scoring = pod.scheduling.as_ref().is_some_and(|c| c.scoring);
        let why = match &pod.node {
            Some(_) if scoring => "enough feasible nodes were found before them".to_owned(),
            Some(node) => format!("the pod went to {node}, earlier in document order"),
            None => "scheduling stopped before them".to_owned(),
        };
        let _ = writeln!(
            out,
            "  ({} more node{} not tried: {why})",
            pod.not_tried,
            if pod.not_tried == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        out,
        "  search: {} step{}",
        pod.steps,
        if pod.steps == 1 { "" } else { "s" }
    );
    out.push('\n');
}

/// A node's verdict (`NodeExplanation::verdict`) in words.
pub fn verdict_label(verdict: &str) -> &'static str {
    match verdict {
        "chosen" => "chosen",
        "feasible" => "feasible",
        "ruledOut" => "ruled out",
        "noAllocation" => "no allocation",
        "nodeError" => "error on this node",
        "error" => "error",
        "stopped" => "search stopped",
        _ => "not tried",
    }
}

fn render_node(out: &mut String, node: &NodeExplanation, options: &RenderOptions) {
    let label = verdict_label(&node.verdict);
    let summary = node
        .summary
        .strip_prefix("chosen: ")
        .or_else(|| node.summary.strip_prefix("not tried: "))
        .unwrap_or(&node.summary);
    let omitted = if node.details_omitted {
        " (details omitted)"
    } else {
        ""
    };
    let _ = writeln!(out, "  node {}: {label}: {summary}{omitted}", node.node);
    for claim in &node.claims {
        let _ = writeln!(out, "    claim {}", claim.claim);
        for request in &claim.requests {
            render_request(out, request);
        }
        for finding in &claim.findings {
            let _ = writeln!(out, "      ! {}", finding.text);
        }
    }
    for finding in &node.findings {
        let _ = writeln!(out, "    ! {}", finding.text);
    }
    if options.trace {
        if let Some(search) = &node.search {
            let _ = writeln!(
                out,
                "    search: {} pick{}, {} backtrack{}",
                search.picks,
                if search.picks == 1 { "" } else { "s" },
                search.backtracks,
                if search.backtracks == 1 { "" } else { "s" }
            );
            for event in &search.events {
                if let Some(line) = event_line(event) {
                    let _ = writeln!(out, "      {line}");
                }
            }
            if search.dropped > 0 {
                let _ = writeln!(out, "      … {} more events", search.dropped);
            }
        }
    }
}

fn render_request(out: &mut String, request: &RequestExplanation) {
    let needed = if request.mode == "All" {
        "all matching devices".to_owned()
    } else {
        format!("{} needed", request.needed)
    };
    let unreachable = if request.unreachable > 0 {
        format!(
            " ({} more not reachable from this node)",
            request.unreachable
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "      request {} (class {}, {needed}): {} device{}{unreachable}",
        request.request,
        request.class,
        request.reachable,
        if request.reachable == 1 { "" } else { "s" }
    );
    for step in &request.removed {
        render_step(out, step, "-");
    }
    for step in &request.search {
        render_step(out, step, "~");
    }
    let candidates = if request.candidates > 0 {
        format!(
            ": {}",
            name_list(&request.candidate_devices, request.candidates)
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "        = {} candidate{}{candidates}",
        request.candidates,
        if request.candidates == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "        → {}", request.verdict);
}

fn render_step(out: &mut String, step: &FunnelStep, mark: &str) {
    let _ = writeln!(
        out,
        "        {mark} {} {}: {}",
        step.count,
        step.text,
        name_list(&step.devices, step.count)
    );
    if let Some(detail) = &step.detail {
        let _ = writeln!(out, "            {detail}");
    }
    if let Some(position) = step.position {
        let _ = writeln!(
            out,
            "            at line {}, column {}",
            position.line, position.column
        );
    }
}

fn event_line(event: &SearchEvent) -> Option<String> {
    Some(match event {
        SearchEvent::Start { node } => format!("start on {node}"),
        SearchEvent::TryAlternative { step, request, .. } => format!("#{step} try {request}"),
        SearchEvent::Pick {
            step,
            request,
            device,
            depth,
            ..
        } => format!("#{step} pick {device} for {request} ({depth} picked)"),
        SearchEvent::Reject {
            step,
            request,
            device,
            reason,
            ..
        } => format!(
            "#{step} reject {device} for {request}: {}",
            reason.describe("", &[], &[])
        ),
        SearchEvent::Backtrack {
            step,
            request,
            device,
            ..
        } => format!("#{step} backtrack: drop {device} from {request}"),
        SearchEvent::Exhausted {
            step,
            request,
            picked,
            needed,
            ..
        } => format!("#{step} no more devices for {request} ({picked} of {needed} picked)"),
        SearchEvent::Solution { step } => format!("#{step} solution"),
        SearchEvent::Stopped { step } => format!("#{step} stopped: search budget used up"),
    })
}

fn render_device(out: &mut String, device: &DeviceExplanation) {
    let node = device
        .node
        .as_ref()
        .map(|n| format!(" (node {n})"))
        .unwrap_or_default();
    let _ = writeln!(out, "Device {}{node}", device.device);
    if device.allocations.is_empty() {
        let _ = writeln!(out, "  not allocated");
    }
    if device.allocations.is_empty() && device.rejections.is_empty() {
        let _ = writeln!(out, "  {}", device.summary);
    }
    for holder in &device.allocations {
        let pod = holder
            .pod
            .as_ref()
            .map(|p| format!(", pod {p}"))
            .unwrap_or_else(|| ", in the input".into());
        let shared = match (holder.shared_with.is_empty(), holder.pod.is_some()) {
            (true, _) => String::new(),
            (false, also) => format!(
                "; {}used by pod {}",
                if also { "also " } else { "" },
                holder.shared_with.join(", pod ")
            ),
        };
        let _ = writeln!(
            out,
            "  allocated to claim {} (request {}{pod}{shared})",
            holder.claim, holder.request
        );
    }
    for rejection in &device.rejections {
        let _ = writeln!(
            out,
            "  - {} request{}: {}",
            rejection.count,
            if rejection.count == 1 { "" } else { "s" },
            rejection.text
        );
        if let Some(detail) = &rejection.detail {
            let _ = writeln!(out, "      {detail}");
        }
        for request in rejection.requests.iter().take(NAMES_SHOWN) {
            let _ = writeln!(out, "      {request}");
        }
        if rejection.count > NAMES_SHOWN.min(rejection.requests.len()) {
            let _ = writeln!(out, "      …");
        }
    }
    if device.other_classes > 0 {
        let _ = writeln!(
            out,
            "  ({} request{} of classes that do not select it)",
            device.other_classes,
            if device.other_classes == 1 { "" } else { "s" }
        );
    }
}
