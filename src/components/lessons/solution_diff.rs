//! The lesson's solution as the change from the learner's scenario: lines removed and added.

use yew::prelude::*;

use crate::scenario::line_diff::{diff, DiffLine};

#[derive(Properties, PartialEq)]
pub struct SolutionDiffProps {
    /// The learner's scenario.
    pub from: AttrValue,
    /// The solution.
    pub to: AttrValue,
}

/// Unchanged lines kept around each change.
const CONTEXT: usize = 2;

#[component(SolutionDiff)]
pub fn solution_diff(props: &SolutionDiffProps) -> Html {
    let lines = diff(&props.from, &props.to);
    let changed: Vec<bool> = lines
        .iter()
        .map(|l| !matches!(l, DiffLine::Same(_)))
        .collect();
    let near_change = |i: usize| {
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT + 1).min(changed.len());
        changed[from..to].iter().any(|c| *c)
    };
    if !changed.iter().any(|c| *c) {
        return html! { <p class="diff-none" data-testid="solution-diff">{ "Your scenario is the solution." }</p> };
    }
    let mut skipped = false;
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !near_change(i) {
            if !skipped {
                rows.push(html! { <span class="diff-skip" aria-hidden="true">{ "⋯\n" }</span> });
            }
            skipped = true;
            continue;
        }
        skipped = false;
        rows.push(match line {
            DiffLine::Same(t) => html! { <span class="diff-same">{ format!("  {t}\n") }</span> },
            DiffLine::Removed(t) => {
                html! { <del class="diff-removed">{ format!("- {t}\n") }</del> }
            }
            DiffLine::Added(t) => html! { <ins class="diff-added">{ format!("+ {t}\n") }</ins> },
        });
    }
    html! {
        <pre class="diff" data-testid="solution-diff" tabindex="0"
             aria-label="The solution: lines starting with minus are removed, with plus added">{ for rows }</pre>
    }
}
