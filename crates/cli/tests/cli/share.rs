//! `dra-playground share`: links round-trip through the binary, carry the
//! whole scenario (a link's scenario runs as the file does), and damaged
//! links are refused with a message.

use crate::support::{dra_playground, repo_file, succeeded};

fn example(name: &str) -> String {
    let path = repo_file("examples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_link_carries_the_scenario_and_runs_as_the_file_does() {
    let text = example("first-gpu-claim.yaml");
    let link = succeeded(
        &["share", "--base", "https://playground.example/", "-"],
        &text,
    );
    let link = link.trim_end();
    assert!(
        link.starts_with("https://playground.example/#scenario=v1:"),
        "{link}"
    );
    let fragment = &link[link.find('#').expect("a fragment")..];
    assert!(!fragment.contains('+') && !fragment.contains('/') && !fragment.ends_with('='));

    let decoded = succeeded(&["share", "--decode", link], "");
    assert_eq!(decoded, text);

    let from_link = succeeded(&["allocate", "-"], &decoded);
    let from_file = succeeded(&["allocate", "-"], &text);
    assert_eq!(from_link, from_file);
    assert!(from_file.contains("kind: ResourceClaim"), "{from_file}");
}

#[test]
fn a_known_link_decodes() {
    // "hi\n" as raw DEFLATE (zlib with wbits=-15), base64url without padding.
    assert_eq!(
        succeeded(&["share", "--decode", "#scenario=v1:y8jkAgA"], ""),
        "hi\n"
    );
}

#[test]
fn damaged_links_are_refused_with_a_message() {
    for (link, says) in [
        ("#scenario=v1:***", "not base64url"),
        ("#scenario=v1:AAAA", "does not decompress"),
        ("#scenario=v7:abc", "format"),
        ("https://playground.example/#top", "no scenario"),
    ] {
        let out = dra_playground(&["share", "--decode", link], "");
        assert_eq!(out.status.code(), Some(2), "{link}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{link}: {err}");
        assert!(out.stdout.is_empty(), "{link}");
    }
}
