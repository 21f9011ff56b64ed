//! How every server function's answer travels: JSON, exactly as server_fn's
//! own `Json` output, except that the browser reads it from text
//! (`serde_json::from_str`) where server_fn reads it from bytes. Resources
//! read the answers that come with a server-rendered page from text too, so
//! each answer type needs one JSON reader in the WASM instead of two: the
//! browser's download is smaller for it (README, "Performance").

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;
use serde::de::{DeserializeOwned, Error as _};

/// JSON answers, read from text.
pub struct JsonText;

/// The `output` of every `#[server]` function.
pub type JsonAnswer = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde_json::Error::custom)?;
        serde_json::from_str(text)
    }
}
