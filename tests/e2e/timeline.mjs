// End-to-end check of the timeline (issue 17): the failing-GPU example shows a mark per moment;
// stepping with the keyboard to the failure announces it, shows the eviction with its reason and
// the replacement pod on node-1, and the cluster map follows (the pod gone from the failed GPU,
// which is free and tainted, the new pod on node-1's other GPU); the eviction selected is
// explained in the explanation panel; an edit to the last step re-runs from that step only (the
// first moment kept) and the step's time is shown; a scenario without steps has no timeline.
//
// Called by tests/e2e/app.mjs with its page and helpers.

import path from "node:path";

/** The timeline as the page shows it, or null when there is none. */
async function timeline(page) {
  return page.evaluate(() => {
    const t = document.querySelector('[data-testid="timeline"]');
    if (!t) return null;
    return {
      moment: t.dataset.moment,
      marks: [...t.querySelectorAll("button[data-moment]")].map((b) => b.dataset.moment),
      announced: t.querySelector('[data-testid="timeline-announcement"]')?.innerText ?? "",
      events: [...t.querySelectorAll("li[data-event-kind]")].map((li) => ({ kind: li.dataset.eventKind, object: li.dataset.object, text: li.innerText })),
      pods: [...t.querySelectorAll("tr[data-timeline-pod]")].map((tr) => ({ pod: tr.dataset.timelinePod, state: tr.dataset.state, node: tr.dataset.node ?? null })),
      firstRun: Number(t.dataset.firstRun),
      rerun: t.querySelector('[data-testid="timeline-rerun"]')?.innerText ?? "",
      stepMs: [...t.querySelectorAll("button[data-moment]")].map((b) => b.querySelector("[data-step-ms]")?.dataset.stepMs ?? null),
    };
  });
}

/** The cluster map as drawn: each device with its first holder and classes, the pod chips. */
async function clusterMap(page) {
  return page.evaluate(() => ({
    devices: Object.fromEntries(
      [...document.querySelectorAll(".cluster-map g[data-device]")].map((g) => [
        g.dataset.device,
        { claim: g.dataset.claim ?? null, changed: g.classList.contains("changed"), text: g.textContent },
      ]),
    ),
    chips: [...document.querySelectorAll(".cluster-map g[data-pod-chip]")].map((g) => g.dataset.podChip),
    pods: [...document.querySelectorAll("[data-pod]")].map((p) => ({ pod: p.dataset.pod, node: p.dataset.node ?? null })),
  }));
}

/** Every check; `h` holds app.mjs's page helpers. */
export async function checkTimeline(page, h) {
  const { check, openExample, artifacts } = h;
  // (h also holds editorText, replaceText, serial and waitRun, app.mjs's helpers.)
  await openExample(page, "gpu-failure-eviction");
  const start = await timeline(page);
  check("the timeline has a mark per moment", JSON.stringify(start?.marks) === '["start","gpu-0-fails"]', JSON.stringify(start?.marks));
  await page.focus('[data-testid="timeline"] button[data-index="0"]');
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector('[data-testid="timeline"][data-moment="gpu-0-fails"]', { timeout: h.timeout });
  const failed = await timeline(page);
  const first = start?.pods[0]?.pod;
  const evicted = failed.events.find((e) => e.kind === "Evicted");
  check("the arrow key steps to the failure and announces it", failed.announced.startsWith("Moment 2 of 2: gpu-0-fails at 30s"), failed.announced);
  check("the failure's moment shows the eviction and why", evicted?.object === `Pod ${first}` && evicted.text.includes("NoExecute"), JSON.stringify(evicted));
  const replacement = failed.pods[0];
  check(
    "the replacement pod is bound on node-1",
    failed.pods.length === 1 && replacement.pod !== first && replacement.state === "bound" && replacement.node === "node-1",
    JSON.stringify(failed.pods),
  );
  const map = await clusterMap(page);
  const gpu0 = map.devices["gpu.example.com/node-1/gpu-0"];
  const gpu1 = map.devices["gpu.example.com/node-1/gpu-1"];
  check(
    "the map at the failure: the failed GPU free, tainted and highlighted",
    gpu0 && gpu0.claim === null && gpu0.changed && gpu0.text.includes("NoExecute"),
    JSON.stringify(gpu0),
  );
  check(
    "the map at the failure: the evicted pod gone, the new one on node-1's other GPU",
    !map.chips.includes(first) && map.chips.length === 1 && map.chips[0] === replacement.pod &&
      gpu1?.claim?.startsWith(`${replacement.pod}-gpu`) && map.pods.length === 1 && map.pods[0].node === "node-1",
    JSON.stringify(map),
  );
  check("the map's change is announced in words", failed.announced.includes(`Pod ${first} left node node-1`), failed.announced);
  await page.screenshot({ path: path.join(artifacts, "timeline-eviction.png") });

  // The eviction selected: its explanation in the panel, with the reason and the rule.
  await page.click('[data-testid="timeline"] li[data-event-kind="Evicted"] button');
  await page.waitForSelector('[data-testid="explanation"][data-state="ready"] [data-event-explained="Evicted"]', { timeout: h.timeout });
  const why = await page.evaluate(() => ({
    summary: document.querySelector('[data-testid="explanation"] [data-testid="why-summary"]')?.innerText ?? "",
    rule: document.querySelector('[data-testid="why-rule"]')?.innerText ?? "",
    followed: [...document.querySelectorAll(".why-followed li")].map((li) => li.dataset.eventKind),
  }));
  check(
    "the eviction is explained: why, the controller's rule, what followed",
    why.summary.includes("not tolerated") && why.rule.includes("eviction controller") && why.followed.includes("PodCreated"),
    JSON.stringify(why),
  );
  await page.screenshot({ path: path.join(artifacts, "timeline-event-explained.png") });

  // The replacement pod, which the first moment does not hold, is explained by its changes.
  await page.locator(`ul.pod-list [data-pod="${replacement.pod}"] button.pod-head`).first().click();
  await page.waitForSelector('[data-testid="explanation"] [data-testid="why-history"]', { timeout: h.timeout });
  const history = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="why-history"] li')].map((li) => li.dataset.eventKind));
  check(
    "a pod made later is explained by what happened to it",
    JSON.stringify(history) === '["PodCreated","Scheduled"]',
    JSON.stringify(history),
  );

  // An edit to the last step re-runs that step only; the moment chosen stays.
  const text = await h.editorText(page);
  const runBefore = await h.serial(page);
  await h.replaceText(page, text.replace("value: uncorrectable", "value: flaky"));
  await h.waitRun(page, runBefore);
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline"] li[data-event-kind="Evicted"]')?.innerText.includes("flaky"), null, { timeout: h.timeout });
  const edited = await timeline(page);
  check(
    "an edit to the last step re-runs from it (the first moment kept), still at the failure",
    edited.firstRun === 1 && edited.moment === "gpu-0-fails" && edited.rerun.startsWith("Re-ran from gpu-0-fails"),
    `${edited.firstRun} ${edited.moment} ${edited.rerun}`,
  );
  check("the step's time is shown", edited.stepMs[1] !== null && Number(edited.stepMs[1]) >= 0, `gpu-0-fails re-ran in ${edited.stepMs[1]} ms`);
  await openExample(page, "shared-claim-vs-template");
  check("a scenario without steps has no timeline", (await timeline(page)) === null);
}
