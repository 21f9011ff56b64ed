//! The frame of every signed-in page: the header with the person and
//! sign-out, the navigation, and the gates in front of each area.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_location;
use policy::Area;

use crate::api::area::open_area;
use crate::api::session::{SignOut, whoami};
use crate::me::Me;
use crate::navigation::load_page;
use crate::pages::status::ProblemPage;

/// Every signed-in page: a 401 page when signed out; only the password
/// page while a password change is pending.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    let account = Resource::new(|| (), |_| whoami());
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(me) => {
                        let on_password_page = location.pathname.get_untracked() == "/change-password";
                        if me.must_change_password && !on_password_page {
                            view! { <Redirect path="/change-password" /> }.into_any()
                        } else {
                            provide_context(me.clone());
                            view! {
                                <Header me />
                                <main class="page">
                                    <Outlet />
                                </main>
                            }
                                .into_any()
                        }
                    }
                    Err(error) => view! { <main class="standalone"><ProblemPage error /></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Header(me: Me) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            load_page("/login");
        }
    });
    let show_navigation = !me.must_change_password;
    view! {
        <header class="app-header">
            <a class="brand" href="/clients">"Safehold"</a>
            {show_navigation.then(|| view! {
                <nav aria-label="Main">
                    <A href="/clients">"Clients"</A>
                    <A href="/sessions">"Sessions"</A>
                    <A href="/personnel">"Personnel"</A>
                    <A href="/my-team">"My team"</A>
                    <A href="/administration">"Administration"</A>
                </nav>
            })}
            <div class="account">
                <span class="who">
                    <span class="name">{me.name.clone()}</span>
                    <span class="role">{me.role_name.clone()}</span>
                </span>
                <ActionForm action=sign_out>
                    <button type="submit" class="secondary" disabled=move || !ready.get()>"Sign out"</button>
                </ActionForm>
            </div>
        </header>
    }
}

/// Shows `children` only when the server lets the current person open
/// `area`; otherwise the 401 or 403 page with the reason.
#[component]
pub fn AreaGate(area: Area, children: ChildrenFn) -> impl IntoView {
    let access = Resource::new(move || area, open_area);
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match access.await {
                    Ok(()) => children.read_value()().into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
