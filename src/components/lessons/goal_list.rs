//! The lesson's goals, each checked against the latest run: met or not, and what the run shows.

use dra_engine::lessons::GoalCheck;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GoalListProps {
    /// The goals, checked.
    pub checks: Vec<GoalCheck>,
}

#[component(GoalList)]
pub fn goal_list(props: &GoalListProps) -> Html {
    html! {
        <ul class="goals" aria-label="Goals">
            { for props.checks.iter().map(|c| {
                let (mark, label) = if c.met { ("✓", "met") } else { ("✗", "not met") };
                html! {
                    <li class={classes!("goal", c.met.then_some("met"))} data-testid="goal"
                        data-met={c.met.to_string()}>
                        <span class="goal-mark" aria-hidden="true">{ mark }</span>
                        <span class="visually-hidden">{ format!("{label}: ") }</span>
                        <span class="goal-text">{ c.goal.clone() }</span>
                        <span class="goal-detail">{ c.detail.clone() }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
