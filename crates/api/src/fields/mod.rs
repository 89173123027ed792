//! The field tree of the Kubernetes kinds that a scenario may hold without
//! the playground typing every field: core/v1 Pod, Node and Namespace,
//! apps/v1 Deployment, ReplicaSet, StatefulSet and DaemonSet, batch/v1 Job.
//!
//! The typed structs of [`crate::api`] keep only what the engine reads (and
//! the rest as written); this table is what the loader checks such a
//! document against, so that every field of the release is accepted (what
//! `kubectl get -o yaml` prints included) and a misspelled one is still an
//! error. It is generated from k8s.io/api's Go types of every release the
//! playground offers (`scripts/gen_api_fields.py`), with the release that
//! added each field.

mod generated;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A string (also a named string type such as `PodPhase`, or bytes).
    String,
    /// true or false.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Number,
    /// A `resource.Quantity`: a number or a string such as `10Gi`.
    Quantity,
    /// An `intstr.IntOrString`.
    IntOrString,
    /// A `metav1.Time`, written as an RFC 3339 string.
    Time,
    /// Anything (`runtime.RawExtension`, `fieldsV1`).
    Raw,
    /// An object of the named type of this table.
    Struct(&'static str),
    /// A list.
    List(&'static Shape),
    /// A map from string keys.
    Map(&'static Shape),
}

/// One field of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The JSON name.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// The minor release of Kubernetes 1.x that added it; 0 when every
    /// release the playground offers has it.
    pub since: u16,
}

/// The fields of one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeFields {
    /// The Go type name (`PodSpec`).
    pub name: &'static str,
    /// Its fields, sorted by name.
    pub fields: &'static [Field],
}

impl TypeFields {
    /// The field with this JSON name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields
            .binary_search_by(|f| f.name.cmp(name))
            .ok()
            .map(|i| &self.fields[i])
    }

    /// The JSON names of the fields that a release has (`None`: the newest).
    pub fn names_in(&self, minor: Option<u16>) -> impl Iterator<Item = &'static str> + '_ {
        self.fields
            .iter()
            .filter(move |f| minor.is_none_or(|m| f.since <= m))
            .map(|f| f.name)
    }
}

/// The type of this name (`Pod`, `PodSpec`, `ObjectMeta`, ...).
pub fn type_fields(name: &str) -> Option<&'static TypeFields> {
    generated::TYPES
        .binary_search_by(|t| t.name.cmp(name))
        .ok()
        .map(|i| &generated::TYPES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_struct_a_field_names_is_in_the_table() {
        fn check(shape: &Shape) {
            match shape {
                Shape::Struct(name) => assert!(type_fields(name).is_some(), "{name}"),
                Shape::List(inner) | Shape::Map(inner) => check(inner),
                _ => {}
            }
        }
        for t in generated::TYPES {
            assert!(
                t.fields.windows(2).all(|w| w[0].name < w[1].name),
                "{}",
                t.name
            );
            t.fields.iter().for_each(|f| check(&f.shape));
        }
        assert!(generated::TYPES.windows(2).all(|w| w[0].name < w[1].name));
    }

    #[test]
    fn pod_fields_of_a_running_pod() {
        let condition = type_fields("PodCondition").unwrap();
        assert_eq!(condition.field("lastProbeTime").unwrap().shape, Shape::Time);
        let spec = type_fields("PodSpec").unwrap();
        assert_eq!(spec.field("hostNetwork").unwrap().shape, Shape::Bool);
        assert!(spec.field("hostNetwrok").is_none());
        // PodSpec.schedulingGroup came with Kubernetes 1.36.
        assert_eq!(spec.field("schedulingGroup").unwrap().since, 36);
        assert!(!spec.names_in(Some(35)).any(|n| n == "schedulingGroup"));
        assert!(spec.names_in(None).any(|n| n == "schedulingGroup"));
    }
}
