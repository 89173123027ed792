//! Whether an expectation holds for a run (or a refusal) of a corpus file.

use std::collections::BTreeSet;

use dra_engine::api::{device_id, is_generated, pod_claim_name, ResourceClaim, WorkloadKind};
use dra_engine::diagnostic::{Diagnostic, Severity};
use dra_engine::load::{load_scenario, LoadOptions, MadeBy};
use dra_engine::pipeline::{refuse, run};
use dra_engine::scheduler::{Placement, PodOutcome, SchedulerOptions};

use super::expect::{Expect, Owner, PodCount, Subject};

/// A corpus file as a user pasting it meets it: refused with errors, or
/// run; the hints of loading either way.
pub struct Outcome {
    /// The errors, when the scenario is refused.
    pub errors: Option<Vec<Diagnostic>>,
    /// Info hints of loading.
    pub hints: Vec<Diagnostic>,
    /// Every pod of the run with the workload that made it.
    pub pods: Vec<(PodOutcome, Option<MadeBy>)>,
    /// Every claim of the run.
    pub claims: Vec<ResourceClaim>,
}

impl Outcome {
    /// Loads (with validation, as `dra-playground allocate` does) and runs.
    pub fn of(text: &str) -> Outcome {
        let loaded = load_scenario(text, &LoadOptions::default());
        let hints: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Info)
            .cloned()
            .collect();
        let made_by: Vec<Option<MadeBy>> = loaded
            .objects
            .iter()
            .filter(|o| o.object.kind() == "Pod")
            .map(|o| o.made_by.clone())
            .collect();
        let loaded = match refuse(loaded) {
            Ok(loaded) => loaded,
            Err(errors) => {
                return Outcome {
                    errors: Some(errors),
                    hints,
                    pods: Vec::new(),
                    claims: Vec::new(),
                }
            }
        };
        let result = run(&loaded, &SchedulerOptions::default(), None);
        Outcome {
            errors: None,
            hints,
            pods: result.pods.into_iter().zip(made_by).collect(),
            claims: result.claims,
        }
    }

    /// Checks one expectation.
    pub fn check(&self, expect: &Expect) -> Result<(), String> {
        if let Expect::ErrorAt(line, text) = expect {
            let errors = self.errors.as_deref().unwrap_or_default();
            return errors
                .iter()
                .any(|d| d.span.start.line == *line && contains(&d.message, text))
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "no error at line {line} containing {text:?}; errors: {}",
                        list(errors)
                    )
                });
        }
        if let Expect::HintAt(line, text) = expect {
            return self
                .hints
                .iter()
                .any(|d| d.span.start.line == *line && contains(&d.message, text))
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "no hint at line {line} containing {text:?}; hints: {}",
                        list(&self.hints)
                    )
                });
        }
        if let Some(errors) = &self.errors {
            return Err(format!("refused: {}", list(errors)));
        }
        match expect {
            Expect::PodOn(pod, node) => match self.pod(pod)?.placement.clone() {
                Placement::Node(n) if n == *node => Ok(()),
                other => Err(format!("pod {pod}: {other:?}, not on {node}")),
            },
            Expect::PodScheduled(pod) => match &self.pod(pod)?.placement {
                Placement::Node(_) => Ok(()),
                other => Err(format!("pod {pod}: {other:?}")),
            },
            Expect::PodUnschedulable(pod, text) => match &self.pod(pod)?.placement {
                Placement::Unschedulable(m) if text.as_ref().is_none_or(|t| contains(m, t)) => {
                    Ok(())
                }
                other => Err(format!("pod {pod}: {other:?}")),
            },
            Expect::ClaimUnallocated(claim) => match &self.claim(claim)?.status.allocation {
                None => Ok(()),
                Some(_) => Err(format!(
                    "claim {claim} is allocated: {:?}",
                    devices_of(self.claim(claim)?)
                )),
            },
            Expect::ClaimDevices(claim, devices) => {
                let mut got = devices_of(self.claim(claim)?);
                let mut want = devices.clone();
                got.sort();
                want.sort();
                (got == want)
                    .then_some(())
                    .ok_or_else(|| format!("claim {claim}: {got:?}"))
            }
            Expect::ClaimRequests(claim, requests) => {
                let got: BTreeSet<String> = results(self.claim(claim)?)
                    .map(|r| r.request.clone())
                    .collect();
                let want: BTreeSet<String> = requests.iter().cloned().collect();
                (got == want)
                    .then_some(())
                    .ok_or_else(|| format!("claim {claim} requests {got:?}"))
            }
            Expect::ClaimShares(claim, device) => results(self.claim(claim)?)
                .any(|r| {
                    device_id(&r.driver, &r.pool, &r.device) == *device && r.share_id.is_some()
                })
                .then_some(())
                .ok_or_else(|| format!("claim {claim} has no shared result for {device}")),
            Expect::ClaimsOfPod(pod, claims) => {
                let got = self.claims_of(self.pod(pod)?)?;
                let want: BTreeSet<String> = claims.iter().cloned().collect();
                (got == want)
                    .then_some(())
                    .ok_or_else(|| format!("pod {pod} uses {got:?}"))
            }
            Expect::Claims(n) => (self.claims.len() == *n).then_some(()).ok_or_else(|| {
                format!(
                    "{} claims: {:?}",
                    self.claims.len(),
                    self.claims
                        .iter()
                        .map(|c| c.metadata.namespaced_name())
                        .collect::<Vec<_>>()
                )
            }),
            Expect::PodsOf(owner, n, count) => {
                let pods = self.pods_of(owner);
                let counted = pods
                    .iter()
                    .filter(|p| match (count, &p.placement) {
                        (PodCount::Made, _) => true,
                        (PodCount::Scheduled, Placement::Node(_)) => true,
                        (PodCount::Unschedulable, Placement::Unschedulable(_)) => true,
                        (PodCount::On(node), Placement::Node(on)) => on == node,
                        _ => false,
                    })
                    .count();
                (counted == *n).then_some(()).ok_or_else(|| {
                    let placements: Vec<_> = pods
                        .iter()
                        .map(|p| (&p.pod.metadata.name, &p.placement))
                        .collect();
                    format!("{counted}, not {n}: {placements:?}")
                })
            }
            Expect::DistinctDevices(subjects, n) => {
                let got = self.devices_of_subjects(subjects)?;
                (got.len() == *n)
                    .then_some(())
                    .ok_or_else(|| format!("{} distinct: {got:?}", got.len()))
            }
            Expect::Devices(subjects, devices) => {
                let got = self.devices_of_subjects(subjects)?;
                let want: BTreeSet<String> = devices.iter().cloned().collect();
                (got == want)
                    .then_some(())
                    .ok_or_else(|| format!("devices {got:?}"))
            }
            Expect::ErrorAt(..) | Expect::HintAt(..) => Ok(()),
        }
    }

    fn pod(&self, name: &str) -> Result<&PodOutcome, String> {
        self.pods
            .iter()
            .map(|(p, _)| p)
            .find(|p| p.pod.metadata.namespaced_name() == name)
            .ok_or_else(|| format!("no pod {name}"))
    }

    fn claim(&self, name: &str) -> Result<&ResourceClaim, String> {
        self.claims
            .iter()
            .find(|c| c.metadata.namespaced_name() == name)
            .ok_or_else(|| format!("no claim {name}"))
    }

    /// The claims serving a pod (they must exist): its entries' and the
    /// claim for its extended resources.
    fn claims_of(&self, pod: &PodOutcome) -> Result<BTreeSet<String>, String> {
        let namespace = pod.pod.metadata.namespace_or_default();
        let extended = pod
            .pod
            .status
            .as_ref()
            .and_then(|s| s.extended_resource_claim_status.as_ref())
            .map(|s| s.resource_claim_name.clone());
        let names = pod
            .pod
            .spec
            .resource_claims
            .iter()
            .filter_map(|entry| pod_claim_name(&pod.pod, entry))
            .chain(extended);
        let mut out = BTreeSet::new();
        for name in names {
            let key = format!("{namespace}/{name}");
            self.claim(&key)?;
            out.insert(key);
        }
        Ok(out)
    }

    fn pods_of(&self, owner: &Owner) -> Vec<&PodOutcome> {
        let (namespace, name) = owner.name.split_once('/').unwrap_or_default();
        self.pods
            .iter()
            .filter(|(p, made_by)| {
                let meta = &p.pod.metadata;
                if meta.namespace_or_default() != namespace {
                    return false;
                }
                match made_by {
                    Some(m) => m.name == name && kind_word(m.kind) == owner.kind,
                    None => {
                        owner.kind == "generatename"
                            && meta.generate_name == name
                            && is_generated(&meta.name, &meta.generate_name)
                    }
                }
            })
            .map(|(p, _)| p)
            .collect()
    }

    fn devices_of_subjects(&self, subjects: &[Subject]) -> Result<BTreeSet<String>, String> {
        let mut claims = BTreeSet::new();
        for subject in subjects {
            match subject {
                Subject::Claim(c) => {
                    claims.insert(c.clone());
                }
                Subject::Pod(p) => claims.extend(self.claims_of(self.pod(p)?)?),
                Subject::Pods(owner) => {
                    for pod in self.pods_of(owner) {
                        claims.extend(self.claims_of(pod)?);
                    }
                }
            }
        }
        let mut devices = BTreeSet::new();
        for claim in claims {
            devices.extend(devices_of(self.claim(&claim)?));
        }
        Ok(devices)
    }
}

fn kind_word(kind: WorkloadKind) -> String {
    kind.name().to_lowercase()
}

fn results(
    claim: &ResourceClaim,
) -> impl Iterator<Item = &dra_engine::api::DeviceRequestAllocationResult> {
    claim
        .status
        .allocation
        .iter()
        .flat_map(|a| &a.devices.results)
}

fn devices_of(claim: &ResourceClaim) -> Vec<String> {
    results(claim)
        .map(|r| device_id(&r.driver, &r.pool, &r.device))
        .collect()
}

fn contains(message: &str, text: &str) -> bool {
    message.to_lowercase().contains(&text.to_lowercase())
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("[{}] {}", d.span.start.line, d.message))
        .collect::<Vec<_>>()
        .join("; ")
}
