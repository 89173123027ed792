//! The DRA size estimator: the sizes Kubernetes declares for what a
//! selector reads through `device` (63-character driver names, at most 32
//! attributes and capacities per domain, 64-character attribute values, ...).

use super::{Est, Node};

/// The declared size limits of the `device` variable, by path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Decl {
    Device,
    Driver,
    MultiAlloc,
    Attributes,
    AttributeDomain,
    AttributeValue,
    Capacity,
    CapacityDomain,
    Quantity,
    DomainKey,
    IdKey,
}

impl Decl {
    fn max_elements(self) -> u64 {
        match self {
            Decl::Device => 0,
            Decl::Driver => 63,
            Decl::MultiAlloc => 1,
            Decl::Attributes | Decl::AttributeDomain | Decl::Capacity | Decl::CapacityDomain => 32,
            Decl::AttributeValue => 64,
            Decl::Quantity => 0,
            Decl::DomainKey => 63,
            Decl::IdKey => 32,
        }
    }

    fn elem(self) -> Option<Decl> {
        match self {
            Decl::Attributes => Some(Decl::AttributeDomain),
            Decl::AttributeDomain => Some(Decl::AttributeValue),
            Decl::Capacity => Some(Decl::CapacityDomain),
            Decl::CapacityDomain => Some(Decl::Quantity),
            _ => None,
        }
    }

    fn key(self) -> Option<Decl> {
        match self {
            Decl::Attributes | Decl::Capacity => Some(Decl::DomainKey),
            Decl::AttributeDomain | Decl::CapacityDomain => Some(Decl::IdKey),
            _ => None,
        }
    }

    fn field(self, name: &str) -> Option<Decl> {
        match (self, name) {
            (Decl::Device, "driver") => Some(Decl::Driver),
            (Decl::Device, "allowMultipleAllocations") => Some(Decl::MultiAlloc),
            (Decl::Device, "attributes") => Some(Decl::Attributes),
            (Decl::Device, "capacity") => Some(Decl::Capacity),
            _ => None,
        }
    }
}

/// The declared size of what `n` reads through `device`, if it does.
pub fn device_size(n: &Node<'_>) -> Option<Est> {
    let path = n.path.as_ref()?;
    if path.first().map(String::as_str) != Some("device") {
        return None;
    }
    let mut cur = Decl::Device;
    for name in &path[1..] {
        cur = match name.as_str() {
            "@items" | "@values" => cur.elem()?,
            "@keys" => cur.key()?,
            other => match cur.field(other) {
                Some(d) => d,
                None if cur.elem() == Some(Decl::AttributeValue) => Decl::AttributeValue,
                None => return None,
            },
        };
    }
    Some(Est {
        min: 0,
        max: cur.max_elements(),
    })
}
