//! A timeline written out: for each moment (or the one asked for), a
//! comment line naming it and its time, one comment line per change with
//! why, then the claims and pods as the cluster then holds them; as YAML
//! (one stream, moments separated by `---` like their documents) or JSON
//! (`{"moments": [{name, at, events, objects}]}`); and the changes alone,
//! as text (`dra-playground explain` of a scenario with steps).

use serde_json::{json, Value};

use super::{run_result_documents, run_result_list, write_stream};
use crate::timeline::{time_words, Event, Moment, Timeline};

/// The moments to print: every one, or the one named `step` (None when no
/// moment has that name).
pub fn moments_to_print<'t>(timeline: &'t Timeline, step: Option<&str>) -> Option<Vec<&'t Moment>> {
    match step {
        None => Some(timeline.moments.iter().collect()),
        Some(name) => timeline
            .moments
            .iter()
            .find(|m| m.name == name)
            .map(|m| vec![m]),
    }
}

/// The moments as one YAML stream, each opened by comments saying which
/// moment it is and what changed.
pub fn timeline_yaml(moments: &[&Moment]) -> String {
    let mut out = String::new();
    for (index, moment) in moments.iter().enumerate() {
        if index > 0 {
            out.push_str("---\n");
        }
        out.push_str(&format!(
            "# moment {} at {}\n",
            moment.name,
            time_words(moment.at)
        ));
        for event in &moment.events {
            out.push_str(&format!("# {}\n", event_line(event)));
        }
        out.push_str(&write_stream(&run_result_documents(
            &moment.as_run_result(),
        )));
    }
    out
}

/// What changed at each moment, as text for `explain`: a line per moment,
/// then a line per change with why, indented.
pub fn timeline_events_text(timeline: &Timeline) -> String {
    let mut out = String::from("Timeline\n");
    for moment in &timeline.moments {
        out.push_str(&format!("  {} at {}\n", moment.name, time_words(moment.at)));
        for event in &moment.events {
            out.push_str(&format!("    {}\n", event_line(event)));
        }
    }
    out
}

/// One change in words: `TIME OBJECT: MESSAGE`.
fn event_line(event: &Event) -> String {
    format!(
        "{} {}: {}",
        time_words(event.at),
        event.object,
        event.message
    )
}

/// The moments as JSON.
pub fn timeline_json(moments: &[&Moment]) -> Value {
    let moments: Vec<Value> = moments
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "at": time_words(m.at),
                "events": m.events.iter().map(|e| json!({
                    "at": time_words(e.at),
                    "kind": e.kind,
                    "object": e.object,
                    "message": e.message,
                })).collect::<Vec<_>>(),
                "objects": run_result_list(&m.as_run_result()),
            })
        })
        .collect();
    json!({ "moments": moments })
}
