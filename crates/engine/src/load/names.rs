//! Names the apiserver gives: an object with only `metadata.generateName`
//! gets its name completed ([`crate::api::generate_name`], deterministic:
//! seeded by the object's kind, namespace and prefix, and how many such
//! objects came before it; a name already taken is drawn again, as
//! Kubernetes retries). Then two objects of one kind, namespace and name
//! are an error at the second, as the apiserver refuses to create it.

use std::collections::{HashMap, HashSet};

use super::LoadedObject;
use crate::api::{generate_name, Object};
use crate::diagnostic::Diagnostic;
use crate::yaml::FieldPath;

/// How many names to draw for one object before giving up.
const MAX_DRAWS: usize = 16;

/// Completes names in place, object by object in order. A scenario's
/// moments (`super::steps`) are separate scopes: a step may apply an object
/// again, changed.
#[derive(Default)]
pub(super) struct Names {
    /// The document indices of the Step documents, in order.
    step_documents: Vec<usize>,
    /// Per (kind, namespace, name, moment): taken.
    taken: HashSet<(&'static str, String, String, usize)>,
    /// Per (kind, namespace, prefix): how many names were drawn.
    drawn: HashMap<(&'static str, String, String), usize>,
    /// Per (kind, namespace, name, moment): where the first is written.
    first: HashMap<(&'static str, String, String, usize), usize>,
}

impl Names {
    /// Names for a scenario whose Step documents are these documents.
    pub fn new(step_documents: Vec<usize>) -> Names {
        Names {
            step_documents,
            ..Names::default()
        }
    }

    /// The moment of an object (Steps share one scope: their names are
    /// unique in the scenario).
    fn moment(&self, o: &LoadedObject) -> usize {
        if matches!(o.object, Object::Step(_)) {
            return 0;
        }
        self.step_documents
            .iter()
            .take_while(|&&d| d <= o.document)
            .count()
    }

    /// Gives an object without a name its generated name, and reports a
    /// name taken before.
    pub fn name(&mut self, o: &mut LoadedObject, diagnostics: &mut Vec<Diagnostic>) {
        {
            let moment = self.moment(o);
            let kind = o.object.kind();
            if matches!(o.object, Object::Scenario(_)) {
                return;
            }
            let namespaced = o.object.is_namespaced();
            let meta = o.object.metadata_mut();
            let namespace = if namespaced {
                meta.namespace_or_default().to_owned()
            } else {
                String::new()
            };
            if meta.name.is_empty() && !meta.generate_name.is_empty() {
                let prefix = meta.generate_name.clone();
                let n = self
                    .drawn
                    .entry((kind, namespace.clone(), prefix.clone()))
                    .or_default();
                for _ in 0..MAX_DRAWS {
                    let name = generate_name(&prefix, &format!("{kind}/{namespace}/{prefix}#{n}"));
                    *n += 1;
                    if !self
                        .taken
                        .contains(&(kind, namespace.clone(), name.clone(), moment))
                    {
                        meta.name = name;
                        break;
                    }
                }
            }
            if meta.name.is_empty() {
                return;
            }
            let key = (kind, namespace, meta.name.clone(), moment);
            if self.taken.insert(key.clone()) {
                self.first.insert(key, o.spans.object.start.line);
            } else {
                let first = self.first.get(&key);
                let (kind, namespace, name, _) = key;
                let place = if namespace.is_empty() {
                    String::new()
                } else {
                    format!(" in namespace {namespace:?}")
                };
                diagnostics.push(Diagnostic::error(
                    o.spans.error_span(&FieldPath::new("metadata").child("name")),
                    format!(
                        "{kind} {name:?} already exists{place} (written at line {}): two objects of one kind, namespace and name are one object in Kubernetes",
                        first.copied().unwrap_or_default()
                    ),
                ));
            }
        }
    }
}
