//! The live countdown of a break-glass override (seed 003): mm:ss to the
//! expiry the server sent, ticking every second with gloo-timers. The
//! server renders the time left by its own clock; the browser then counts
//! from there with its own, so the two agree. At zero it calls `on_zero`:
//! the page returns to the restricted view without a reload (the server
//! refuses every read and write after expiry anyway).

use leptos::prelude::*;
use policy::Timestamp;

/// `seconds` as mm:ss.
pub fn minutes_and_seconds(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

#[component]
pub fn OverrideCountdown(
    /// When the override ends, by the server's clock.
    until: Timestamp,
    /// The server's time when it answered.
    now: Timestamp,
    on_zero: Callback<()>,
) -> impl IntoView {
    let left = RwSignal::new(until.seconds() - now.seconds());
    #[cfg(feature = "hydrate")]
    {
        let at_load = js_sys::Date::now();
        let total_ms = (until.seconds() - now.seconds()) as f64 * 1000.0;
        leptos::task::spawn_local(async move {
            loop {
                gloo_timers::future::TimeoutFuture::new(1_000).await;
                let remaining_ms = total_ms - (js_sys::Date::now() - at_load);
                let seconds = (remaining_ms / 1000.0).ceil() as i64;
                // The page has moved on: stop.
                if left.try_set(seconds.max(0)).is_some() {
                    break;
                }
                if seconds <= 0 {
                    on_zero.run(());
                    break;
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = on_zero;
    view! {
        <p class="override-countdown" role="timer" aria-live="off">
            "Override access ends in "
            <strong class="countdown">{move || minutes_and_seconds(left.get())}</strong>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::minutes_and_seconds;

    #[test]
    fn time_left_reads_as_minutes_and_seconds() {
        assert_eq!(minutes_and_seconds(900), "15:00");
        assert_eq!(minutes_and_seconds(61), "01:01");
        assert_eq!(minutes_and_seconds(0), "00:00");
        assert_eq!(minutes_and_seconds(-5), "00:00");
    }
}
