//! The controls of a long list shown a page at a time (`state::window`): a filter by name, the
//! range shown ("nodes 51–100 of 5,000") and the previous and next pages. A list that fits in
//! one page has no controls and shows everything. Each list keeps its own filter and page
//! (`use_list_window`); the controls carry `data-testid="{what}-filter"`, `{what}-window`,
//! `{what}-previous` and `{what}-next` (spaces in `what` written as `-`).

use yew::prelude::*;

use crate::state::window::{window, Window};

/// `n` with thousands separated by commas.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The filter and page of a list of `names` (`what`: "nodes", "pods", "claims"), `size` items
/// a page: the window shown, and its controls (nothing when every item fits in one page).
#[hook]
pub fn use_list_window(what: &'static str, names: &[&str], size: usize) -> (Window, Html) {
    let filter = use_state(String::new);
    let page = use_state(|| 0usize);
    if names.len() <= size {
        let all = window(names.iter().copied(), "", 0, names.len());
        return (all, Html::default());
    }
    let shown = window(names.iter().copied(), &filter, *page, size);
    let id = what.replace(' ', "-");
    let on_filter = {
        let (filter, page) = (filter.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
            page.set(0);
        })
    };
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let range = if shown.shown.is_empty() {
        format!("no {what} match")
    } else {
        format!(
            "{what} {}–{} of {}",
            count(shown.first + 1),
            count(shown.first + shown.shown.len()),
            count(shown.matched)
        )
    };
    let controls = html! {
        <div class="list-window" role="group" aria-label={format!("Which {what} are shown")}>
            <input type="search" class="list-filter" placeholder={format!("Filter {what} by name")}
                   aria-label={format!("Filter {what} by name")} data-testid={format!("{id}-filter")}
                   value={(*filter).clone()} oninput={on_filter} />
            <span class="list-range small" role="status" aria-live="polite" data-testid={format!("{id}-window")}
                  data-first={shown.first.to_string()} data-matched={shown.matched.to_string()}
                  data-total={names.len().to_string()}>
                { range }
                if shown.matched < names.len() { { format!(" ({} in all)", count(names.len())) } }
            </span>
            <button class="list-page" disabled={shown.page == 0} onclick={go(shown.page.saturating_sub(1))}
                    data-testid={format!("{id}-previous")}>{ "‹ Previous" }</button>
            <button class="list-page" disabled={shown.page + 1 >= shown.pages} onclick={go(shown.page + 1)}
                    data-testid={format!("{id}-next")}>{ "Next ›" }</button>
        </div>
    };
    (shown, controls)
}
