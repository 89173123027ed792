//! What the console shows for an expression: the value in CEL literal form with its type and
//! costs and the apiserver's word on it as a selector, or the error with its position.

use dra_playground_web::worker::messages::EvalOutcome;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    /// The expression evaluated.
    pub expression: AttrValue,
    /// Its outcome (None while the first is computed).
    pub outcome: Option<EvalOutcome>,
}

/// The expression with a caret under character `offset`.
fn pointed(expression: &str, offset: usize) -> String {
    let line_start = expression
        .char_indices()
        .take(offset)
        .filter(|(_, c)| *c == '\n')
        .count();
    let line = expression.lines().nth(line_start).unwrap_or_default();
    let before: usize = expression
        .lines()
        .take(line_start)
        .map(|l| l.chars().count() + 1)
        .sum();
    let column = offset.saturating_sub(before);
    format!("{line}\n{}^", " ".repeat(column))
}

#[component(Outcome)]
pub fn outcome(props: &OutcomeProps) -> Html {
    let body = match &props.outcome {
        None => html! { <p>{ "Evaluating…" }</p> },
        Some(EvalOutcome::Value {
            value,
            type_name,
            estimated_cost,
            actual_cost,
            as_selector,
        }) => html! {
            <>
                <p class="console-value-line">
                    <code class="console-value" data-testid="console-value">{ value.clone() }</code>
                    <span class="console-type">{ format!(" : {type_name}") }</span>
                </p>
                <p class="console-cost" data-testid="console-cost">
                    { format!("Cost: estimated {estimated_cost}, actual {actual_cost}") }
                </p>
                <p class="console-selector" data-testid="console-selector">
                    { match as_selector {
                        None => "As a selector, the apiserver accepts it.".to_owned(),
                        Some(refusal) => format!("As a selector, the apiserver refuses it: {refusal}"),
                    } }
                </p>
            </>
        },
        Some(EvalOutcome::Error { message, offset }) => html! {
            <>
                <p class="console-error" data-testid="console-error">{ message.clone() }</p>
                if let Some(offset) = offset {
                    <pre class="console-caret" data-testid="console-caret"
                         aria-label={format!("at character {}", offset + 1)}>{ pointed(&props.expression, *offset) }</pre>
                }
            </>
        },
    };
    let state = match &props.outcome {
        None => "pending",
        Some(EvalOutcome::Value { .. }) => "value",
        Some(EvalOutcome::Error { .. }) => "error",
    };
    html! {
        <div id="console-result" class="console-result" role="status" aria-live="polite"
             data-testid="console-result" data-state={state}>{ body }</div>
    }
}

#[cfg(test)]
mod tests {
    use super::pointed;

    #[test]
    fn the_caret_points_at_the_offset_on_its_line() {
        assert_eq!(pointed("1 +", 3), "1 +\n   ^");
        assert_eq!(pointed("a &&\nb +", 9), "b +\n    ^");
    }
}
