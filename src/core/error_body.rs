//! Reading the server's error answers: `{"status":…,"message":"…","data":{…}}`,
//! or anything else a proxy or a broken server may send instead.

use crate::core::json::Json;
use crate::core::text;

/// What an error answer says, kept as received plus the parts a caller reads most.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody {
    /// The body as received when it was a JSON object; an empty object otherwise.
    pub response: Json,
    /// The server's `message`, or a sentence made from the status when it gave none.
    pub message: String,
}

/// Message used when there is no server message to give.
pub fn fallback_message(status: u16) -> String {
    match status {
        0 => "The connection to the server failed.".into(),
        _ => [
            "The server answered with status ",
            &text::uint(u64::from(status)),
            ".",
        ]
        .concat(),
    }
}

/// The message of an MFA challenge, whose body (`{"mfaId":"…"}`) carries none.
pub const MFA_REQUIRED_MESSAGE: &str =
    "A second sign-in method is required: sign in again with another method and this mfaId.";

/// Parses an error answer. Never fails: a body that is not a JSON object (HTML from a
/// proxy, plain text, nothing) gives an empty `response` and a message from the status.
pub fn parse_error_body(status: u16, body: &str) -> ErrorBody {
    let response = match Json::parse(body) {
        Some(v @ Json::Object(_)) => v,
        _ => Json::Object(Vec::new()),
    };
    let message = response
        .get("message")
        .and_then(Json::as_str)
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| match mfa_id(&response) {
            Some(_) => MFA_REQUIRED_MESSAGE.into(),
            None => fallback_message(status),
        });
    ErrorBody { response, message }
}

/// `response.mfaId`: PocketBase answers a first successful sign-in of a collection with
/// MFA on with 401 `{"mfaId":"…"}` (top level, no `message` or `data`); the second
/// method's call sends it back as the `mfaId` query parameter.
pub fn mfa_id(response: &Json) -> Option<&str> {
    response.get("mfaId")?.as_str().filter(|id| !id.is_empty())
}

/// `response.data.<field>.code`, the server's code for a field's validation error.
pub fn field_code<'a>(response: &'a Json, field: &str) -> Option<&'a str> {
    response.get("data")?.get(field)?.get("code")?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_servers_shape() {
        let body = r#"{"status":400,"message":"Failed to create backup.","data":{"name":{"code":"validation_match_invalid","message":"Must be in a valid format."}}}"#;
        let e = parse_error_body(400, body);
        assert_eq!(e.message, "Failed to create backup.");
        assert_eq!(field_code(&e.response, "name"), Some("validation_match_invalid"));
        assert_eq!(e.response["status"].as_u64(), Some(400));
        assert_eq!(field_code(&e.response, "file"), None);
    }

    #[test]
    fn reads_an_mfa_challenge() {
        let e = parse_error_body(401, r#"{"mfaId":"7uwueezy81vs6d6"}"#);
        assert_eq!(mfa_id(&e.response), Some("7uwueezy81vs6d6"));
        assert_eq!(e.message, MFA_REQUIRED_MESSAGE);
        assert_eq!(e.response.to_text(), r#"{"mfaId":"7uwueezy81vs6d6"}"#);

        // A server message wins; an empty or non-string id is no challenge.
        let e = parse_error_body(401, r#"{"message":"Custom.","mfaId":"x"}"#);
        assert_eq!((e.message.as_str(), mfa_id(&e.response)), ("Custom.", Some("x")));
        for body in [r#"{"mfaId":""}"#, r#"{"mfaId":5}"#, r#"{"data":{"mfaId":"x"}}"#] {
            let e = parse_error_body(401, body);
            assert_eq!(mfa_id(&e.response), None, "{body}");
            assert_eq!(e.message, "The server answered with status 401.");
        }
    }

    #[test]
    fn survives_anything_else() {
        for (status, body) in [
            (502, "<html>Bad Gateway</html>"),
            (500, ""),
            (500, "[1,2]"),
            (500, "\"text\""),
            (500, "{\"message\":42}"),
            (500, "{\"message\":\"   \"}"),
            (500, "{\"data\":null}"),
            (500, "{\"message\":\"x\""),
        ] {
            let e = parse_error_body(status, body);
            assert_eq!(e.message, format!("The server answered with status {status}."));
            assert!(e.response.is_object());
            assert_eq!(field_code(&e.response, "name"), None);
        }
        assert_eq!(
            parse_error_body(0, "").message,
            "The connection to the server failed."
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_body_gives_an_object_and_a_message(status in any::<u16>(), body in ".{0,300}") {
            let e = parse_error_body(status, &body);
            prop_assert!(e.response.is_object());
            prop_assert!(!e.message.is_empty());
            let _ = field_code(&e.response, "name");
            let _ = mfa_id(&e.response);
        }

        #[test]
        fn json_like_bodies_never_panic(status in any::<u16>(), body in r#"\{("(message|data|status|name|code|mfaId)"|[:,\[\]{}0-9." ]){0,60}\}?"#) {
            let e = parse_error_body(status, &body);
            prop_assert!(e.response.is_object());
            let _ = field_code(&e.response, "name");
        }
    }
}
