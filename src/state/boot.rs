//! What the playground opens with: the scenario of a shared link, the saved work, or the first
//! example, and whether a notice about the link shows above the workspace.

use std::rc::Rc;

use dra_engine::share_link::{self as share, ShareError};

use crate::scenario::gallery::{self, Example};

/// What the page starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Boot {
    /// The scenario the editor opens with.
    pub text: Rc<str>,
    /// The example it is, if it is one.
    pub example: Option<&'static str>,
    /// A notice about the link the page was opened with.
    pub banner: Option<Banner>,
    /// False while a shared scenario is shown over saved work that differs.
    pub autosave: bool,
}

/// A notice above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Banner {
    /// A shared link was opened while different work is saved; the saved work is kept.
    Shared { saved: Rc<str> },
    /// The link could not be read.
    LinkError(String),
}

impl Boot {
    /// Decides what to open from the URL fragment and the saved work.
    pub fn decide(hash: &str, saved: Option<String>) -> Boot {
        let default = || match &saved {
            Some(s) => (Rc::from(s.as_str()), Example::by_text(s).map(|e| e.name)),
            None => (Rc::from(gallery::DEFAULT.text), Some(gallery::DEFAULT.name)),
        };
        match share::from_fragment(hash) {
            Some(Ok(shared)) => {
                let example = Example::by_text(&shared).map(|e| e.name);
                match &saved {
                    Some(s) if *s != shared && !s.trim().is_empty() => Boot {
                        text: Rc::from(shared.as_str()),
                        example,
                        banner: Some(Banner::Shared {
                            saved: Rc::from(s.as_str()),
                        }),
                        autosave: false,
                    },
                    _ => Boot {
                        text: Rc::from(shared.as_str()),
                        example,
                        banner: None,
                        autosave: true,
                    },
                }
            }
            Some(Err(e)) => {
                let (text, example) = default();
                Boot {
                    text,
                    example,
                    banner: Some(Banner::LinkError(link_error_message(&e))),
                    autosave: true,
                }
            }
            None => {
                let (text, example) = default();
                Boot {
                    text,
                    example,
                    banner: None,
                    autosave: true,
                }
            }
        }
    }
}

/// The message for a link that could not be opened.
pub fn link_error_message(e: &ShareError) -> String {
    format!("This link could not be opened: {e}. Your own work is shown instead, unchanged.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_visit_opens_the_first_example() {
        let b = Boot::decide("", None);
        assert_eq!(&*b.text, gallery::DEFAULT.text);
        assert!(b.autosave && b.banner.is_none());
    }

    #[test]
    fn saved_work_comes_back() {
        let b = Boot::decide("", Some("mine".into()));
        assert_eq!(&*b.text, "mine");
        assert!(b.autosave);
    }

    #[test]
    fn a_shared_link_never_overwrites_different_saved_work() {
        let hash = share::fragment("shared");
        let b = Boot::decide(&hash, Some("mine".into()));
        assert_eq!(&*b.text, "shared");
        assert!(!b.autosave);
        assert_eq!(
            b.banner,
            Some(Banner::Shared {
                saved: Rc::from("mine")
            })
        );
        // Nothing saved, or the same text saved: just open it.
        let b = Boot::decide(&hash, None);
        assert!(b.autosave && b.banner.is_none());
    }

    #[test]
    fn a_broken_link_keeps_the_saved_work() {
        let b = Boot::decide("#scenario=v1:AAAA", Some("mine".into()));
        assert_eq!(&*b.text, "mine");
        assert!(matches!(b.banner, Some(Banner::LinkError(m)) if m.contains("damaged")));
    }
}
