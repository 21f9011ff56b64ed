//! The frame of every signed-in page: the header with the person and
//! sign-out, the navigation, and the gates in front of each area.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::use_location;
use policy::Area;

use crate::api::area::open_area;
use crate::api::session::{SignOut, whoami};
use crate::me::{Me, SignedIn, me_of};
use crate::navigation::load_page;
use crate::pages::widgets::{ProblemPage, loading};

/// Every signed-in page: the header once the person is known; only the
/// password page while a password change is pending. The page itself sits
/// outside the header's `Suspense`: a page made inside a `Suspend` would be
/// made again each time Leptos re-walks it on the server, with fresh
/// resources each time, which can leave the response waiting for ever. So
/// each page says for itself why it is refused (its server functions refuse
/// a visitor who is signed out with 401), and reads the person through
/// `SignedIn` when it offers buttons by permission.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    let account = Resource::new(|| (), |_| whoami());
    provide_context(SignedIn(account));
    let location = use_location();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(me) => {
                        let on_password_page = location.pathname.get_untracked() == "/change-password";
                        if me.must_change_password && !on_password_page {
                            view! { <Redirect path="/change-password" /> }.into_any()
                        } else {
                            let choose_question = me.must_choose_security_question;
                            view! {
                                <Header me />
                                {choose_question.then(|| view! {
                                    <p class="notice choose-question" role="status">
                                        "Security questions now come from a fixed list, and yours is not on it. "
                                        <a href="/change-password">"Choose a security question from the list"</a>
                                        " to keep password recovery working."
                                    </p>
                                })}
                            }
                            .into_any()
                        }
                    }
                    // The page below says why.
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
        <main class="page">
            <Outlet />
        </main>
    }
}

#[component]
fn Header(me: Me) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let ready = crate::pages::widgets::use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            load_page("/login");
        }
    });
    let show_navigation = !me.must_change_password;
    let menu = me.menu.clone();
    view! {
        <header class="app-header">
            <a class="brand" href=me.start.path()>"Safehold"</a>
            {show_navigation.then(move || view! {
                <nav aria-label="Main">
                    {menu.into_iter().map(|place| view! { <A href=place.path()>{place.label()}</A> }).collect_view()}
                </nav>
            })}
            <div class="account">
                <a class="who" href="/account" title="Your account">
                    <span class="name">{me.name.clone()}</span>
                    <span class="role">{me.role_name.clone()}</span>
                </a>
                <ActionForm action=sign_out>
                    <button type="submit" class="secondary" disabled=move || !ready.get()>"Sign out"</button>
                </ActionForm>
            </div>
        </header>
    }
}

/// Shows `children` only when the server lets the current person open
/// `area`; otherwise the 401 or 403 page with the reason. The children find
/// the signed-in person as a `Me` context.
#[component]
pub fn AreaGate(area: Area, children: ChildrenFn) -> impl IntoView {
    let access = Resource::new(move || area, open_area);
    let signed_in = SignedIn::find();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match access.await {
                    Ok(()) => {
                        if let Some(me) = me_of(signed_in).await {
                            provide_context(me);
                        }
                        children.read_value()().into_any()
                    }
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/`: sends the person to their start page (`policy::start_page`), so that
/// "Go to the start page" and signing in always lead somewhere that opens.
#[component]
pub fn StartPage() -> impl IntoView {
    let signed_in = SignedIn::find();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match signed_in {
                    Some(signed_in) => match signed_in.0.await {
                        Ok(me) => view! { <Redirect path=me.start.path() /> }.into_any(),
                        Err(error) => view! { <ProblemPage error /> }.into_any(),
                    },
                    None => ().into_any(),
                }
            })}
        </Suspense>
    }
}
