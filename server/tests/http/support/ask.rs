//! Calls a server function by its own type: the test builds the struct that
//! `#[server]` generates (such as `app::api::clients::SearchClients`), the
//! request is encoded by server_fn's own codec for that function (a form for
//! the default input, JSON for `input = Json`), and the answer comes back as
//! the function's own output or an [`AppError`]. A renamed argument or field
//! fails to compile instead of failing at run time.

use std::fmt::Debug;

use app::error::AppError;
use axum::http::Method;
use leptos::server_fn::codec::{IntoReq, Post};
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Bytes, Decodes, Http, ServerFn};

use super::TestApp;

/// A server function's request, encoded exactly as the app's own client
/// would send it (path, content type and body), to be sent by `reqwest`.
pub struct Encoded {
    path: String,
    content_type: String,
    accepts: String,
    body: Bytes,
}

/// Only the POST bodies the app's server functions use can be encoded here:
/// a URL-encoded form (text) and JSON (bytes).
fn unused(what: &str) -> ! {
    panic!("the tests' server function client does not send {what} requests")
}

impl ClientReq<AppError> for Encoded {
    type FormData = ();

    fn try_new_req_query(_: &str, _: &str, _: &str, _: &str, method: Method) -> Result<Self, AppError> {
        unused(&format!("{method} query"))
    }

    fn try_new_req_text(
        path: &str,
        content_type: &str,
        accepts: &str,
        body: String,
        method: Method,
    ) -> Result<Self, AppError> {
        Self::try_new_req_bytes(path, content_type, accepts, Bytes::from(body), method)
    }

    fn try_new_req_bytes(
        path: &str,
        content_type: &str,
        accepts: &str,
        body: Bytes,
        method: Method,
    ) -> Result<Self, AppError> {
        assert_eq!(method, Method::POST, "every server function of the app is a POST");
        Ok(Encoded {
            path: path.to_owned(),
            content_type: content_type.to_owned(),
            accepts: accepts.to_owned(),
            body,
        })
    }

    fn try_new_req_form_data(_: &str, _: &str, _: &str, _: (), _: Method) -> Result<Self, AppError> {
        unused("form data")
    }

    fn try_new_req_multipart(_: &str, _: &str, _: (), _: Method) -> Result<Self, AppError> {
        unused("multipart")
    }

    fn try_new_req_streaming(
        _: &str,
        _: &str,
        _: &str,
        _: impl Send + 'static,
        _: Method,
    ) -> Result<Self, AppError> {
        unused("streaming")
    }
}

/// The encodings of a server function's HTTP protocol: its input encoding
/// (the arguments' struct implements `IntoReq` for it) and the codec of its
/// POSTed answer (the app's `JsonAnswer` is `Post<JsonText>`).
pub trait Encodings {
    type Input;
    type Answer;
}

impl<Input, Answer> Encodings for Http<Input, Post<Answer>> {
    type Input = Input;
    type Answer = Answer;
}

/// What a server function answered: the HTTP status, and its output or the
/// error the app sent.
#[derive(Debug, PartialEq)]
pub struct Answer<T> {
    pub status: u16,
    pub result: Result<T, AppError>,
}

impl<T: Debug> Answer<T> {
    /// The output of a call that must succeed (200).
    #[track_caller]
    pub fn ok(self) -> T {
        match self.result {
            Ok(output) if self.status == 200 => output,
            other => panic!("expected 200 with an answer, got {}: {other:?}", self.status),
        }
    }

    /// The error of a call that must be refused.
    #[track_caller]
    pub fn err(self) -> AppError {
        match self.result {
            Err(error) => error,
            Ok(output) => panic!("expected a refusal, got {}: {output:?}", self.status),
        }
    }

    /// The answer with its output written out (`Debug`), so that the
    /// answers of different server functions can be listed and compared.
    pub fn erased(self) -> Answer<String> {
        Answer {
            status: self.status,
            result: self.result.map(|output| format!("{output:?}")),
        }
    }

    /// The status and the result, to compare whole answers.
    pub fn parts(self) -> (u16, Result<T, AppError>) {
        (self.status, self.result)
    }

    /// The error, if the call was refused.
    pub fn error(&self) -> Option<&AppError> {
        self.result.as_ref().err()
    }
}

impl TestApp {
    /// Calls the server function `S` with its arguments `args` over HTTP,
    /// as the browser's client of that function would.
    pub async fn ask<S>(&self, client: &reqwest::Client, args: S) -> Answer<S::Output>
    where
        S: ServerFn<Error = AppError> + IntoReq<<S::Protocol as Encodings>::Input, Encoded, AppError>,
        S::Protocol: Encodings,
        <S::Protocol as Encodings>::Answer: Decodes<S::Output>,
        <<S::Protocol as Encodings>::Answer as Decodes<S::Output>>::Error: Debug,
    {
        ask_at(&self.address, client, args).await
    }

    /// [`TestApp::ask`], with the headers of the answer too: for tests
    /// about a header (`Set-Cookie`, `Retry-After`).
    pub async fn ask_with_headers<S>(
        &self,
        client: &reqwest::Client,
        args: S,
    ) -> (Answer<S::Output>, reqwest::header::HeaderMap)
    where
        S: ServerFn<Error = AppError> + IntoReq<<S::Protocol as Encodings>::Input, Encoded, AppError>,
        S::Protocol: Encodings,
        <S::Protocol as Encodings>::Answer: Decodes<S::Output>,
        <<S::Protocol as Encodings>::Answer as Decodes<S::Output>>::Error: Debug,
    {
        let (status, headers, body) = send(&self.address, client, args).await;
        (decode::<S>(status, body), headers)
    }

    /// Calls `S` as [`TestApp::ask`] does, but returns the answer's body as
    /// the server sent it, undecoded: for tests about what must never be on
    /// the wire (decoding drops fields the type does not know).
    pub async fn ask_raw<S>(&self, client: &reqwest::Client, args: S) -> (u16, String)
    where
        S: ServerFn<Error = AppError> + IntoReq<<S::Protocol as Encodings>::Input, Encoded, AppError>,
        S::Protocol: Encodings,
    {
        let (status, _, body) = send(&self.address, client, args).await;
        (status, String::from_utf8_lossy(&body).into_owned())
    }
}

/// [`TestApp::ask`] of the app at `address` (`http://127.0.0.1:port`):
/// for a task that cannot borrow the [`TestApp`], such as one spawned to
/// send requests at the same time as others.
pub async fn ask_at<S>(address: &str, client: &reqwest::Client, args: S) -> Answer<S::Output>
where
    S: ServerFn<Error = AppError> + IntoReq<<S::Protocol as Encodings>::Input, Encoded, AppError>,
    S::Protocol: Encodings,
    <S::Protocol as Encodings>::Answer: Decodes<S::Output>,
    <<S::Protocol as Encodings>::Answer as Decodes<S::Output>>::Error: Debug,
{
    let (status, _, body) = send(address, client, args).await;
    decode::<S>(status, body)
}

/// `S`'s answer: an [`AppError`] for a 4xx or 5xx, else its output.
fn decode<S>(status: u16, body: Bytes) -> Answer<S::Output>
where
    S: ServerFn<Error = AppError>,
    S::Protocol: Encodings,
    <S::Protocol as Encodings>::Answer: Decodes<S::Output>,
    <<S::Protocol as Encodings>::Answer as Decodes<S::Output>>::Error: Debug,
{
    let result = if (400..=599).contains(&status) {
        Err(serde_json::from_slice::<AppError>(&body).unwrap_or_else(|error| {
            panic!(
                "{}: {status} is not an AppError ({error}): {}",
                S::PATH,
                String::from_utf8_lossy(&body)
            )
        }))
    } else {
        let text = String::from_utf8_lossy(&body).into_owned();
        Ok(
            <<S::Protocol as Encodings>::Answer as Decodes<S::Output>>::decode(body)
                .unwrap_or_else(|error| panic!("{}: {status} does not decode ({error:?}): {text}", S::PATH)),
        )
    };
    Answer { status, result }
}

/// Sends `S`'s request to the app at `address`; returns the status, the
/// headers and the body.
async fn send<S>(address: &str, client: &reqwest::Client, args: S) -> (u16, reqwest::header::HeaderMap, Bytes)
where
    S: ServerFn<Error = AppError> + IntoReq<<S::Protocol as Encodings>::Input, Encoded, AppError>,
    S::Protocol: Encodings,
{
    let request = match args.into_req(S::PATH, "application/json") {
        Ok(request) => request,
        Err(error) => panic!("{}: the arguments do not encode: {error}", S::PATH),
    };
    let response = client
        .post(format!("{address}{}", request.path))
        .header(reqwest::header::CONTENT_TYPE, request.content_type)
        .header(reqwest::header::ACCEPT, request.accepts)
        .body(request.body)
        .send()
        .await
        .expect("request is sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("the answer is read");
    (status, headers, body)
}
