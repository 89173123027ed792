use super::*;
use crate::playground::analyze;
use crate::RunOptions;

const SHARED_NIC: &str = "apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: nic
spec:
  selectors:
  - cel:
      expression: device.driver == \"nic.example.com\"
---
apiVersion: resource.k8s.io/v1
kind: ResourceSlice
metadata:
  name: nics
spec:
  driver: nic.example.com
  nodeName: node-1
  pool:
    name: node-1
    resourceSliceCount: 1
  devices:
  - name: nic-0
    allowMultipleAllocations: true
    capacity:
      bandwidth:
        value: 10Gi
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: a
spec:
  devices:
    requests:
    - name: net
      exactly:
        deviceClassName: nic
        capacity:
          requests:
            bandwidth: 4Gi
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: b
spec:
  devices:
    requests:
    - name: net
      exactly:
        deviceClassName: nic
        capacity:
          requests:
            bandwidth: 2Gi
";

#[test]
fn a_shared_device_shows_every_holder_and_its_share() {
    let analysis = analyze(SHARED_NIC, &RunOptions::default());
    let svg = picture(
        &analysis,
        &PictureOptions {
            title: "Shared NIC".into(),
        },
    );
    assert!(
        svg.contains(
            "data-claim=\"default/a\" data-request=\"net\" data-claims=\"default/a default/b\""
        ),
        "{svg}"
    );
    assert!(
        svg.contains("→ default/a (request net), consumes bandwidth 4Gi"),
        "{svg}"
    );
    assert!(
        svg.contains("→ default/b (request net), consumes bandwidth 2Gi"),
        "{svg}"
    );
    assert!(svg.contains(">2 claims: a, b</text>"), "{svg}");
    // Each share in its claim's color: 4 and 2 of 10 (bar 134 px wide).
    assert!(
        svg.contains("width=\"53.6\" height=\"5\" rx=\"2.5\" class=\"gauge-share claim-0\""),
        "{svg}"
    );
    assert!(
        svg.contains("width=\"26.8\" height=\"5\" rx=\"2.5\" class=\"gauge-share claim-1\""),
        "{svg}"
    );
}

#[test]
fn the_same_analysis_is_the_same_picture() {
    let options = PictureOptions { title: "t".into() };
    let first = picture(&analyze(SHARED_NIC, &RunOptions::default()), &options);
    let second = picture(&analyze(SHARED_NIC, &RunOptions::default()), &options);
    assert_eq!(first, second);
}

#[test]
fn a_scenario_with_errors_lists_them() {
    let analysis = analyze(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  resourceClaimz: []\n",
        &RunOptions::default(),
    );
    let svg = picture(&analysis, &PictureOptions::default());
    assert!(
        svg.contains(
            "class=\"picture-status invalid\">Nothing ran: 1 error in the scenario</text>"
        ),
        "{svg}"
    );
    assert!(svg.contains("line 6, column 3: "), "{svg}");
}

#[test]
fn titles_come_from_a_comment() {
    assert_eq!(
        comment_title("# title: A GPU\n# lesson: x\nkind: Node\n"),
        Some("A GPU")
    );
    assert_eq!(comment_title("kind: Node\n# title: late\n"), None);
}
