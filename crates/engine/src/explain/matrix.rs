//! The selector-by-device matrix: every distinct selector expression of the
//! scenario (of classes, claims and templates) evaluated on every device.

use std::collections::HashMap;

use crate::api::{device_id, ResourceSlice};
use crate::cel::{compile, CompileOptions, DeviceInput};
use crate::load::LoadedScenario;

use super::model::{Cell, MatrixRow, SelectorMatrix};
use super::sources::selector_sites;

/// Builds the matrix (rows in order of first use in the document).
pub(crate) fn build(
    loaded: &LoadedScenario,
    slices: &[&ResourceSlice],
    options: CompileOptions,
) -> SelectorMatrix {
    let mut devices = Vec::new();
    let mut inputs = Vec::new();
    for slice in slices {
        for device in &slice.spec.devices {
            devices.push(device_id(
                &slice.spec.driver,
                &slice.spec.pool.name,
                &device.name,
            ));
            inputs.push(DeviceInput {
                driver: &slice.spec.driver,
                attributes: &device.attributes,
                capacity: &device.capacity,
                allow_multiple_allocations: device.allow_multiple_allocations,
            });
        }
    }
    let mut rows: Vec<MatrixRow> = Vec::new();
    let mut by_expression: HashMap<&str, usize> = HashMap::new();
    for site in selector_sites(loaded) {
        if let Some(&row) = by_expression.get(site.expression) {
            rows[row].used_by.push(site.label());
            continue;
        }
        let cells: Vec<Cell> = match compile(site.expression, &options) {
            Err(error) => inputs
                .iter()
                .map(|_| Cell::Error(format!("CEL compile error: {}", error.message)))
                .collect(),
            Ok(program) => inputs
                .iter()
                .map(|input| match program.evaluate(input) {
                    Ok(true) => Cell::True,
                    Ok(false) => Cell::False,
                    Err(error) => Cell::Error(error.message),
                })
                .collect(),
        };
        by_expression.insert(site.expression, rows.len());
        rows.push(MatrixRow {
            expression: site.expression.to_owned(),
            used_by: vec![site.label()],
            matches: cells.iter().filter(|c| **c == Cell::True).count(),
            cells,
        });
    }
    SelectorMatrix { devices, rows }
}
