//! The switch of an exact shortcut (the search memo; the scheduler's kept
//! failures use it too): tests turn a shortcut off on their thread to
//! compare runs with it and without it, and count how often it answered.
//! Outside tests it is always on and counts nothing.

/// Declares, in the module of a shortcut: `bypassed()` (whether tests
/// turned it off on this thread) and `count_hit()`; for tests, `hits()`
/// (answers on this thread so far) and the named function that runs a
/// closure with the shortcut off.
macro_rules! shortcut_switch {
    ($(#[$doc:meta])* $without:ident) => {
        #[cfg(test)]
        thread_local! {
            static BYPASSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
            static HITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
        }

        /// How many times the shortcut answered on this thread so far.
        #[cfg(test)]
        pub(crate) fn hits() -> u64 {
            HITS.with(std::cell::Cell::get)
        }

        /// Counts an answer of the shortcut (in tests).
        fn count_hit() {
            #[cfg(test)]
            HITS.with(|hits| hits.set(hits.get() + 1));
        }

        /// Whether tests turned the shortcut off on this thread.
        fn bypassed() -> bool {
            #[cfg(test)]
            return BYPASSED.with(std::cell::Cell::get);
            #[cfg(not(test))]
            false
        }

        $(#[$doc])*
        #[cfg(test)]
        pub(crate) fn $without<R>(f: impl FnOnce() -> R) -> R {
            BYPASSED.with(|b| b.set(true));
            let result = f();
            BYPASSED.with(|b| b.set(false));
            result
        }
    };
}

pub(crate) use shortcut_switch;
