//! The device fields a selector reads (`device.driver`,
//! `device.attributes[domain].name`, `device.capacity[domain].name`), found
//! in its tree, and their values on a device.

use crate::api::{Device, DeviceCapacity};
use crate::cel::syntax::{Expr, ExprKind};

/// A device field a selector reads.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum FieldRef {
    /// `device.attributes[domain].name`.
    Attribute { domain: String, name: String },
    /// `device.capacity[domain].name`.
    Capacity { domain: String, name: String },
    /// `device.driver`.
    Driver,
}

impl FieldRef {
    /// `domain/name`, or `driver`.
    pub fn label(&self) -> String {
        match self {
            FieldRef::Attribute { domain, name } | FieldRef::Capacity { domain, name } => {
                format!("{domain}/{name}")
            }
            FieldRef::Driver => "driver".into(),
        }
    }

    /// The device's value of the field, as text; None when it has none.
    pub fn value(&self, device: &Device, driver: &str) -> Option<String> {
        match self {
            FieldRef::Driver => Some(format!("{driver:?}")),
            FieldRef::Attribute { domain, name } => {
                crate::allocator::lookup_attribute_text(device, driver, &format!("{domain}/{name}"))
            }
            FieldRef::Capacity { domain, name } => {
                capacity_of(device, driver, domain, name).map(|c| c.value.canonical())
            }
        }
    }
}

/// A device's capacity by domain and name (unqualified names are in the
/// driver's domain).
pub(crate) fn capacity_of<'d>(
    device: &'d Device,
    driver: &str,
    domain: &str,
    name: &str,
) -> Option<&'d DeviceCapacity> {
    device
        .capacity
        .get(&format!("{domain}/{name}"))
        .or_else(|| {
            (domain == driver)
                .then(|| device.capacity.get(name))
                .flatten()
        })
}

/// A device field reference: `device.driver`, `device.attributes[d].n`,
/// `device.attributes[d]["n"]` (same for capacity).
pub(crate) fn field_ref(expr: &Expr) -> Option<FieldRef> {
    let (map_expr, name) = match &expr.kind {
        ExprKind::Select(s) if !s.test_only => {
            if matches!(&s.operand.kind, ExprKind::Ident(i) if i == "device") && s.field == "driver"
            {
                return Some(FieldRef::Driver);
            }
            (&s.operand, s.field.clone())
        }
        ExprKind::Call(c) if c.function == "_[_]" && c.args.len() == 2 => {
            (&c.args[0], Expr::as_string_literal(&c.args[1])?.to_owned())
        }
        _ => return None,
    };
    let index = match &map_expr.kind {
        ExprKind::Call(c) if c.function == "_[_]" && c.args.len() == 2 => c,
        _ => return None,
    };
    let domain = Expr::as_string_literal(&index.args[1])?.to_owned();
    match &index.args[0].kind {
        ExprKind::Select(s)
            if !s.test_only && matches!(&s.operand.kind, ExprKind::Ident(i) if i == "device") =>
        {
            match s.field.as_str() {
                "attributes" => Some(FieldRef::Attribute { domain, name }),
                "capacity" => Some(FieldRef::Capacity { domain, name }),
                _ => None,
            }
        }
        _ => None,
    }
}
