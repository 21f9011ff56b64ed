//! A handle that asks a page's data again after a change: the page's
//! resource reads [`Refresh::version`] among its sources, and whoever made
//! the change calls [`Refresh::reload`].

use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct Refresh(RwSignal<u32>);

impl Refresh {
    pub fn new() -> Refresh {
        Refresh(RwSignal::new(0))
    }

    /// For a resource's source: changes each time `reload` is called.
    pub fn version(self) -> u32 {
        self.0.get()
    }

    /// Ask the data again.
    pub fn reload(self) {
        self.0.update(|v| *v = v.wrapping_add(1));
    }
}

impl Default for Refresh {
    fn default() -> Refresh {
        Refresh::new()
    }
}
