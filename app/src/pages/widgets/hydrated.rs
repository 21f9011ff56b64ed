//! "Enabled once hydrated": a button pressed before the WASM has taken over
//! the server-rendered page would do nothing, so controls stay disabled
//! until then.

use leptos::prelude::*;

/// `false` while the page is only server-rendered HTML; `true` once the
/// browser has hydrated it (effects run only in the browser).
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}
