//! Merge glue: the API types (main branch) derive `Default` for structs that
//! hold a `Quantity`, and the quantity branch does not implement it. The
//! zero quantity is the natural default. Remove this once `quantity` gets
//! its own `Default` implementation.

impl Default for crate::quantity::Quantity {
    fn default() -> Self {
        crate::quantity::Quantity::zero()
    }
}
