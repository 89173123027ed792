//! Compiled CEL selectors, kept across allocator calls: each distinct
//! expression is compiled once, and (because a selector is a pure function of
//! the device) each selector's verdict on a device is computed once per
//! inventory. The same per-run cache keeps the pools each node reaches.

use std::cell::RefCell;

use super::fast_hash::FastMap;
use std::rc::Rc;

use super::inventory::Inventory;
use super::pool_cache::{NodePools, PoolCache};
use crate::api::Node;
use crate::cel::{self, CompileError, CompileOptions, DeviceInput, Program, RuntimeError};
use crate::features::Features;

/// Identifies a compiled (or failed) expression inside a [`CelCache`].
pub(crate) type ProgramId = u32;

/// A compile cache (and verdict memo) for device selectors, with the pools
/// each node reaches. Create one per run and hand it to every
/// [`super::Allocator`]; it is not thread-safe.
#[derive(Debug, Default)]
pub struct CelCache {
    inner: RefCell<CacheState>,
    pools: PoolCache,
}

#[derive(Debug, Default)]
struct CacheState {
    ids: FastMap<CompileOptions, FastMap<String, ProgramId>>,
    programs: Vec<Rc<Result<Program, CompileError>>>,
    /// The inventory whose devices `verdicts` is about.
    inventory: Option<u64>,
    verdicts: FastMap<(ProgramId, u32), Result<bool, RuntimeError>>,
}

impl CelCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The pools with devices that `node` can reach, in the order the
    /// search visits them (gathered once per node and inventory).
    pub(crate) fn pools_of(
        &self,
        inventory: &Inventory<'_>,
        node: &Node,
        features: &Features,
    ) -> NodePools {
        self.pools.pools(inventory, node, features)
    }

    /// Compiles an expression (or returns the earlier outcome for it).
    pub(crate) fn compile(
        &self,
        expression: &str,
        options: CompileOptions,
    ) -> (ProgramId, Rc<Result<Program, CompileError>>) {
        let mut state = self.inner.borrow_mut();
        if let Some(&id) = state.ids.get(&options).and_then(|ids| ids.get(expression)) {
            return (id, Rc::clone(&state.programs[id as usize]));
        }
        let program = Rc::new(cel::compile(expression, &options));
        let id = state.programs.len() as ProgramId;
        state.programs.push(Rc::clone(&program));
        state
            .ids
            .entry(options)
            .or_default()
            .insert(expression.to_owned(), id);
        (id, program)
    }

    /// Evaluates a compiled program against a device, memoized by the
    /// inventory's serial and the device's index in it.
    pub(crate) fn evaluate(
        &self,
        id: ProgramId,
        program: &Program,
        inventory: u64,
        device_index: u32,
        device: &DeviceInput<'_>,
    ) -> Result<bool, RuntimeError> {
        {
            let mut state = self.inner.borrow_mut();
            if state.inventory != Some(inventory) {
                state.verdicts.clear();
                state.inventory = Some(inventory);
            }
            if let Some(verdict) = state.verdicts.get(&(id, device_index)) {
                return verdict.clone();
            }
        }
        let verdict = program.evaluate(device);
        self.inner
            .borrow_mut()
            .verdicts
            .insert((id, device_index), verdict.clone());
        verdict
    }
}
