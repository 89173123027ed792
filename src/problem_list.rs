//! Problems of the scenario, each with its line and column; a click moves the editor's cursor
//! there.

use std::rc::Rc;

use dra_engine::diagnostic::{Diagnostic, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Called with the problem's index.
    pub on_open: Callback<usize>,
}

#[component(ProblemList)]
pub fn problem_list(props: &ProblemListProps) -> Html {
    if props.diagnostics.is_empty() {
        return html! {};
    }
    html! {
        <section class="problems" aria-label="Problems" data-testid="problems">
            <h3>{ format!("Problems ({})", props.diagnostics.len()) }</h3>
            <ul>
                { for props.diagnostics.iter().enumerate().map(|(i, d)| {
                    let on_open = props.on_open.clone();
                    let error = d.severity == Severity::Error;
                    html! {
                        <li>
                            <button class={classes!("problem", if error { "error" } else { "warning" })}
                                    data-line={d.span.start.line.to_string()} data-column={d.span.start.column.to_string()}
                                    onclick={Callback::from(move |_| on_open.emit(i))}>
                                <span class="pos">{ format!("{}:{}", d.span.start.line, d.span.start.column) }</span>
                                <span class="sev">{ if error { "error" } else { "warning" } }</span>
                                <span class="msg">{ &d.message }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
