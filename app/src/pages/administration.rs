//! The Administration area. Its content comes with later issues; the door is real.

use leptos::prelude::*;
use policy::Area;

use crate::layout::AreaGate;

#[component]
pub fn AdministrationPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Administration>
            <h1>"Administration"</h1>
            <p class="coming-soon">"Site settings, organization default rules and the override log are coming soon."</p>
        </AreaGate>
    }
}
