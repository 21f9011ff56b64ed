//! The strict decoder of stored codes (`app::stored_code`): an unknown code
//! is refused with `Unavailable` and logged with its table and column.

use std::io::Write;
use std::sync::{Arc, Mutex};

use app::error::AppError;
use app::stored_code::{Column, StoredCode};
use policy::RuleEffect;

/// The log lines written while `run` runs, as text.
fn logged<T>(run: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let value = tracing::subscriber::with_default(subscriber, run);
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    (value, text)
}

#[test]
fn a_corrupt_effect_is_refused_and_logged_with_its_table_and_column() {
    let column = Column::new("access_rules", "effect");
    for stored in ["allow", "Grant", "grant ", ""] {
        let (decoded, log) = logged(|| RuleEffect::decode(stored, column));
        assert_eq!(decoded, Err(AppError::Unavailable), "{stored:?} is never a grant");
        assert!(
            log.contains("ERROR") && log.contains("access_rules") && log.contains("effect"),
            "{log}"
        );
        assert!(
            log.contains(&format!("value={stored}")),
            "the bad value is logged: {log}"
        );
    }
    let (decoded, log) = logged(|| RuleEffect::decode("deny", column));
    assert_eq!(
        (decoded, log.as_str()),
        (Ok(RuleEffect::Deny), ""),
        "a good code logs nothing"
    );
}
