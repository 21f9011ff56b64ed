//! The access-rules panel (seed 003): the rules of one place (a record, or
//! an organization's defaults); search a team or a person, choose Grant or
//! Deny, "Add access rule"; change a rule's effect; remove a rule. On a
//! client or a session it opens from "Edit access" as a dialog with
//! "Close"; under Administration it sits on the page.

use leptos::prelude::*;
use policy::{AccessRule, RuleEffect, RuleSubject};

use crate::access_rules::{RuleLine, RulePlace, SubjectChoice, effect_label};
use crate::api::access_rules::{
    access_rules, add_access_rule, change_access_rule, remove_access_rule, rule_subject_choices,
};
use crate::error::AppError;
use crate::pages::search_picker::SearchPicker;
use crate::pages::widgets::{FormProblem, Refresh, field_error, loading, use_hydrated};

/// "Edit access" and its dialog. Each change holds from the server's next
/// answer; `closed` runs on "Close", so the page behind loads again and
/// shows the effect.
#[component]
pub fn EditAccess(place: RulePlace, closed: Callback<()>) -> impl IntoView {
    let open = RwSignal::new(false);
    let ready = use_hydrated();
    view! {
        <button type="button" class="secondary" disabled=move || !ready.get() on:click=move |_| open.set(true)>
            "Edit access"
        </button>
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div class="dialog access-rules-dialog" role="dialog" aria-modal="true" aria-labelledby="access-rules-title">
                    <h2 id="access-rules-title">"Access rules"</h2>
                    <AccessRulesPanel place />
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| {
                            open.set(false);
                            closed.run(());
                        }>"Close"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
    .into_any()
}

fn subject_kind(subject: RuleSubject) -> &'static str {
    match subject {
        RuleSubject::Team(_) => "Team",
        RuleSubject::Personnel(_) => "Personnel",
    }
}

const fn other(effect: RuleEffect) -> RuleEffect {
    match effect {
        RuleEffect::Grant => RuleEffect::Deny,
        RuleEffect::Deny => RuleEffect::Grant,
    }
}

/// The rules of `place` and the form that adds one.
#[component]
pub fn AccessRulesPanel(place: RulePlace) -> impl IntoView {
    let version = Refresh::new();
    let rules = Resource::new(
        move || (place, version.version()),
        |(place, _)| access_rules(place),
    );
    let chosen = RwSignal::new(None::<SubjectChoice>);
    let effect = RwSignal::new(RuleEffect::Grant);
    let search = Action::new(move |text: &String| rule_subject_choices(place, text.clone()));
    let add = Action::new(move |rule: &AccessRule| add_access_rule(place, *rule));
    let change = Action::new(move |rule: &AccessRule| change_access_rule(place, rule.subject, rule.effect));
    let remove = Action::new(move |subject: &RuleSubject| remove_access_rule(place, *subject));
    let ready = use_hydrated();
    let busy = move || add.pending().get() || change.pending().get() || remove.pending().get();
    // The last answer of any of the three changes, or of the search.
    let last_error = RwSignal::new(None::<AppError>);
    let done = move |answer: Option<Result<(), AppError>>| {
        if let Some(answer) = answer {
            last_error.set(answer.clone().err());
            if answer.is_ok() {
                version.reload();
            }
        }
    };
    Effect::new(move |_| {
        if let Some(answer) = add.value().get() {
            if answer.is_ok() {
                chosen.set(None);
            }
            done(Some(answer));
        }
    });
    Effect::new(move |_| done(change.value().get()));
    Effect::new(move |_| done(remove.value().get()));
    Effect::new(move |_| {
        if let Some(Err(error)) = search.value().get() {
            last_error.set(Some(error));
        }
    });
    let error = Signal::derive(move || last_error.get());
    let effect_choice = move |choice: RuleEffect| {
        view! {
            <label class="check">
                <input type="radio" name="rule-effect" value=effect_label(choice)
                    prop:checked=move || effect.get() == choice
                    on:change=move |_| effect.set(choice) />
                {effect_label(choice)}
            </label>
        }
    };
    view! {
        <section class="access-rules">
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    match rules.await {
                        Ok(lines) if lines.is_empty() => view! {
                            <p class="empty">"No access rules here yet."</p>
                        }.into_any(),
                        Ok(lines) => view! {
                            <ul class="people rules">
                                {lines.into_iter().map(|line| view! { <Rule line change remove busy ready /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <h3>"Add access rule"</h3>
            <div class="subject-choices">
                <SearchPicker input_id="rule-search" label="Search a team or a person" search
                    row=move |choice: SubjectChoice| {
                        let subject = choice.subject;
                        let is_chosen = move || chosen.with(|c| c.as_ref().is_some_and(|c| c.subject == subject));
                        let label = format!("{} ({})", choice.name, choice.detail);
                        view! {
                            <li class="person" class:chosen=is_chosen>
                                <button type="button" class="choice" aria-pressed=move || is_chosen().to_string()
                                    on:click=move |_| chosen.set(Some(choice.clone()))>
                                    {label}
                                </button>
                            </li>
                        }
                        .into_any()
                    } />
            </div>
            <fieldset class="choices">
                <legend>"Effect"</legend>
                {effect_choice(RuleEffect::Grant)}
                {effect_choice(RuleEffect::Deny)}
            </fieldset>
            <p class="hint" role="status">
                {move || chosen.with(|c| match c {
                    Some(c) => format!("{} {} {}", effect_label(effect.get()), subject_kind(c.subject).to_lowercase(), c.name),
                    None => "Choose a team or a person above.".to_owned(),
                })}
            </p>
            <p class="field-error">{field_error(error, "personnel")}</p>
            <FormProblem error />
            <div class="actions">
                <button type="button"
                    disabled=move || !ready.get() || busy() || chosen.with(Option::is_none)
                    on:click=move |_| {
                        if let Some(c) = chosen.get_untracked() {
                            add.dispatch(AccessRule { subject: c.subject, effect: effect.get_untracked() });
                        }
                    }>
                    "Add access rule"
                </button>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn Rule(
    line: RuleLine,
    change: Action<AccessRule, Result<(), AppError>>,
    remove: Action<RuleSubject, Result<(), AppError>>,
    busy: impl Fn() -> bool + Copy + Send + Sync + 'static,
    ready: ReadSignal<bool>,
) -> impl IntoView {
    let RuleLine {
        subject,
        name,
        effect,
    } = line;
    let flipped = AccessRule {
        subject,
        effect: other(effect),
    };
    let effect_class = match effect {
        RuleEffect::Grant => "badge rule-grant",
        RuleEffect::Deny => "badge rule-deny",
    };
    view! {
        <li class="person rule" data-effect=effect_label(effect)>
            <span>
                <span class="person-name">{name.clone()}</span>
                <span class="person-detail">{subject_kind(subject)}</span>
            </span>
            <span class=effect_class>{effect_label(effect)}</span>
            <div class="actions">
                <button type="button" class="secondary" disabled=move || !ready.get() || busy()
                    aria-label=format!("Change {name} to {}", effect_label(other(effect)))
                    on:click=move |_| { change.dispatch(flipped); }>
                    {format!("Make {}", effect_label(other(effect)).to_lowercase())}
                </button>
                <button type="button" class="danger" disabled=move || !ready.get() || busy()
                    aria-label=format!("Remove the rule for {name}")
                    on:click=move |_| { remove.dispatch(subject); }>
                    "Remove"
                </button>
            </div>
        </li>
    }
}
