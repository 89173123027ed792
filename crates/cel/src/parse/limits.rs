//! The limits at which parsing stops, as cel-go's parser options name them.

use super::guard;

/// Limits of one parse. cel-go's own tests use smaller ones than its
/// defaults; they check ours with their values.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How deeply a grammar rule may nest, and how deeply the tree builder
    /// may recurse (cel-go's `MaxRecursionDepth`).
    pub depth: usize,
    /// Error recovery attempts (`ErrorRecoveryLimit`).
    pub recovery_attempts: usize,
    /// Tokens one error recovery may skip (`ErrorRecoveryLookaheadTokenLimit`).
    pub recovery_lookahead: usize,
    /// Syntax errors reported (`ErrorReportingLimit`).
    pub syntax_errors: usize,
}

impl Limits {
    /// cel-go's defaults, but the depth: the guards' (cel-go's default of
    /// 250 is deeper than the passes after parsing can go in a WebAssembly
    /// stack).
    pub const DEFAULT: Limits = Limits {
        depth: guard::MAX_DEPTH,
        recovery_attempts: 30,
        recovery_lookahead: 256,
        syntax_errors: 100,
    };
}
