//! Why preferred terms do not parse, in the words of upstream's
//! `nodeaffinity.NewPreferredSchedulingTerms`: each problem as a field
//! error under the term's index (`[0].matchExpressions[1].key: Invalid
//! value: ...`), all of them aggregated as Kubernetes aggregates errors
//! (one alone, several in brackets, duplicates once).

use crate::api::{NodeSelectorRequirement, PreferredSchedulingTerm};
use crate::names::{is_qualified_name, is_valid_label_value};

/// Go's `%#v` of a list of strings.
fn go_strings(values: &[String]) -> String {
    if values.is_empty() {
        return "[]string(nil)".to_owned();
    }
    let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
    format!("[]string{{{}}}", quoted.join(", "))
}

/// `labels.NewRequirement`'s problems with one label requirement at `path`.
fn expression_problems(r: &NodeSelectorRequirement, path: &str, out: &mut Vec<String>) {
    let supported = matches!(
        r.operator.as_str(),
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt"
    );
    if !supported {
        out.push(format!(
            "{path}.operator: Unsupported value: {:?}",
            r.operator
        ));
        return;
    }
    let key_problems = is_qualified_name(&r.key);
    if !key_problems.is_empty() {
        out.push(format!(
            "{path}.key: Invalid value: {:?}: {}",
            r.key,
            key_problems.join("; ")
        ));
    }
    let values = &r.values;
    let values_path = format!("{path}.values");
    match r.operator.as_str() {
        "In" | "NotIn" if values.is_empty() => out.push(format!(
            "{values_path}: Invalid value: {}: for 'in', 'notin' operators, values set can't be empty",
            go_strings(values)
        )),
        "Exists" | "DoesNotExist" if !values.is_empty() => out.push(format!(
            "{values_path}: Invalid value: {}: values set must be empty for exists and does not exist",
            go_strings(values)
        )),
        "Gt" | "Lt" => {
            if values.len() != 1 {
                out.push(format!(
                    "{values_path}: Invalid value: {}: for 'Gt', 'Lt' operators, exactly one value is required",
                    go_strings(values)
                ));
            }
            for (i, v) in values.iter().enumerate() {
                if v.parse::<i64>().is_err() {
                    out.push(format!(
                        "{values_path}[{i}]: Invalid value: {v:?}: for 'Gt', 'Lt' operators, the value must be an integer"
                    ));
                }
            }
        }
        _ => {}
    }
    for (i, v) in values.iter().enumerate() {
        let problems = is_valid_label_value(v);
        if !problems.is_empty() {
            out.push(format!(
                "{values_path}[{i}][{}]: Invalid value: {v:?}: {}",
                r.key,
                problems.join("; ")
            ));
        }
    }
}

/// `nodeSelectorRequirementsAsFieldSelector`'s problems with one field
/// requirement at `path`.
fn field_problems(r: &NodeSelectorRequirement, path: &str, out: &mut Vec<String>) {
    if r.values.len() != 1 {
        out.push(format!(
            "{path}.values: Invalid value: {}: must have one element",
            go_strings(&r.values)
        ));
    } else if !matches!(r.operator.as_str(), "In" | "NotIn") {
        out.push(format!(
            "{path}.operator: Invalid value: {:?}: not a valid selector operator",
            r.operator
        ));
    }
}

/// Kubernetes' aggregate of error messages.
fn aggregate(messages: Vec<String>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in messages {
        if !seen.contains(&m) {
            seen.push(m);
        }
    }
    match seen.len() {
        0 => None,
        1 => seen.pop(),
        _ => Some(format!("[{}]", seen.join(", "))),
    }
}

/// The problems of the preferred terms that are used (a weight other than
/// 0, a term that is not empty); None when they all parse.
pub(crate) fn preferred_terms_problem(terms: &[PreferredSchedulingTerm]) -> Option<String> {
    let mut messages = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let preference = &term.preference;
        if term.weight == 0
            || (preference.match_expressions.is_empty() && preference.match_fields.is_empty())
        {
            continue;
        }
        for (j, r) in preference.match_expressions.iter().enumerate() {
            expression_problems(r, &format!("[{i}].matchExpressions[{j}]"), &mut messages);
        }
        for (j, r) in preference.match_fields.iter().enumerate() {
            field_problems(r, &format!("[{i}].matchFields[{j}]"), &mut messages);
        }
    }
    aggregate(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_problems_are_bracketed_and_said_once() {
        assert_eq!(aggregate(vec![]), None);
        assert_eq!(aggregate(vec!["a".into(), "a".into()]), Some("a".into()));
        assert_eq!(
            aggregate(vec!["a".into(), "b".into(), "a".into()]),
            Some("[a, b]".into())
        );
        assert_eq!(
            go_strings(&["x".into(), "y".into()]),
            r#"[]string{"x", "y"}"#
        );
    }
}
