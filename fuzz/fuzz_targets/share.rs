//! The share-link decoder, on anything a stranger can put in a URL: no panic,
//! nothing larger than the limit comes out, and what comes out encodes to a
//! link that decodes to the same text. Inputs that start with a 0 byte are
//! scenario text instead, for the round trip of the encoder.

#![no_main]

use dra_engine::limits::MAX_SHARE_LINK_BYTES;
use dra_engine::share_link::{fragment, from_fragment, from_link};
use libfuzzer_sys::fuzz_target;

fn round_trips(text: &str) {
    let link = fragment(text);
    assert!(link.is_ascii(), "a link is ASCII");
    assert_eq!(from_fragment(&link), Some(Ok(text.to_owned())));
}

fuzz_target!(|data: &[u8]| {
    if let Some(text) = data.strip_prefix(&[0]) {
        round_trips(&String::from_utf8_lossy(text));
        return;
    }
    let link = String::from_utf8_lossy(data);
    if let Ok(text) = from_link(&link) {
        assert!(text.len() <= MAX_SHARE_LINK_BYTES, "the limit holds");
        round_trips(&text);
    }
});
