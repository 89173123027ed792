//! Problems of the scenario and hints about likely mistakes, each with its line and column; a
//! click moves the editor's cursor there.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::problems::{Level, Problem};

#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    pub problems: Rc<Vec<Problem>>,
    /// Called with the problem's index.
    pub on_open: Callback<usize>,
}

#[component(ProblemList)]
pub fn problem_list(props: &ProblemListProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    let hints = props
        .problems
        .iter()
        .filter(|p| p.level == Level::Hint)
        .count();
    let others = props.problems.len() - hints;
    let heading = match (others, hints) {
        (n, 0) => format!("Problems ({n})"),
        (0, h) => format!("Hints ({h})"),
        (n, h) => format!("Problems ({n}) and hints ({h})"),
    };
    html! {
        <section class="problems" aria-label="Problems" data-testid="problems">
            <h3>{ heading }</h3>
            <ul>
                { for props.problems.iter().enumerate().map(|(i, p)| {
                    let on_open = props.on_open.clone();
                    let word = p.level.word();
                    html! {
                        <li>
                            <button class={classes!("problem", word)}
                                    data-line={p.line.to_string()} data-column={p.column.to_string()}
                                    onclick={Callback::from(move |_| on_open.emit(i))}>
                                <span class="pos">{ format!("{}:{}", p.line, p.column) }</span>
                                <span class="sev">{ word }</span>
                                <span class="msg">{ &p.message }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
