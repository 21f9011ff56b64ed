//! The Personnel area. Its content comes with later issues; the door is real.

use leptos::prelude::*;
use policy::Area;

use crate::layout::AreaGate;

#[component]
pub fn PersonnelPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Personnel>
            <h1>"Personnel"</h1>
            <p class="coming-soon">"The personnel directory, teams and roles are coming soon."</p>
        </AreaGate>
    }
}
