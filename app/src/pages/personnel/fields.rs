//! The fields of a person's account, shared by "Add personnel", "Quick add"
//! and "Edit account". Each field shows the server's message for it.

use leptos::prelude::*;
use policy::Code;
use policy::{OrganizationId, PersonnelId, PersonnelStatus, RoleId, TeamId};

use crate::directory::{DirectoryOptions, PersonnelForm, SupportIssues};
use crate::error::AppError;
use crate::pages::widgets::field_error;

#[component]
fn TextField(
    form: RwSignal<PersonnelForm>,
    label: &'static str,
    name: &'static str,
    get: fn(&PersonnelForm) -> &String,
    set: fn(&mut PersonnelForm, String),
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("person-{name}");
    view! {
        <label for=id.clone()>{label}</label>
        <input
            id=id
            name=name
            type=kind
            autocomplete=autocomplete
            prop:value=move || form.with(|f| get(f).clone())
            on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
        />
        <p class="field-error">{field_error(error, name)}</p>
    }
}

fn parse_id(value: &str) -> Option<i64> {
    value.parse().ok()
}

/// The account's fields. `quick` shows only what "Quick add" needs: name,
/// e-mail and role (the password fields belong to the page).
#[component]
pub fn PersonnelFields(
    form: RwSignal<PersonnelForm>,
    options: DirectoryOptions,
    error: Signal<Option<AppError>>,
    #[prop(default = false)] quick: bool,
) -> impl IntoView {
    let DirectoryOptions {
        organizations,
        roles,
        teams,
        supervisors,
        may_set_site_administrator,
    } = options;
    let role_select = view! {
        <label for="person-role">"Role"</label>
        <select id="person-role" name="role" on:change=move |ev| {
            if let Some(id) = parse_id(&event_target_value(&ev)) {
                form.update(|f| f.role = RoleId(id));
            }
        }>
            {roles.into_iter().map(|role| {
                let id = role.id;
                view! {
                    <option value=id.0.to_string() selected=move || form.with(|f| f.role == id)>{role.name}</option>
                }
            }).collect_view()}
        </select>
        <p class="field-error">{field_error(error, "role")}</p>
    };
    let essentials = view! {
        <TextField form label="Name" name="name" get=|f| &f.name set=|f, v| f.name = v error autocomplete="name" />
        <TextField form label="E-mail (the login)" name="email" get=|f| &f.email set=|f, v| f.email = v error kind="email" autocomplete="email" />
        {role_select}
    };
    if quick {
        return essentials.into_any();
    }
    view! {
        {essentials}
        <TextField form label="Job title" name="job_title" get=|f| &f.job_title set=|f, v| f.job_title = v error />
        <TextField form label="Phone" name="phone" get=|f| &f.phone set=|f, v| f.phone = v error kind="tel" />
        <TextField form label="Address" name="address" get=|f| &f.address set=|f, v| f.address = v error />
        <TextField form label="Default location" name="default_location" get=|f| &f.default_location set=|f, v| f.default_location = v error />

        <label for="person-organization">"Owning organization"</label>
        <select id="person-organization" name="organization" on:change=move |ev| {
            if let Some(id) = parse_id(&event_target_value(&ev)) {
                form.update(|f| f.organization = OrganizationId(id));
            }
        }>
            {organizations.into_iter().map(|o| {
                let id = o.id;
                view! { <option value=id.0.to_string() selected=move || form.with(|f| f.organization == id)>{o.name}</option> }
            }).collect_view()}
        </select>
        <p class="field-error">{field_error(error, "organization")}</p>

        <label for="person-supervisor">"Supervisor"</label>
        <select id="person-supervisor" name="supervisor" on:change=move |ev| {
            let chosen = parse_id(&event_target_value(&ev)).map(PersonnelId);
            form.update(|f| f.supervisor = chosen);
        }>
            <option value="" selected=move || form.with(|f| f.supervisor.is_none())>"No supervisor"</option>
            {supervisors.into_iter().map(|s| {
                let id = s.id;
                view! { <option value=id.0.to_string() selected=move || form.with(|f| f.supervisor == Some(id))>{s.name}</option> }
            }).collect_view()}
        </select>
        <p class="field-error">{field_error(error, "supervisor")}</p>

        <label for="person-status">"Status"</label>
        <select id="person-status" name="status" on:change=move |ev| {
            if let Some(status) = PersonnelStatus::from_code(&event_target_value(&ev)) {
                form.update(|f| f.status = status);
            }
        }>
            {PersonnelStatus::ALL.into_iter().map(|status| view! {
                <option value=status.code() selected=move || form.with(|f| f.status == status)>{status.code()}</option>
            }).collect_view()}
        </select>
        <p class="field-error">{field_error(error, "status")}</p>

        <label for="person-support">"Support issues"</label>
        <select id="person-support" name="support_issues" on:change=move |ev| {
            if let Some(choice) = SupportIssues::from_code(&event_target_value(&ev)) {
                form.update(|f| f.support_issues = choice);
            }
        }>
            {SupportIssues::ALL.into_iter().map(|choice| view! {
                <option value=choice.code() selected=move || form.with(|f| f.support_issues == choice)>{choice.label()}</option>
            }).collect_view()}
        </select>

        <label class="check">
            <input type="checkbox" name="case_manager"
                prop:checked=move || form.with(|f| f.case_manager)
                on:change=move |ev| form.update(|f| f.case_manager = event_target_checked(&ev)) />
            "Case manager"
        </label>
        {may_set_site_administrator.then(|| view! {
            <label class="check">
                <input type="checkbox" name="site_administrator"
                    prop:checked=move || form.with(|f| f.site_administrator)
                    on:change=move |ev| form.update(|f| f.site_administrator = event_target_checked(&ev)) />
                "Site administrator (full access to every record)"
            </label>
        })}

        <fieldset class="choices">
            <legend>"Teams"</legend>
            {if teams.is_empty() {
                view! { <p class="hint">"No teams yet."</p> }.into_any()
            } else {
                teams.into_iter().map(|team| {
                    let id: TeamId = team.id;
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || form.with(|f| f.teams.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| {
                                        f.teams.retain(|t| *t != id);
                                        if on { f.teams.push(id); f.teams.sort(); }
                                    });
                                } />
                            {team.name}
                        </label>
                    }
                }).collect_view().into_any()
            }}
            <p class="field-error">{field_error(error, "teams")}</p>
        </fieldset>
    }
    .into_any()
}
