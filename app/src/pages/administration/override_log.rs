//! `/administration/overrides`: "Access overrides", the override log, for
//! people whose role has "view the access-override log" and for site
//! administrators. Filters by person, record and date range; newest first;
//! a page at a time; "Export CSV" downloads the filtered entries.

use leptos::prelude::*;

use crate::plural::OVERRIDES;
use policy::Permission;

use crate::api::override_log::{export_override_log, override_log};
use crate::error::AppError;
use crate::me::{SignedIn, me_of};
use crate::override_log::{OverrideLogEntry, OverrideLogFilter, OverrideLogPage};
use crate::pages::pager::{PagePosition, PageStatus, Pager};
use crate::pages::widgets::{FormProblem, ProblemPage, field_error, loading, use_hydrated};

/// No area gate: the server refuses the log with the reason, and the page
/// shows it. The filters show only to those who may read the log.
#[component]
pub fn OverrideLogPage() -> impl IntoView {
    let filter = RwSignal::new(OverrideLogFilter::default());
    let page = RwSignal::new(0u32);
    let ready = use_hydrated();
    let entries = Resource::new(
        move || (filter.get(), page.get()),
        |(filter, page)| override_log(filter, page),
    );
    let error = Signal::derive(move || entries.get().and_then(Result::err));
    let signed_in = SignedIn::find();
    let set = move |change: fn(&mut OverrideLogFilter, String)| {
        move |ev: leptos::ev::Event| {
            page.set(0);
            filter.update(|f| change(f, event_target_value(&ev)));
        }
    };
    view! {
        // The filters show to those whose role may read the log; the server
        // decides again.
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let may_read = me_of(signed_in)
                    .await
                    .is_some_and(|me| me.holds(Permission::ViewOverrideLog));
                may_read.then(|| view! {
                    <div class="page-heading">
                        <h1>"Access overrides"</h1>
                        <ExportCsv filter ready />
                    </div>
                    <form class="log-filters" role="search" on:submit=|ev| ev.prevent_default() novalidate>
                        <div>
                            <label for="log-person">"Personnel (name or email)"</label>
                            <input id="log-person" type="search" autocomplete="off" disabled=move || !ready.get()
                                prop:value=move || filter.with(|f| f.person.clone())
                                on:input=set(|f, v| f.person = v) />
                        </div>
                        <div>
                            <label for="log-record">"Record (client name, identifier or session title)"</label>
                            <input id="log-record" type="search" autocomplete="off" disabled=move || !ready.get()
                                prop:value=move || filter.with(|f| f.record.clone())
                                on:input=set(|f, v| f.record = v) />
                        </div>
                        <div>
                            <label for="log-from">"From (YYYY-MM-DD)"</label>
                            <input id="log-from" name="from" type="date" disabled=move || !ready.get()
                                prop:value=move || filter.with(|f| f.from.clone())
                                on:change=set(|f, v| f.from = v) />
                            <p class="field-error">{field_error(error, "from")}</p>
                        </div>
                        <div>
                            <label for="log-to">"To (YYYY-MM-DD)"</label>
                            <input id="log-to" name="to" type="date" disabled=move || !ready.get()
                                prop:value=move || filter.with(|f| f.to.clone())
                                on:change=set(|f, v| f.to = v) />
                            <p class="field-error">{field_error(error, "to")}</p>
                        </div>
                    </form>
                })
            })}
        </Suspense>
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(found) => view! { <Entries found page /> }.into_any(),
                    Err(AppError::Invalid { .. }) => ().into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Entries(found: OverrideLogPage, page: RwSignal<u32>) -> impl IntoView {
    let OverrideLogPage {
        entries,
        total,
        page: shown,
        page_size,
    } = found;
    let at = PagePosition {
        page: shown,
        page_size,
        count: entries.len(),
        total,
    };
    view! {
        <PageStatus at noun=OVERRIDES after=", newest first" empty="No overrides match." />
        <ul class="override-log">
            {entries.into_iter().map(|entry| view! { <Entry entry /> }).collect_view()}
        </ul>
        <Pager at page />
    }
    .into_any()
}

#[component]
fn Entry(entry: OverrideLogEntry) -> impl IntoView {
    let OverrideLogEntry {
        personnel_name,
        personnel_email,
        record_kind,
        record_name,
        record_href,
        reason,
        granted_local,
        ends_local,
        running,
        ..
    } = entry;
    let ended = if running {
        format!("Running until {ends_local}")
    } else {
        format!("Ended {ends_local}")
    };
    view! {
        <li class="log-entry">
            <div class="log-who">
                <span class="person-name">{personnel_name}</span>
                <span class="person-detail">{personnel_email}</span>
            </div>
            <div class="log-record">
                <span class="person-detail">{record_kind}</span>
                " "
                // A record the reader may not open is named, not linked.
                {match record_href {
                    Some(href) => view! { <a class="log-record-link standalone-link" href=href>{record_name}</a> }.into_any(),
                    None => view! { <span class="log-record-name">{record_name}</span> }.into_any(),
                }}
            </div>
            <p class="log-reason">{reason}</p>
            <p class="person-detail log-times">
                <span>"Granted " {granted_local}</span>
                " · "
                <span class:running=running>{ended}</span>
            </p>
        </li>
    }
}

/// "Export CSV": asks the server for the filtered entries as CSV and hands
/// them to the browser as a download.
#[component]
fn ExportCsv(filter: RwSignal<OverrideLogFilter>, ready: ReadSignal<bool>) -> impl IntoView {
    let export = Action::new(|filter: &OverrideLogFilter| export_override_log(filter.clone()));
    let error = Signal::derive(move || export.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(csv)) = export.value().get() {
            download("access-overrides.csv", &csv);
        }
    });
    view! {
        <div class="actions">
            <button type="button" class="secondary"
                disabled=move || !ready.get() || export.pending().get()
                on:click=move |_| { export.dispatch(filter.get_untracked()); }>
                "Export CSV"
            </button>
            <FormProblem error />
        </div>
    }
}

/// Saves `text` as a file called `name` through the browser's download.
fn download(name: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, JsValue};
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let link = document()
            .create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(link) = link {
            link.set_href(&url);
            link.set_download(name);
            link.click();
        }
        // Let the download start before the address is let go.
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(60_000).await;
            let _ = web_sys::Url::revoke_object_url(&url);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, text);
}
