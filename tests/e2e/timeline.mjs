// End-to-end check of the timeline (issue 17): the failing-GPU example shows a mark per moment;
// stepping with the keyboard to the failure announces it, shows the eviction with its reason and
// the replacement pod on node-1; a scenario without steps has no timeline.
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
    };
  });
}

/** Every check; `h` holds app.mjs's page helpers. */
export async function checkTimeline(page, h) {
  const { check, openExample, artifacts } = h;
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
  await page.screenshot({ path: path.join(artifacts, "timeline-eviction.png") });
  await openExample(page, "shared-claim-vs-template");
  check("a scenario without steps has no timeline", (await timeline(page)) === null);
}
