//! The `# expect:` lines of a corpus file, parsed (the grammar is
//! tests/corpus/README.md's).

/// A pod or claim named `NS/NAME`.
pub type Name = String;

/// Whose pods: a workload's, or those made of a `generateName`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// `deployment`, `replicaset`, `statefulset`, `daemonset`, `job` or
    /// `generatename`.
    pub kind: String,
    /// `NS/NAME` (the prefix as written, for `generatename`).
    pub name: Name,
}

/// Whose devices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A pod.
    Pod(Name),
    /// A claim.
    Claim(Name),
    /// All pods of a workload or generateName.
    Pods(Owner),
}

/// What the pods of an owner did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PodCount {
    /// So many exist.
    Made,
    /// So many are scheduled.
    Scheduled,
    /// So many are unschedulable.
    Unschedulable,
    /// So many are on this node.
    On(String),
}

/// One expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `pod NS/NAME on NODE`.
    PodOn(Name, String),
    /// `pod NS/NAME scheduled`.
    PodScheduled(Name),
    /// `pod NS/NAME unschedulable[: TEXT]`.
    PodUnschedulable(Name, Option<String>),
    /// `claim NS/NAME unallocated`.
    ClaimUnallocated(Name),
    /// `claim NS/NAME DRIVER/POOL/DEVICE...`.
    ClaimDevices(Name, Vec<String>),
    /// `claim NS/NAME requests REQ...`.
    ClaimRequests(Name, Vec<String>),
    /// `claim NS/NAME shares DRIVER/POOL/DEVICE`.
    ClaimShares(Name, String),
    /// `claims of pod NS/NAME: NS/CLAIM...`.
    ClaimsOfPod(Name, Vec<Name>),
    /// `claims: N`.
    Claims(usize),
    /// `pods of KIND NS/NAME: N [scheduled|unschedulable|on NODE]`.
    PodsOf(Owner, usize, PodCount),
    /// `devices of SUBJECT, ...: N distinct`.
    DistinctDevices(Vec<Subject>, usize),
    /// `devices of SUBJECT, ...: DRIVER/POOL/DEVICE...`.
    Devices(Vec<Subject>, Vec<String>),
    /// `error at line L: TEXT`.
    ErrorAt(usize, String),
    /// `hint at line L: TEXT`.
    HintAt(usize, String),
}

impl Expect {
    /// Whether the input must be refused.
    pub fn is_error(&self) -> bool {
        matches!(self, Expect::ErrorAt(..))
    }
}

/// Every `# expect:` line of a file, parsed; an unparsable line is an
/// error naming it.
pub fn expectations(text: &str) -> Result<Vec<Expect>, String> {
    text.lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(|line| parse(line.trim()).ok_or_else(|| format!("cannot parse `# expect: {line}`")))
        .collect()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

fn owner(kind: &str, name: &str) -> Option<Owner> {
    matches!(
        kind,
        "deployment" | "replicaset" | "statefulset" | "daemonset" | "job" | "generatename"
    )
    .then(|| Owner {
        kind: kind.to_owned(),
        name: name.to_owned(),
    })
}

fn subject(s: &str) -> Option<Subject> {
    let (kind, name) = s.trim().split_once(' ')?;
    Some(match kind {
        "pod" => Subject::Pod(name.to_owned()),
        "claim" => Subject::Claim(name.to_owned()),
        _ => Subject::Pods(owner(kind, name)?),
    })
}

fn parse(line: &str) -> Option<Expect> {
    if let Some(rest) = line.strip_prefix("error at line ") {
        let (l, text) = rest.split_once(": ")?;
        return Some(Expect::ErrorAt(l.parse().ok()?, text.to_owned()));
    }
    if let Some(rest) = line.strip_prefix("hint at line ") {
        let (l, text) = rest.split_once(": ")?;
        return Some(Expect::HintAt(l.parse().ok()?, text.to_owned()));
    }
    if let Some(n) = line.strip_prefix("claims: ") {
        return Some(Expect::Claims(n.parse().ok()?));
    }
    if let Some(rest) = line.strip_prefix("claims of pod ") {
        let (pod, claims) = rest.split_once(": ")?;
        return Some(Expect::ClaimsOfPod(pod.to_owned(), words(claims)));
    }
    if let Some(rest) = line.strip_prefix("pods of ") {
        let (who, what) = rest.split_once(": ")?;
        let (kind, name) = who.split_once(' ')?;
        let what = words(what);
        let n = what.first()?.parse().ok()?;
        let count = match what.get(1).map(String::as_str) {
            None => PodCount::Made,
            Some("scheduled") => PodCount::Scheduled,
            Some("unschedulable") => PodCount::Unschedulable,
            Some("on") => PodCount::On(what.get(2)?.clone()),
            Some(_) => return None,
        };
        return Some(Expect::PodsOf(owner(kind, name)?, n, count));
    }
    if let Some(rest) = line.strip_prefix("devices of ") {
        let (who, what) = rest.rsplit_once(": ")?;
        let subjects = who.split(", ").map(subject).collect::<Option<Vec<_>>>()?;
        let what = words(what);
        if what.len() == 2 && what[1] == "distinct" {
            return Some(Expect::DistinctDevices(subjects, what[0].parse().ok()?));
        }
        return Some(Expect::Devices(subjects, what));
    }
    if let Some(rest) = line.strip_prefix("pod ") {
        let (name, what) = rest.split_once(' ')?;
        if let Some(node) = what.strip_prefix("on ") {
            return Some(Expect::PodOn(name.to_owned(), node.to_owned()));
        }
        if what == "scheduled" {
            return Some(Expect::PodScheduled(name.to_owned()));
        }
        if what == "unschedulable" {
            return Some(Expect::PodUnschedulable(name.to_owned(), None));
        }
        let text = what.strip_prefix("unschedulable: ")?;
        return Some(Expect::PodUnschedulable(
            name.to_owned(),
            Some(text.to_owned()),
        ));
    }
    if let Some(rest) = line.strip_prefix("claim ") {
        let (name, what) = rest.split_once(' ')?;
        if what == "unallocated" {
            return Some(Expect::ClaimUnallocated(name.to_owned()));
        }
        if let Some(requests) = what.strip_prefix("requests ") {
            return Some(Expect::ClaimRequests(name.to_owned(), words(requests)));
        }
        if let Some(device) = what.strip_prefix("shares ") {
            return Some(Expect::ClaimShares(name.to_owned(), device.to_owned()));
        }
        return Some(Expect::ClaimDevices(name.to_owned(), words(what)));
    }
    None
}

#[test]
fn the_grammar_of_the_corpus_readme() {
    let text = "# expect: pods of deployment default/fake-pod: 1 on kwok-node-0\n\
                # expect: devices of pod a/b, job c/d: 2 distinct\n\
                # expect: pod ns/p unschedulable: no such key\n\
                # expect: error at line 30: –--\n";
    let all = expectations(text).unwrap();
    assert_eq!(
        all[0],
        Expect::PodsOf(
            Owner {
                kind: "deployment".into(),
                name: "default/fake-pod".into()
            },
            1,
            PodCount::On("kwok-node-0".into())
        )
    );
    assert_eq!(
        all[1],
        Expect::DistinctDevices(
            vec![
                Subject::Pod("a/b".into()),
                Subject::Pods(Owner {
                    kind: "job".into(),
                    name: "c/d".into()
                })
            ],
            2
        )
    );
    assert_eq!(
        all[2],
        Expect::PodUnschedulable("ns/p".into(), Some("no such key".into()))
    );
    assert_eq!(all[3], Expect::ErrorAt(30, "–--".into()));
    assert!(expectations("# expect: pod x wanders\n").is_err());
}
