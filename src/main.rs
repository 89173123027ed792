//! The DRA Playground web app: a Yew single-page app, built to WebAssembly by trunk.
//!
//! The scenario is edited in CodeMirror (js/editor.js, bundled by esbuild in a trunk hook) and
//! run by the engine on every edit; the engine is reached only through its `playground` API, so
//! the app never touches allocator internals. `?embed` shows the compact view (options in the
//! query: `panel`, `readonly`); `#compare=v1:...` the compare view.

mod app;
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod components;
mod platform;
mod scenario;
mod state;

use std::rc::Rc;

use dra_engine::share_link as share;
use yew::prelude::*;

/// Shows a panic in the page instead of leaving it dead and silent. The scenario is autosaved
/// on every run, so a reload brings the work back.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else {
            return;
        };
        if let Ok(div) = doc.create_element("div") {
            div.set_class_name("panic");
            let _ = div.set_attribute("role", "alert");
            let _ = div.set_attribute("data-testid", "panic");
            div.set_text_content(Some(&format!(
                "Something went wrong inside the playground: {message}. Your work is saved in this browser; reload the page to go on."
            )));
            let _ = body.append_child(&div);
        }
    }));
}

#[derive(Properties, PartialEq)]
struct RootProps {
    embed: bool,
}

/// What the page shows for its fragment: the playground (a shared scenario, saved work or the
/// first example), or a comparison (`#compare=v1:...`, or why its link cannot be read).
#[derive(Clone, Debug, PartialEq)]
enum View {
    Playground,
    Compare(Rc<str>, Rc<str>),
    CompareError(String),
}

impl View {
    fn of(hash: &str) -> View {
        match share::compare_from_fragment(hash) {
            None => View::Playground,
            Some(Ok((left, right))) => View::Compare(Rc::from(left), Rc::from(right)),
            Some(Err(e)) => {
                View::CompareError(format!("This comparison's link could not be opened: {e}."))
            }
        }
    }
}

#[component(Root)]
fn root(props: &RootProps) -> Html {
    let hash = platform::browser::fragment();
    let view = use_state(|| View::of(&hash));
    {
        // A new fragment that changes the view (the playground's "Compare", "Back to the
        // playground", a link opened in this page); a scenario's fragment is read once.
        let view = view.clone();
        use_effect_with((), move |_| {
            let listener = platform::browser::WindowListener::new("hashchange", false, move |_| {
                let next = View::of(&platform::browser::fragment());
                if next != *view {
                    view.set(next);
                }
            });
            move || drop(listener)
        });
    }
    if props.embed {
        let options = state::embed::EmbedOptions::from_query(&platform::browser::query());
        let (text, notice) = match share::from_fragment(&hash) {
            Some(Ok(t)) => (Rc::from(t.as_str()), None),
            Some(Err(e)) => (
                Rc::from(scenario::gallery::DEFAULT.text),
                Some(AttrValue::from(format!(
                    "This embed's link could not be read: {e}."
                ))),
            ),
            None => (Rc::from(scenario::gallery::DEFAULT.text), None),
        };
        return html! { <components::embed::EmbedView {text} {notice} {options} /> };
    }
    match &*view {
        View::Compare(left, right) => html! {
            <components::compare::CompareView key={format!("{:p}", Rc::as_ptr(left))} left={left.clone()} right={right.clone()} />
        },
        View::CompareError(message) => html! {
            <div class="compare" data-testid="compare">
                <p class="banner warn" role="alert" data-testid="link-error">{ message.clone() }</p>
                <a class="button" href="#" data-testid="compare-back">{ "Back to the playground" }</a>
            </div>
        },
        View::Playground => {
            let mut boot = state::boot::Boot::decide(&hash, platform::storage::load_scenario());
            // A lesson's link opens the work kept on it, if any (else its start, once the worker
            // sends it); the learner's own scenario stays saved.
            let lesson = state::lessons::from_fragment(&hash);
            if let Some(work) = lesson.as_deref().and_then(platform::lesson_progress::work) {
                boot.text = Rc::from(work.as_str());
                boot.example = None;
            }
            html! { <app::App {boot} {lesson} /> }
        }
    }
}

fn main() {
    install_panic_hook();
    // The boot script (js/site/boot.js) decides, from `?embed`, before it loads anything.
    let embed = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute("data-embed"));
    yew::Renderer::<Root>::with_props(RootProps { embed }).render();
}
