//! Share links: the whole scenario in the URL fragment as `#scenario=v1:` followed by the raw
//! DEFLATE (RFC 1951) of the UTF-8 text, in base64url without padding. The `v1:` prefix names
//! the format, so that links keep working when a later version adds another.
//!
//! A comparison's link (the web app's compare view, [`crate::compare`]) is `#compare=v1:` and
//! the same encoding of both scenarios, left then right, separated by a NUL character (which
//! YAML text never holds); compressed together, the second costs little when it resembles
//! the first.
//!
//! Used by the web app (opening and copying links) and by `dra-playground share`; decoding is
//! bounded by [`MAX_SHARE_LINK_BYTES`] and never panics (fuzzed: `fuzz/fuzz_targets/share.rs`).

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;

use crate::limits::MAX_SHARE_LINK_BYTES;

/// The fragment key.
pub const KEY: &str = "scenario=";
/// The fragment key of a comparison.
pub const COMPARE_KEY: &str = "compare=";
/// The one format so far.
pub const V1: &str = "v1:";
/// What separates the two scenarios of a comparison.
const SIDES: char = '\0';

/// Why a link's scenario could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// A format this version does not know (`v2:` ...).
    UnknownFormat(String),
    /// Not base64url.
    NotBase64,
    /// Not raw DEFLATE data.
    NotDeflate,
    /// More than [`MAX_SHARE_LINK_BYTES`] bytes once decompressed.
    TooLarge,
    /// Not UTF-8 text.
    NotText,
    /// A URL whose fragment carries no scenario.
    NoScenario,
    /// A comparison's link that does not hold two scenarios.
    NotAComparison,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::UnknownFormat(v) => write!(
                f,
                "the link uses a format this version of the playground does not know (\"{v}\")"
            ),
            ShareError::NotBase64 => {
                f.write_str("the link is cut short or damaged (not base64url)")
            }
            ShareError::NotDeflate => {
                f.write_str("the link is cut short or damaged (its data does not decompress)")
            }
            ShareError::TooLarge => f.write_str(
                "the scenario in the link is larger than 1 MiB, the most a link may hold",
            ),
            ShareError::NotText => f.write_str("the link's data is not UTF-8 text"),
            ShareError::NoScenario => {
                f.write_str("the link carries no scenario (no `#scenario=` in its fragment)")
            }
            ShareError::NotAComparison => {
                f.write_str("the comparison in the link does not hold two scenarios")
            }
        }
    }
}

/// `v1:` and the encoding of `text`.
fn encode(text: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{V1}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The fragment (with `#`) that carries this scenario.
pub fn fragment(text: &str) -> String {
    format!("#{KEY}{}", encode(text))
}

/// The value of `key` in a URL fragment (`#...`), if it has one.
fn fragment_value<'a>(hash: &'a str, key: &str) -> Option<&'a str> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    hash.split('&').find_map(|part| part.strip_prefix(key))
}

/// The scenario in a URL fragment (`#...`), if the fragment carries one.
pub fn from_fragment(hash: &str) -> Option<Result<String, ShareError>> {
    fragment_value(hash, KEY).map(decode)
}

/// The fragment (with `#`) that carries a comparison of these two scenarios.
pub fn compare_fragment(left: &str, right: &str) -> String {
    format!("#{COMPARE_KEY}{}", encode(&format!("{left}{SIDES}{right}")))
}

/// The two scenarios (left, right) of a comparison in a URL fragment, if it carries one.
pub fn compare_from_fragment(hash: &str) -> Option<Result<(String, String), ShareError>> {
    let value = fragment_value(hash, COMPARE_KEY)?;
    Some(decode(value).and_then(|both| match both.split_once(SIDES) {
        Some((left, right)) if !right.contains(SIDES) => Ok((left.to_owned(), right.to_owned())),
        _ => Err(ShareError::NotAComparison),
    }))
}

/// The scenario in a whole link (`https://...#scenario=v1:...`), a fragment
/// (`#scenario=v1:...`) or a bare value (`v1:...`).
pub fn from_link(link: &str) -> Result<String, ShareError> {
    let link = link.trim();
    match link.split_once('#') {
        Some((_, hash)) => from_fragment(hash).unwrap_or(Err(ShareError::NoScenario)),
        None => match link.strip_prefix(KEY) {
            Some(value) => decode(value),
            None => decode(link),
        },
    }
}

fn decode(value: &str) -> Result<String, ShareError> {
    let Some(data) = value.strip_prefix(V1) else {
        let format = value
            .split(':')
            .next()
            .unwrap_or("")
            .chars()
            .take(16)
            .collect();
        return Err(ShareError::UnknownFormat(format));
    };
    // Accept padding too: some tools add it back.
    let lenient = GeneralPurpose::new(
        &URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let compressed = lenient
        .decode(data.trim())
        .map_err(|_| ShareError::NotBase64)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_SHARE_LINK_BYTES)
            .map_err(|e| match e.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                _ => ShareError::NotDeflate,
            })?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ünïcode\n";
        let f = fragment(text);
        assert!(f.starts_with("#scenario=v1:"));
        assert!(
            !f.contains('=') || f.matches('=').count() == 1,
            "no padding: {f}"
        );
        assert!(!f.contains('+') && !f.contains('/'));
        assert_eq!(from_fragment(&f), Some(Ok(text.to_owned())));
    }

    #[test]
    fn the_format_is_raw_deflate_in_base64url() {
        // "hi\n" as Python's zlib writes raw DEFLATE (wbits=-15), in base64url without padding.
        assert_eq!(
            from_fragment("#scenario=v1:y8jkAgA"),
            Some(Ok("hi\n".into()))
        );
    }

    #[test]
    fn other_fragments_are_not_links() {
        assert_eq!(from_fragment(""), None);
        assert_eq!(from_fragment("#top"), None);
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        assert_eq!(
            from_fragment("#scenario=v1:***"),
            Some(Err(ShareError::NotBase64))
        );
        assert_eq!(
            from_fragment("#scenario=v1:AAAA"),
            Some(Err(ShareError::NotDeflate))
        );
        assert!(matches!(
            from_fragment("#scenario=v9:abc"),
            Some(Err(ShareError::UnknownFormat(v))) if v == "v9"
        ));
    }

    #[test]
    fn whole_links_fragments_and_bare_values_are_read() {
        let f = fragment("kind: Node\n");
        let url = format!("https://example.org/playground/?embed{f}");
        assert_eq!(from_link(&url), Ok("kind: Node\n".to_owned()));
        assert_eq!(from_link(&f), Ok("kind: Node\n".to_owned()));
        assert_eq!(from_link(&f[1..]), Ok("kind: Node\n".to_owned()));
        assert_eq!(
            from_link(&f[1 + KEY.len()..]),
            Ok("kind: Node\n".to_owned())
        );
        assert_eq!(
            from_link("https://example.org/#top"),
            Err(ShareError::NoScenario)
        );
        assert!(matches!(
            from_link("hello"),
            Err(ShareError::UnknownFormat(_))
        ));
    }

    #[test]
    fn a_comparison_carries_both_scenarios() {
        let f = compare_fragment("kind: Node\n", "kind: Pod\n");
        assert!(f.starts_with("#compare=v1:"), "{f}");
        assert_eq!(
            compare_from_fragment(&f),
            Some(Ok(("kind: Node\n".to_owned(), "kind: Pod\n".to_owned())))
        );
        assert_eq!(from_fragment(&f), None);
        assert_eq!(compare_from_fragment(&fragment("a")), None);
        // One scenario, or three, is not a comparison.
        let one = fragment("just one").replacen(KEY, COMPARE_KEY, 1);
        assert_eq!(
            compare_from_fragment(&one),
            Some(Err(ShareError::NotAComparison))
        );
        let three = compare_fragment("a", "b\0c");
        assert_eq!(
            compare_from_fragment(&three),
            Some(Err(ShareError::NotAComparison))
        );
        assert_eq!(
            compare_from_fragment("#compare=v1:AAAA"),
            Some(Err(ShareError::NotDeflate))
        );
    }

    #[test]
    fn more_than_one_mebibyte_is_refused() {
        let big = "#".repeat(MAX_SHARE_LINK_BYTES + 1);
        assert_eq!(
            from_fragment(&fragment(&big)),
            Some(Err(ShareError::TooLarge))
        );
        let fits = "#".repeat(MAX_SHARE_LINK_BYTES);
        assert_eq!(from_fragment(&fragment(&fits)), Some(Ok(fits)));
    }
}
