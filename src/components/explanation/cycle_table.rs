//! A pod's scheduling cycle as a table of nodes by plugins: each filter's verdict on each node
//! (with upstream's reason where it rejected), each score plugin's raw and normalized score
//! with its weight, the total, the winner and the tie, the nodes not looked at
//! (`percentageOfNodesToScore`), and for an unschedulable pod upstream's message. The rows
//! of a large cluster's cycle are shown [`CYCLE_ROWS_PER_PAGE`] at a time, with a filter.

use dra_engine::explain::plugin_label;
use dra_engine::scheduler::report::{ScoreCell, ScoreColumn};
use dra_playground_web::worker::cycle_view::{FilterCellView, NodeRowView, SchedulingCycleView};
use yew::prelude::*;

use crate::components::explanation::why_link::WhyLink;
use crate::components::results::list_window::use_list_window;
use crate::state::selection::Selection;

#[derive(Properties, PartialEq)]
pub struct CycleTableProps {
    /// The pod's cycle.
    pub cycle: SchedulingCycleView,
    /// The node the pod went to.
    #[prop_or_default]
    pub chosen: Option<String>,
    /// For an unschedulable pod: upstream's `0/N nodes are available: ...` message.
    #[prop_or_default]
    pub message: Option<String>,
}

/// The table's rows (nodes) shown at a time.
pub const CYCLE_ROWS_PER_PAGE: usize = 50;

/// `n node` or `n nodes`.
fn nodes(n: usize) -> String {
    format!("{n} node{}", if n == 1 { "" } else { "s" })
}

/// A plugin's column head: its short name, the full one for mouse and screen reader.
fn plugin_head(plugin: &str, weight: Option<i64>) -> Html {
    let short = plugin_label(plugin);
    let words = match weight {
        Some(w) => format!("{plugin}, weight {w}"),
        None => plugin.to_owned(),
    };
    html! {
        <th scope="col" data-plugin={plugin.to_owned()} title={words.clone()}>
            <span aria-hidden="true">{ short }
                if let Some(w) = weight { <span class="weight">{ format!("×{w}") }</span> }
            </span>
            <span class="visually-hidden">{ words }</span>
        </th>
    }
}

/// A filter's verdict on a node.
fn filter_cell(plugin: &str, cell: Option<&FilterCellView>) -> Html {
    let verdict = cell.map_or("notRun", |c| c.verdict.as_str());
    let (mark, words) = match verdict {
        "passed" => ("✓", "passed"),
        "rejected" => ("✗", "rejected"),
        "error" => ("!", "error"),
        "skipped" => ("skip", "skipped: nothing to check"),
        _ => ("–", "not run: an earlier filter rejected the node"),
    };
    let reasons = cell.map(|c| c.reasons.join("; ")).unwrap_or_default();
    let code = cell.map(|c| c.code.clone()).filter(|c| !c.is_empty());
    html! {
        <td class={classes!("filter", verdict.to_owned())} data-plugin={plugin.to_owned()}
            data-verdict={verdict.to_owned()} title={code.clone()}>
            <span class="mark" aria-hidden="true">{ mark }</span>
            <span class="visually-hidden">{ words }</span>
            if !reasons.is_empty() {
                <span class="reason">{ reasons }</span>
            }
            if let Some(code) = code { <span class="visually-hidden">{ format!(" ({code})") }</span> }
        </td>
    }
}

/// A score plugin's score of a node (blank for a node not scored).
fn score_cell(column: &ScoreColumn, cell: Option<&ScoreCell>, scored: bool) -> Html {
    let plugin = column.plugin.clone();
    match cell {
        _ if !scored => html! {
            <td class="score none" data-plugin={plugin}><span class="visually-hidden">{ "not scored" }</span></td>
        },
        _ if column.skipped => html! {
            <td class="score skipped" data-plugin={plugin}>
                <span aria-hidden="true">{ "skip" }</span>
                <span class="visually-hidden">{ "skipped: nothing to score for this pod" }</span>
            </td>
        },
        Some(s) => {
            let words = format!(
                "raw {}, normalized {}, times weight {}: {}",
                s.raw, s.normalized, column.weight, s.weighted
            );
            html! {
                <td class="score" data-plugin={plugin} data-raw={s.raw.to_string()}
                    data-normalized={s.normalized.to_string()} data-weighted={s.weighted.to_string()} title={words.clone()}>
                    <span aria-hidden="true">
                        if s.raw != s.normalized { <span class="raw">{ format!("{}→", s.raw) }</span> }
                        { s.normalized }
                    </span>
                    <span class="visually-hidden">{ words }</span>
                </td>
            }
        }
        None => html! { <td class="score none" data-plugin={plugin}></td> },
    }
}

/// One node: its name (a link), its role in the choice, its verdicts, scores and total.
fn row(cycle: &SchedulingCycleView, r: &NodeRowView, chosen: Option<&str>) -> Html {
    let is_chosen = chosen == Some(r.node.as_str());
    let tied = cycle.tied.len() > 1 && cycle.tied.contains(&r.node);
    let role = if is_chosen {
        "chosen"
    } else if !r.feasible {
        "infeasible"
    } else {
        "feasible"
    };
    html! {
        <tr class={classes!(role, tied.then_some("tied"))} data-cycle-node={r.node.clone()} data-role={role}>
            <th scope="row" class="node">
                <WhyLink to={Selection::Node(r.node.clone())} />
                if is_chosen { <span class="verdict-badge chosen">{ "chosen" }</span> }
                if tied { <span class="verdict-badge tied">{ "tied" }</span> }
            </th>
            { for cycle.filters.iter().enumerate().map(|(i, f)| filter_cell(f, r.filters.get(i))) }
            { for cycle.scores.iter().enumerate().map(|(i, c)| score_cell(c, r.scores.get(i), r.total.is_some())) }
            if !cycle.scores.is_empty() {
                <td class="total" data-total={r.total.map(|t| t.to_string())}>
                    { r.total.map(|t| t.to_string()).unwrap_or_default() }
                    if r.total.is_none() { <span class="visually-hidden">{ "not scored" }</span> }
                </td>
            }
        </tr>
    }
}

/// The tie, in words: which nodes, and which one the playground took.
fn tie(cycle: &SchedulingCycleView) -> Option<Html> {
    let (first, _) = cycle.tied.split_first().filter(|_| cycle.tied.len() > 1)?;
    let total = cycle
        .rows
        .iter()
        .find(|r| &r.node == first)
        .and_then(|r| r.total);
    Some(html! {
        <p class="cycle-note tie" role="note" data-testid="cycle-tie">
            <strong>{ "Tie: " }</strong>
            { format!("{} share the highest total", cycle.tied.join(", ")) }
            if let Some(t) = total { { format!(" ({t})") } }
            { format!(". The kube-scheduler picks one of them at random; the playground takes the first in document order, {first}.") }
        </p>
    })
}

/// The nodes not filtered (and so not scored), and why.
fn not_looked_at(cycle: &SchedulingCycleView) -> Option<Html> {
    let left = cycle
        .nodes
        .checked_sub(cycle.filtered())
        .filter(|&n| n > 0)?;
    let why = match &cycle.start_node {
        Some(start) if cycle.scoring && cycle.nodes_to_find < cycle.nodes => format!(
            ": percentageOfNodesToScore has the scheduler stop once it found {} feasible, filtering from {start} on",
            nodes(cycle.nodes_to_find)
        ),
        _ => String::new(),
    };
    Some(html! {
        <p class="cycle-note" data-testid="cycle-not-scored">
            { format!("{} of {} not filtered nor scored{why}.", nodes(left), cycle.nodes) }
        </p>
    })
}

#[component(CycleTable)]
pub fn cycle_table(props: &CycleTableProps) -> Html {
    let cycle = &props.cycle;
    let chosen = props.chosen.as_deref();
    let names: Vec<&str> = cycle.rows.iter().map(|r| r.node.as_str()).collect();
    let (window, controls) = use_list_window("nodes in the cycle", &names, CYCLE_ROWS_PER_PAGE);
    let heading = format!(
        "{} (Kubernetes {}): {} of {} filtered, {} feasible",
        cycle.scheduler_name,
        cycle.release,
        cycle.filtered(),
        nodes(cycle.nodes),
        cycle.feasible()
    );
    let legend = if cycle.scores.is_empty() {
        "Filters: ✓ passed, ✗ rejected (with upstream's reason), – not run."
    } else {
        "Filters: ✓ passed, ✗ rejected (with upstream's reason), – not run. Scores: raw→normalized, times the column's weight, summed in the total."
    };
    html! {
        <section class="cycle" data-testid="cycle" aria-label="Scheduling cycle">
            <h4>{ "Scheduling cycle" }</h4>
            <p class="muted small" data-testid="cycle-heading">{ heading }</p>
            if let Some(message) = &props.message {
                <p class="cycle-message bad" role="note" data-testid="cycle-message">
                    <span class="muted">{ "kube-scheduler: " }</span><code>{ message }</code>
                </p>
            }
            if let Some(pre_filter) = &cycle.pre_filter {
                <p class="cycle-note bad" role="note">{ format!("PreFilter: {pre_filter}") }</p>
            }
            if !cycle.rows.is_empty() {
                <p class="muted small">{ legend }</p>
                { controls }
                <div class="matrix-wrap cycle-wrap" role="region" aria-label="Nodes by plugins" tabindex="0">
                    <table class="matrix cycle-table" data-testid="cycle-table">
                        <caption>{ "Nodes by plugins" }</caption>
                        <thead>
                            <tr>
                                <th scope="col" rowspan="2" class="node">{ "Node" }</th>
                                <th scope="colgroup" colspan={cycle.filters.len().to_string()} class="group">{ "Filters" }</th>
                                if !cycle.scores.is_empty() {
                                    <th scope="colgroup" colspan={cycle.scores.len().to_string()} class="group">{ "Scores" }</th>
                                    <th scope="col" rowspan="2" class="total">{ "Total" }</th>
                                }
                            </tr>
                            <tr>
                                { for cycle.filters.iter().map(|f| plugin_head(f, None)) }
                                { for cycle.scores.iter().map(|c| plugin_head(&c.plugin, Some(c.weight))) }
                            </tr>
                        </thead>
                        <tbody>
                            { for window.shown.iter().map(|&i| row(cycle, &cycle.rows[i], chosen)) }
                        </tbody>
                    </table>
                </div>
            }
            { for tie(cycle) }
            if let Some(skipped) = &cycle.scoring_skipped {
                <p class="cycle-note" data-testid="cycle-scoring-skipped">{ skipped }</p>
            }
            { for not_looked_at(cycle) }
            if let Some(failure) = &cycle.pre_bind {
                <p class="cycle-note bad" role="note">{ format!("PreBind: {failure}") }</p>
            }
            if !cycle.not_simulated.is_empty() {
                <details class="muted small">
                    <summary>{ format!("Plugins not simulated ({})", cycle.not_simulated.len()) }</summary>
                    <ul>{ for cycle.not_simulated.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
