//! Lowers the scheduling priority of the calling thread, so that the
//! password hashing threads give way to the threads answering requests: in a
//! storm of sign-ins, other people's pages stay quick (README, "Performance": the sign-in storm benchmark,
//! `scripts/bench-signin.sh`).

/// The nice value of a hashing thread (0 is normal, 19 the lowest).
#[cfg(target_os = "linux")]
const HASHING_NICE: libc::c_int = 10;

/// Lowers the calling thread's priority (on Linux, nice is per thread);
/// does nothing elsewhere or when the system refuses.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain integers and touch no
        // memory of ours; a refusal is reported through the return value.
        let refused = unsafe {
            let thread = libc::gettid() as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, HASHING_NICE) != 0
        };
        if refused {
            tracing::debug!("could not lower the priority of a password hashing thread");
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn nice_of_this_thread() -> libc::c_int {
        // SAFETY: as above.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn a_lowered_thread_runs_at_nice_ten_and_other_threads_do_not() {
        let before = nice_of_this_thread();
        assert!(before <= HASHING_NICE, "the tests run at nice {before}");
        let lowered = std::thread::spawn(|| {
            lower_this_thread();
            nice_of_this_thread()
        })
        .join()
        .unwrap();
        assert_eq!(lowered, HASHING_NICE);
        assert_eq!(
            nice_of_this_thread(),
            before,
            "only the thread that asked is lowered"
        );
    }
}
