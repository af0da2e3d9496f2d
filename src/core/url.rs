//! URL building: joining the base URL with API paths, encoding keys as exactly one
//! path segment, and serialising query parameters.

/// Percent-encodes `s` so that it contains only the URL's unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`). Every other byte of its UTF-8 form becomes `%XX`, so the
/// result can never contain `/`, `\`, `?`, `#`, `%` or a control character.
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xF) as usize] as char);
        }
    }
    out
}

/// Why a backup key cannot be put in a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The key is the empty string.
    Empty,
    /// The key is `.` or `..`: URL parsers treat these segments (even percent-encoded)
    /// as "this folder" / "parent folder", so no request can address them.
    DotSegment,
}

impl KeyError {
    /// A sentence for the user.
    pub fn message(&self) -> &'static str {
        match self {
            KeyError::Empty => "The backup key must not be empty.",
            KeyError::DotSegment => "The backup key \".\" or \"..\" cannot be addressed in a URL.",
        }
    }
}

/// Encodes a backup key as exactly one path segment.
pub fn key_segment(key: &str) -> Result<String, KeyError> {
    match key {
        "" => Err(KeyError::Empty),
        "." | ".." => Err(KeyError::DotSegment),
        _ => Ok(encode_component(key)),
    }
}

/// `/api/backups/<key>` with the key as one segment.
pub fn backup_path(key: &str) -> Result<String, KeyError> {
    Ok(["/api/backups/", &key_segment(key)?].concat())
}

/// `/api/backups/<key>/restore` with the key as one segment.
pub fn restore_path(key: &str) -> Result<String, KeyError> {
    Ok(["/api/backups/", &key_segment(key)?, "/restore"].concat())
}

/// `/api/collections/<collection>/<action>` with the collection as one segment.
pub fn collection_path(collection: &str, action: &str) -> String {
    ["/api/collections/", &encode_component(collection), "/", action].concat()
}

/// True when `s` starts with a URL scheme (`http:`, `https:`, `blob:` …).
pub fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Joins `base` and `path` with exactly one `/` between them.
pub fn join(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        return if base.is_empty() { "/".into() } else { base.into() };
    }
    [base, "/", path].concat()
}

/// Serialises query pairs as `k=v&k2=v2`, both sides encoded.
pub fn query_string(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&encode_component(k));
        out.push('=');
        out.push_str(&encode_component(v));
    }
    out
}

/// Appends query pairs to `url`, with `?` or `&` as the URL needs.
pub fn with_query(url: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return url.to_string();
    }
    let sep = if url.contains('?') { "&" } else { "?" };
    [url, sep, &query_string(pairs)].concat()
}

/// What a redacted token value reads as.
pub const REDACTED: &str = "[redacted]";

/// `text` (a URL, or a message that may quote one) with the value of every `token=`
/// query parameter replaced by `[redacted]`: a download URL's file token can fetch any
/// backup while it lives, so it must not reach error reporters. The name is matched
/// case-insensitively where it starts a parameter (after `?`, `&` or `;`, or a
/// character that cannot be part of a name); the value ends at `&`, `#`, whitespace or
/// a quote or bracket.
pub fn redact_tokens(text: &str) -> String {
    const NAME: &[u8] = b"token=";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i + NAME.len() <= bytes.len() {
        let starts_name =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b'-' | b'.'));
        if starts_name && bytes[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            let value = i + NAME.len();
            let end = bytes[value..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b"&#\"'<>()[]{}`".contains(&b))
                .map_or(bytes.len(), |n| value + n);
            if end > value {
                // Cut points are ASCII bytes, so both slices are on char boundaries.
                out.push_str(&text[copied..value]);
                out.push_str(REDACTED);
                copied = end;
            }
            i = end.max(value);
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_uses_exactly_one_slash() {
        for base in ["http://h:1", "http://h:1/", "http://h:1//"] {
            for path in ["api/x", "/api/x", "//api/x"] {
                assert_eq!(join(base, path), "http://h:1/api/x");
            }
        }
        assert_eq!(join("http://h/sub/", "/api/x"), "http://h/sub/api/x");
        assert_eq!(join("", "/api/x"), "/api/x");
        assert_eq!(join("/", "api/x"), "/api/x");
        assert_eq!(join("http://h/", ""), "http://h");
    }

    #[test]
    fn encodes_like_a_strict_encode_uri_component() {
        assert_eq!(encode_component("my file.zip"), "my%20file.zip");
        assert_eq!(encode_component("a/b\\c?d#e%f"), "a%2Fb%5Cc%3Fd%23e%25f");
        assert_eq!(encode_component("ünï.zip"), "%C3%BCn%C3%AF.zip");
        assert_eq!(encode_component("A-z_0.9~"), "A-z_0.9~");
        assert_eq!(encode_component("\n\0"), "%0A%00");
    }

    #[test]
    fn keys_become_one_segment() {
        assert_eq!(
            backup_path("../collections/users").unwrap(),
            "/api/backups/..%2Fcollections%2Fusers"
        );
        assert_eq!(restore_path("a b.zip").unwrap(), "/api/backups/a%20b.zip/restore");
        assert_eq!(backup_path("..zip").unwrap(), "/api/backups/..zip");
        assert_eq!(backup_path(""), Err(KeyError::Empty));
        assert_eq!(backup_path("."), Err(KeyError::DotSegment));
        assert_eq!(backup_path(".."), Err(KeyError::DotSegment));
    }

    #[test]
    fn detects_schemes() {
        assert!(has_scheme("http://127.0.0.1:8090"));
        assert!(has_scheme("https://x"));
        assert!(!has_scheme("/"));
        assert!(!has_scheme("api/x:y"));
        assert!(!has_scheme(""));
        assert!(!has_scheme("1http://x"));
    }

    #[test]
    fn builds_queries() {
        let q = vec![
            ("token".to_string(), "a b&c".to_string()),
            ("x".into(), "1".into()),
        ];
        assert_eq!(with_query("http://h/p", &q), "http://h/p?token=a%20b%26c&x=1");
        assert_eq!(with_query("http://h/p?a=1", &q[1..]), "http://h/p?a=1&x=1");
        assert_eq!(with_query("http://h/p", &[]), "http://h/p");
    }

    #[test]
    fn redacts_token_values_only() {
        assert_eq!(
            redact_tokens("http://h/api/backups/a.zip?token=eyJ.x-y_z&download=1#f"),
            "http://h/api/backups/a.zip?token=[redacted]&download=1#f"
        );
        assert_eq!(
            redact_tokens("http://h/p?a=1&TOKEN=abc"),
            "http://h/p?a=1&TOKEN=[redacted]"
        );
        assert_eq!(
            redact_tokens("failed (GET \"http://h/p?token=abc\") and token=def."),
            "failed (GET \"http://h/p?token=[redacted]\") and token=[redacted]"
        );
        assert_eq!(
            redact_tokens("http://h/p?mytoken=abc&token="),
            "http://h/p?mytoken=abc&token="
        );
        assert_eq!(redact_tokens("ünï?token=ä"), "ünï?token=[redacted]");
        assert_eq!(redact_tokens("no query"), "no query");
        let once = redact_tokens("?token=abc");
        assert_eq!(redact_tokens(&once), once);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn decode(s: &str) -> Vec<u8> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    proptest! {
        #[test]
        fn no_token_value_survives_redaction(
            prefix in "\\PC{0,20}",
            token in "[A-Za-z0-9._~%+-]{1,40}",
            rest in "([&#][a-su-z0-9=]{0,20})?",
        ) {
            let text = format!("{prefix}?token={token}{rest}");
            let redacted = redact_tokens(&text);
            prop_assert!(redacted.contains("?token=[redacted]"));
            prop_assert!(redacted.ends_with(&rest));
        }

        #[test]
        fn any_key_is_exactly_one_segment(key in "(\\PC|[/\\\\?#%.\\x00-\\x1f]|\\.\\.){0,40}") {
            match backup_path(&key) {
                Ok(path) => {
                    let seg = path.strip_prefix("/api/backups/").unwrap();
                    prop_assert!(!seg.is_empty());
                    prop_assert!(seg != "." && seg != "..");
                    prop_assert!(seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
                    prop_assert_eq!(decode(seg), key.as_bytes().to_vec());
                }
                Err(_) => prop_assert!(key.is_empty() || key == "." || key == ".."),
            }
        }
    }
}
