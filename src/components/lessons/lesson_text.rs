//! A lesson's prose: paragraphs separated by blank lines, `code` in backquotes.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonTextProps {
    /// The text as the lesson file writes it.
    pub text: AttrValue,
}

/// One paragraph's pieces, code marked.
fn inline(paragraph: &str) -> Html {
    paragraph
        .split('`')
        .enumerate()
        .map(|(i, piece)| {
            if i % 2 == 1 {
                html! { <code>{ piece.to_owned() }</code> }
            } else {
                html! { { piece.to_owned() } }
            }
        })
        .collect()
}

#[component(LessonText)]
pub fn lesson_text(props: &LessonTextProps) -> Html {
    props
        .text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| html! { <p>{ inline(&p.replace('\n', " ")) }</p> })
        .collect()
}
