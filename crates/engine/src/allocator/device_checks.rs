//! The checks of one device for one request, each written once.
//!
//! Two callers map the verdicts to what they need:
//!
//! - the search (`search.rs`) runs them in upstream's order (`allocateOne`,
//!   `isSelectable`, `allocateDevice`) and only wants to know, fast, whether
//!   the device can be used (or which error ends the attempt);
//! - the funnel (`funnel.rs`) runs them in the order an explanation lists
//!   them and wants the first reason a device cannot be used, with the
//!   deciding values (a [`Reason`]; the `reason` methods here).
//!
//! Checks that depend on what the search picked so far (in use, capacity,
//! counters) are methods of the search state (`search/state_checks.rs`). A test (`tests/funnel_agreement.rs`) holds the two
//! callers to the same verdicts over every conformance case.

use std::borrow::Cow;
use std::rc::Rc;

use super::cel_cache::{CelCache, ProgramId};
use super::counters::Shortfall;
use super::inventory::{DevicePos, Inventory};
use super::node_selector::{node_matches, node_selection_of};
use super::report::Reason;
use super::request::RequestRef;
use crate::api::{Device, DeviceSelector, DeviceTaint, Node, ResourceSlice};
use crate::cel::{CompileError, CompileOptions, DeviceInput, Program, RuntimeError};
use crate::features::Features;

/// What upstream says of a selector that is not a CEL expression.
pub(crate) const EMPTY_SELECTOR: &str = "CEL expression empty (unsupported selector type?)";

/// Per-device node selection: whether the node can use the device (always,
/// unless its slice selects nodes per device). Err: a node selector that
/// does not parse.
pub(crate) fn device_reaches_node(
    slice: &ResourceSlice,
    device: &Device,
    node: &Node,
) -> Result<bool, String> {
    if slice.spec.per_device_node_selection != Some(true) {
        return Ok(true);
    }
    node_matches(node, node_selection_of(device))
}

/// A device with binding conditions needs DRADeviceBindingConditions (with
/// DRAResourceClaimDeviceStatus).
pub(crate) fn binding_conditions_allowed(features: Features, device: &Device) -> bool {
    features.device_binding_and_status || device.binding_conditions.is_empty()
}

/// A device that consumes shared counters needs DRAPartitionableDevices.
pub(crate) fn counters_allowed(features: Features, device: &Device) -> bool {
    features.partitionable_devices || device.consumes_counters.is_empty()
}

/// Whether the device can be allocated to several claims at once (its
/// consumable capacity shared between them).
pub(crate) fn shareable(features: Features, device: &Device) -> bool {
    features.consumable_capacity && device.allow_multiple_allocations == Some(true)
}

/// The first taint with effect NoSchedule or NoExecute that the request does
/// not tolerate, when DRADeviceTaints is on.
pub(crate) fn blocking_taint<'d>(
    features: Features,
    request: RequestRef<'_>,
    device: &'d Device,
) -> Option<&'d DeviceTaint> {
    if !features.device_taints {
        return None;
    }
    request.first_blocking(&device.taints)
}

/// The options selectors are compiled with under these features.
pub(crate) fn selector_options(features: Features) -> CompileOptions {
    CompileOptions {
        list_type_attributes: features.list_type_attributes,
        consumable_capacity: features.consumable_capacity,
    }
}

/// What a list of selectors says of a device.
#[derive(Debug)]
pub(crate) enum SelectorVerdict {
    /// Every selector is true.
    AllTrue,
    /// The selector at this index is false (those before it are true).
    False(usize),
    /// The selector at this index cannot be evaluated.
    Failed(usize, SelectorFailure),
}

/// Why a selector cannot be evaluated.
#[derive(Debug)]
pub(crate) enum SelectorFailure {
    /// Not a CEL expression.
    Empty,
    /// The expression does not compile (the compiler's message).
    Compile(String),
    /// The expression fails on this device.
    Runtime(RuntimeError),
}

impl SelectorFailure {
    /// The failure as upstream words it after `selector #N:` (a runtime
    /// error is worded by the caller, which names the device).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            SelectorFailure::Empty => Cow::Borrowed(EMPTY_SELECTOR),
            SelectorFailure::Compile(message) => {
                Cow::Owned(format!("CEL compile error: {message}"))
            }
            SelectorFailure::Runtime(error) => Cow::Borrowed(&error.message),
        }
    }
}

/// Evaluates selectors (compiled once per expression and features, each
/// verdict memoized per device in the cache) against the device at `pos`,
/// in order, up to the first that is not true.
pub(crate) fn selectors(
    cel: &CelCache,
    features: Features,
    inventory: &Inventory<'_>,
    pos: DevicePos,
    selectors: &[DeviceSelector],
) -> SelectorVerdict {
    CompiledSelectors::of(cel, features, selectors).verdict(cel, inventory, pos)
}

/// One selector, looked up in the cache: its program, or why it has none.
type CompiledSelector = Result<(ProgramId, Rc<Result<Program, CompileError>>), ()>;

/// A list of selectors looked up once in the [`CelCache`] (by expression
/// text), for evaluating them on many devices; `Err(())` is a selector that
/// is not a CEL expression.
#[derive(Debug, Default)]
pub(crate) struct CompiledSelectors(Vec<CompiledSelector>);

impl CompiledSelectors {
    /// The selectors, compiled with the options of these features (an
    /// expression is compiled once per cache).
    pub fn of(cel: &CelCache, features: Features, selectors: &[DeviceSelector]) -> Self {
        let options = selector_options(features);
        CompiledSelectors(
            selectors
                .iter()
                .map(|selector| {
                    let expression = selector.cel.as_ref().ok_or(())?;
                    Ok(cel.compile(&expression.expression, options))
                })
                .collect(),
        )
    }

    /// What the selectors say of the device at `pos`, evaluated in order up
    /// to the first that is not true.
    pub fn verdict(
        &self,
        cel: &CelCache,
        inventory: &Inventory<'_>,
        pos: DevicePos,
    ) -> SelectorVerdict {
        let slice = inventory.slice(pos.slice);
        let device = &slice.spec.devices[pos.device as usize];
        for (index, compiled) in self.0.iter().enumerate() {
            let Ok((program_id, program)) = compiled else {
                return SelectorVerdict::Failed(index, SelectorFailure::Empty);
            };
            let program = match program.as_ref() {
                Ok(program) => program,
                Err(error) => {
                    return SelectorVerdict::Failed(
                        index,
                        SelectorFailure::Compile(error.message.clone()),
                    )
                }
            };
            let input = DeviceInput {
                driver: &slice.spec.driver,
                attributes: &device.attributes,
                capacity: &device.capacity,
                allow_multiple_allocations: device.allow_multiple_allocations,
            };
            match cel.evaluate(
                *program_id,
                program,
                inventory.serial,
                inventory.global_index(pos),
                &input,
            ) {
                Ok(true) => {}
                Ok(false) => return SelectorVerdict::False(index),
                Err(error) => {
                    return SelectorVerdict::Failed(index, SelectorFailure::Runtime(error))
                }
            }
        }
        SelectorVerdict::AllTrue
    }
}

impl SelectorVerdict {
    /// The reason the selectors (of the request's class when `class`) do not
    /// select the device; None when they do.
    pub fn reason(self, class: bool) -> Option<Reason> {
        match self {
            SelectorVerdict::AllTrue => None,
            SelectorVerdict::False(index) if class => Some(Reason::ClassSelector { index }),
            SelectorVerdict::False(index) => Some(Reason::RequestSelector { index }),
            SelectorVerdict::Failed(index, failure) => Some(Reason::SelectorError {
                class,
                index,
                message: failure.text().into_owned(),
            }),
        }
    }
}

/// The reason a taint blocks a device.
pub(crate) fn taint_reason(taint: &DeviceTaint) -> Reason {
    Reason::Taint {
        key: taint.key.clone(),
        value: taint.value.clone(),
        effect: taint.effect.clone(),
    }
}

impl Shortfall {
    /// The reason, given whether devices the search turned down still hold
    /// part of the counter.
    pub fn reason(self, held_by_rejected: bool) -> Reason {
        Reason::Counters {
            counter_set: self.counter_set,
            counter: self.counter,
            needed: self.needed.canonical(),
            left: self.left.canonical(),
            joint: self.joint,
            held_by_rejected,
        }
    }
}
