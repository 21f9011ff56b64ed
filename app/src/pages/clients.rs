//! The Clients area. Its content comes with later issues; the door is real.

use leptos::prelude::*;
use policy::Area;

use crate::layout::AreaGate;

#[component]
pub fn ClientsPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Clients>
            <h1>"Clients"</h1>
            <p class="coming-soon">"Client search, intake and the lock on a client profile are coming soon."</p>
        </AreaGate>
    }
}
