//! The cycle as an observer sees it: each node's outcome, and the table of
//! nodes by plugins (filter verdicts, scores, totals, the tie).

use std::collections::BTreeSet;

use super::schedule::NOT_NAMED;
use super::score::Scored;
use super::Context;
use crate::allocator::report::NodeFunnel;
use crate::allocator::SearchRecord;
use crate::scheduler::report::{FilterCell, NodeOutcome, NodeReport, NodeRow, SchedulingCycle};
use crate::scheduler::trail::Trail;
use crate::scheduler_profile::Profile;

/// Everything noted about a filtered node.
pub(super) struct Noted {
    pub doc: usize,
    pub cells: Vec<FilterCell>,
    pub outcome: NodeOutcome,
    pub funnel: Option<NodeFunnel>,
    pub search: Option<SearchRecord>,
}

/// The table's columns: the filters that run and the plugins not
/// simulated.
pub(super) fn new_cycle(profile: &Profile, scoring: bool, nodes: usize) -> SchedulingCycle {
    let filters = profile
        .filter
        .iter()
        .filter(|p| p.is_simulated())
        .map(|p| p.name().to_owned())
        .collect();
    let mut not_simulated: Vec<String> = Vec::new();
    for plugin in profile
        .filter
        .iter()
        .chain(profile.score.iter().map(|(p, _)| p))
    {
        if let Some(why) = plugin.not_simulated_because() {
            let entry = format!("{}: {why}", plugin.name());
            if !not_simulated.contains(&entry) {
                not_simulated.push(entry);
            }
        }
    }
    SchedulingCycle {
        scheduler_name: profile.scheduler_name.clone(),
        release: profile.release.to_string(),
        scoring,
        nodes,
        filters,
        not_simulated,
        ..SchedulingCycle::default()
    }
}

/// The score columns, each scored node's cells and total (`docs`: the
/// scored nodes' document positions), and the nodes that tied (indices
/// into `docs`).
pub(super) fn scores(
    ctx: &Context<'_>,
    table: &mut SchedulingCycle,
    docs: &[usize],
    scored: Scored,
    tied: &[usize],
) {
    table.tied = tied
        .iter()
        .map(|&i| ctx.nodes[docs[i]].metadata.name.clone())
        .collect();
    for (i, (doc, total)) in docs.iter().zip(&scored.totals).enumerate() {
        table.rows.push(NodeRow {
            node: ctx.nodes[*doc].metadata.name.clone(),
            filters: Vec::new(),
            scores: scored.cells(i),
            total: Some(*total),
        });
    }
    table.scores = scored.columns;
}

/// The node reports and the table's rows, in document order: the nodes
/// filtered, and those NodeAffinity's PreFilter ruled out. The chosen node
/// is `Chosen`, unless PreBind failed there (`pre_bind`: the error).
pub(super) fn finish(
    ctx: &Context<'_>,
    trail: &mut Trail,
    mut table: Option<SchedulingCycle>,
    mut noted: Vec<Noted>,
    named: Option<&BTreeSet<String>>,
    chosen: Option<usize>,
    pre_bind: Option<String>,
) {
    noted.sort_by_key(|n| n.doc);
    let mut reports: Vec<(usize, NodeReport)> = Vec::new();
    for n in noted {
        let name = ctx.nodes[n.doc].metadata.name.clone();
        if let Some(table) = &mut table {
            match table.rows.iter_mut().find(|r| r.node == name) {
                Some(row) => row.filters = n.cells,
                None => table.rows.push(NodeRow {
                    node: name.clone(),
                    filters: n.cells,
                    ..NodeRow::default()
                }),
            }
        }
        let outcome = match &pre_bind {
            _ if chosen != Some(n.doc) => n.outcome,
            Some(failure) => NodeOutcome::Fatal(failure.clone()),
            None => NodeOutcome::Chosen,
        };
        reports.push((
            n.doc,
            NodeReport {
                node: name,
                outcome,
                funnel: n.funnel,
                search: n.search,
            },
        ));
    }
    if let Some(names) = named {
        for (doc, node) in ctx.nodes.iter().enumerate() {
            if !names.contains(&node.metadata.name) {
                reports.push((
                    doc,
                    NodeReport {
                        node: node.metadata.name.clone(),
                        outcome: NodeOutcome::RuledOut(NOT_NAMED.to_owned()),
                        funnel: None,
                        search: None,
                    },
                ));
            }
        }
    }
    reports.sort_by_key(|(doc, _)| *doc);
    trail.nodes = reports.into_iter().map(|(_, r)| r).collect();
    if let Some(table) = &mut table {
        let position = |name: &str| ctx.nodes.iter().position(|n| n.metadata.name == name);
        table.rows.sort_by_key(|r| position(&r.node));
    }
    trail.cycle = table;
}
