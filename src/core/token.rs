//! JWT inspection: the payload of a token (not its signature, which only the server
//! can check) to tell whether it has expired and what kind of token it is.

use crate::core::json::Json;

/// The decoded payload of a JWT, or `None` for anything that is not one.
pub fn jwt_payload(token: &str) -> Option<Json> {
    let mut parts = token.split('.');
    let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64url_decode(payload)?;
    match Json::parse(std::str::from_utf8(&bytes).ok()?)? {
        v @ Json::Object(_) => Some(v),
        _ => None,
    }
}

/// True when `token` is a JWT whose `exp` (seconds since 1970) is after `now_secs`.
/// A token without a readable `exp` counts as expired.
pub fn is_token_valid(token: &str, now_secs: f64) -> bool {
    jwt_payload(token)
        .and_then(|p| p.get("exp").and_then(Json::as_u64))
        .map(|exp| exp as f64)
        .is_some_and(|exp| exp > now_secs)
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32)
    }
    let s = s.trim_end_matches('=').as_bytes();
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let b = s.as_bytes();
        let mut out = String::new();
        for c in b.chunks(3) {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &x)| n | (x as u32) << (16 - 8 * i));
            for i in 0..=c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    fn jwt(payload: &str) -> String {
        format!("{}.{}.sig", b64(r#"{"alg":"HS256"}"#), b64(payload))
    }

    #[test]
    fn reads_expiry() {
        let t = jwt(r#"{"exp":2000000000,"type":"auth","collectionId":"pbc_3142635823"}"#);
        assert!(is_token_valid(&t, 1_999_999_999.0));
        assert!(!is_token_valid(&t, 2_000_000_000.0));
        assert_eq!(jwt_payload(&t).unwrap()["type"].as_str(), Some("auth"));
    }

    #[test]
    fn rejects_what_is_not_a_jwt() {
        for t in [
            "",
            "abc",
            "a.b",
            "a.b.c.d",
            "a.!!!.c",
            &jwt("[1]"),
            &jwt(r#"{"exp":"soon"}"#),
            &jwt("{}"),
        ] {
            assert!(!is_token_valid(t, 0.0), "{t}");
        }
        assert!(jwt_payload("x.y").is_none());
    }

    #[test]
    fn decodes_every_padding_length() {
        for s in ["", "a", "ab", "abc", "abcd", "{\"ü\":1}"] {
            assert_eq!(base64url_decode(&b64(s)).unwrap(), s.as_bytes());
        }
        assert!(base64url_decode("a").is_none());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_string_is_read_without_panic(token in ".{0,200}", now in any::<f64>()) {
            let _ = jwt_payload(&token);
            let _ = is_token_valid(&token, now);
        }

        #[test]
        fn token_shaped_strings_are_read_without_panic(token in "[A-Za-z0-9_=+/-]{0,40}\\.[A-Za-z0-9_=+/-]{0,80}\\.[A-Za-z0-9_-]{0,20}") {
            let _ = jwt_payload(&token);
            prop_assert!(!is_token_valid(&token, f64::INFINITY));
        }
    }
}
