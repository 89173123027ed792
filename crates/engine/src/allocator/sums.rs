//! Running totals of quantities (consumed capacity, counters), kept by name.

use std::collections::BTreeMap;

use crate::quantity::Quantity;

/// Quantities by name (capacity or counter name).
pub(crate) type Amounts = BTreeMap<String, Quantity>;

/// `total + value`; when the exact sum cannot be represented the total is
/// kept (upstream's arbitrary precision never gets there in practice).
pub(crate) fn add(total: &mut Quantity, value: &Quantity) {
    if let Some(sum) = total.checked_add(value) {
        *total = sum;
    }
}

/// `total - value`, with the same caveat as [`add`].
pub(crate) fn sub(total: &mut Quantity, value: &Quantity) {
    if let Some(difference) = total.checked_sub(value) {
        *total = difference;
    }
}

/// Adds quantities into totals, starting missing names at zero.
pub(crate) fn add_all<'q>(
    totals: &mut Amounts,
    values: impl IntoIterator<Item = (&'q String, &'q Quantity)>,
) {
    for (name, value) in values {
        match totals.get_mut(name) {
            Some(total) => add(total, value),
            None => {
                totals.insert(name.clone(), value.clone());
            }
        }
    }
}
