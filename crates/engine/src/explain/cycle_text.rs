//! A pod's scheduling cycle as a text table: one row per node filtered, a
//! column per filter plugin (its verdict) and per score plugin (its score,
//! `raw→normalized` where NormalizeScore changed it), and the total.

use std::fmt::Write;

use super::words::{name_list, NAMES_SHOWN};
use crate::scheduler::report::{FilterCell, NodeRow, SchedulingCycle};

/// Rows shown without `--all-nodes` (the best-scored ones, else the first).
const ROWS_SHOWN: usize = 12;

/// A plugin's column header.
fn label(plugin: &str) -> &str {
    match plugin {
        "NodeUnschedulable" => "Unschedulable",
        "TaintToleration" => "Taints",
        "NodeAffinity" => "Affinity",
        "NodePorts" => "Ports",
        "NodeResourcesFit" => "Fit",
        "NodeResourcesBalancedAllocation" => "Balanced",
        "ImageLocality" => "Images",
        "DynamicResources" => "DRA",
        other => other,
    }
}

fn filter_cell(cell: Option<&FilterCell>) -> &'static str {
    match cell.map(|c| c.verdict.as_str()) {
        Some("passed") => "ok",
        Some("rejected") => "no",
        Some("skipped") => "skip",
        Some("error") => "error",
        _ => "-",
    }
}

/// The rows shown: all with `all_nodes` or when few, else the chosen
/// node's and the best-scored (document order kept).
fn shown<'c>(
    cycle: &'c SchedulingCycle,
    chosen: Option<&str>,
    all_nodes: bool,
) -> Vec<&'c NodeRow> {
    if all_nodes || cycle.rows.len() <= ROWS_SHOWN {
        return cycle.rows.iter().collect();
    }
    let mut ranked: Vec<usize> = (0..cycle.rows.len()).collect();
    ranked.sort_by_key(|&i| {
        let row = &cycle.rows[i];
        (
            Some(row.node.as_str()) != chosen,
            std::cmp::Reverse(row.total),
            i,
        )
    });
    ranked.truncate(ROWS_SHOWN);
    ranked.sort_unstable();
    ranked.into_iter().map(|i| &cycle.rows[i]).collect()
}

/// Writes the cycle: a heading, the table, the tie, and why scoring was
/// skipped.
pub(super) fn render_cycle(
    out: &mut String,
    cycle: &SchedulingCycle,
    chosen: Option<&str>,
    all_nodes: bool,
) {
    let _ = writeln!(
        out,
        "  scheduling cycle ({}, Kubernetes {}): {}",
        cycle.scheduler_name,
        cycle.release,
        heading(cycle)
    );
    if let Some(pre_filter) = &cycle.pre_filter {
        let _ = writeln!(out, "    PreFilter: {pre_filter}");
    }
    if cycle.rows.is_empty() {
        return;
    }
    let mut header: Vec<String> = vec!["node".into()];
    header.extend(cycle.filters.iter().map(|f| label(f).to_owned()));
    header.extend(
        cycle
            .scores
            .iter()
            .map(|c| format!("{}×{}", label(&c.plugin), c.weight)),
    );
    if !cycle.scores.is_empty() {
        header.push("total".into());
    }
    let rows = shown(cycle, chosen, all_nodes);
    let mut lines: Vec<Vec<String>> = vec![header];
    for row in &rows {
        let mut line = vec![row.node.clone()];
        line.extend((0..cycle.filters.len()).map(|i| filter_cell(row.filters.get(i)).to_owned()));
        for (i, column) in cycle.scores.iter().enumerate() {
            line.push(match row.scores.get(i) {
                _ if row.total.is_none() => String::new(),
                _ if column.skipped => "skip".into(),
                Some(s) if s.raw == s.normalized => s.raw.to_string(),
                Some(s) => format!("{}→{}", s.raw, s.normalized),
                None => String::new(),
            });
        }
        if !cycle.scores.is_empty() {
            line.push(row.total.map(|t| t.to_string()).unwrap_or_default());
        }
        lines.push(line);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|i| {
            lines
                .iter()
                .map(|l| l[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for line in &lines {
        let text: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(out, "    {}", text.join("  ").trim_end());
    }
    if rows.len() < cycle.rows.len() {
        let _ = writeln!(
            out,
            "    ({} more rows: --all-nodes shows them)",
            cycle.rows.len() - rows.len()
        );
    }
    if cycle.tied.len() > 1 {
        let named = if cycle.tied.len() > NAMES_SHOWN {
            format!(
                "{} nodes ({})",
                cycle.tied.len(),
                name_list(&cycle.tied, cycle.tied.len())
            )
        } else {
            cycle.tied.join(", ")
        };
        let _ = writeln!(
            out,
            "    tie: {named} share the highest total; the kube-scheduler picks one at random, the playground the first written"
        );
    }
    if let Some(skipped) = &cycle.scoring_skipped {
        let _ = writeln!(out, "    {skipped}");
    }
    if let Some(failure) = &cycle.pre_bind {
        let _ = writeln!(
            out,
            "    PreBind failed on the chosen node, the pod is not bound (Kubernetes: reason SchedulerError): {failure}"
        );
    }
}

/// What the cycle looked at, in words.
fn heading(cycle: &SchedulingCycle) -> String {
    let filtered = cycle.rows.iter().filter(|r| !r.filters.is_empty()).count();
    let feasible = cycle
        .rows
        .iter()
        .filter(|r| {
            !r.filters.is_empty()
                && r.filters
                    .iter()
                    .all(|f| f.verdict != "rejected" && f.verdict != "error")
        })
        .count();
    let mut words = format!(
        "{filtered} of {} node{} filtered, {feasible} feasible",
        cycle.nodes,
        if cycle.nodes == 1 { "" } else { "s" }
    );
    if cycle.scoring && cycle.nodes_to_find < cycle.nodes {
        if let Some(start) = &cycle.start_node {
            words.push_str(&format!(
                " (percentageOfNodesToScore: from {start} until {} feasible)",
                cycle.nodes_to_find
            ));
        }
    }
    words
}
