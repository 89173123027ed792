// End-to-end checks of the lessons panel (src/components/lessons/), called by app.mjs with its
// helpers: a lesson opens from its link with its goals unmet, a hint comes on request, the
// solution shows as a diff, a lesson is solved by typing in the editor, the progress is kept
// after a reload, next and the track lead to the other lessons, a `#lesson=` link followed
// inside the page opens its lesson without a reload, the solution of every lesson
// meets its goals in the browser, and closing the panel brings the learner's own scenario back.

const status = '[data-testid="lesson-status"]';

/** Waits until a lesson shows its goals checked; returns its title, whether it is solved, and
 * each goal met or not. */
async function waitLesson(page, timeout) {
  await page.waitForSelector(`${status}`, { timeout });
  return page.evaluate(() => ({
    title: document.querySelector('[data-testid="lesson-title"]')?.innerText ?? "",
    solved: document.querySelector('[data-testid="lesson-status"]')?.dataset.solved === "true",
    goals: [...document.querySelectorAll('[data-testid="goal"]')].map((g) => g.dataset.met === "true"),
  }));
}

/** Waits until the lesson's status says solved (or not). */
async function waitSolved(page, solved, timeout) {
  await page.waitForSelector(`${status}[data-solved="${solved}"]`, { timeout });
}

export async function lessonChecks({ browser, base, newPage, check, waitRun, replaceText, editorText, problems, timeout }) {
  const { context, page } = await newPage(browser, problems);
  await page.goto(base + "#lesson=no-pinning");
  await page.waitForSelector('[data-testid="lesson-title"]', { timeout });
  let lesson = await waitLesson(page, timeout);
  let text = await editorText(page);
  check("a lesson opens from its link, its start in the editor, its goals not all met",
    lesson.title.includes("scheduler finds the node") && text.includes("  nodeName: node-1\n  containers:") && !lesson.solved && lesson.goals.includes(false),
    JSON.stringify(lesson));

  await page.click('[data-testid="lesson-hint"]');
  const hints = await page.locator('[data-testid="hint"]').allInnerTexts();
  check("a hint comes on request, one at a time", hints.length === 1 && hints[0].length > 10 &&
    (await page.innerText('[data-testid="lesson-hint"]')).includes("hint 2 of"), hints.join(" | "));

  await page.click('[data-testid="lesson-show-solution"]');
  const removed = await page.locator('[data-testid="solution-diff"] .diff-removed').allInnerTexts();
  check("the solution shows as a diff from the learner's scenario", removed.some((l) => l.includes("nodeName: node-1")), removed.join(" | "));

  // Solved by typing: the pin goes.
  const pin = "  nodeName: node-1\n  containers:";
  await replaceText(page, text.replace(pin, "  containers:"));
  await waitSolved(page, true, timeout);
  lesson = await waitLesson(page, timeout);
  check("a lesson is solved by typing: every goal met", lesson.solved && lesson.goals.every((g) => g), JSON.stringify(lesson));

  await page.reload();
  await waitSolved(page, true, timeout);
  text = await editorText(page);
  check("the work on a lesson is kept after a reload", text.length > 0 && !text.includes(pin));
  await page.click('[data-testid="lesson-list"]');
  await page.waitForSelector('[data-testid="lesson-track"]', { timeout });
  const solvedMark = await page.getAttribute('[data-lesson="no-pinning"]', "data-solved");
  const count = await page.locator("[data-lesson]").count();
  check("the track lists every lesson, the solved one marked after a reload", solvedMark === "true" && count >= 10, `${count} lessons`);

  // Next from the second lesson leads to the third.
  await page.click('[data-lesson="no-pinning"] button');
  await waitSolved(page, true, timeout);
  await page.click('[data-testid="lesson-next"]');
  await page.waitForFunction(() => location.hash === "#lesson=beyond-counts", null, { timeout });
  await waitSolved(page, false, timeout);
  lesson = await waitLesson(page, timeout);
  check("next opens the next lesson at its start", lesson.title.length > 0 && !lesson.solved, lesson.title);
  await page.screenshot({ path: new URL("./artifacts/lesson.png", import.meta.url).pathname });

  // A `#lesson=` link followed inside the page opens its lesson without a reload.
  await page.evaluate(() => {
    window.__beforeLink = true;
    const a = document.createElement("a");
    a.href = "#lesson=first-claim";
    a.textContent = "Your first claim";
    a.id = "lesson-link";
    document.body.append(a);
  });
  await page.click("#lesson-link");
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-title"]')?.innerText.includes("Your first claim"), null, { timeout });
  lesson = await waitLesson(page, timeout);
  text = await editorText(page);
  check("a #lesson= link followed inside the page opens that lesson without a reload",
    (await page.evaluate(() => window.__beforeLink === true && location.hash === "#lesson=first-claim")) && !lesson.solved && text.includes("kind:"),
    JSON.stringify(lesson));
  await page.evaluate(() => document.getElementById("lesson-link")?.remove());

  // The solution of every lesson meets its goals in the browser.
  await page.click('[data-testid="lesson-list"]');
  await page.waitForSelector('[data-testid="lesson-track"]', { timeout });
  const track = await page.$$eval("[data-lesson]", (items) => items.map((i) => i.dataset.lesson));
  const unsolved = [];
  for (const name of track) {
    await page.click(`[data-lesson="${name}"] button`);
    await page.waitForFunction((n) => location.hash === `#lesson=${n}`, name, { timeout });
    await page.waitForSelector('[data-testid="lesson-show-solution"]', { timeout });
    await page.click('[data-testid="lesson-show-solution"]');
    await page.click('[data-testid="lesson-use-solution"]');
    try {
      await waitSolved(page, true, timeout);
    } catch {
      unsolved.push(name);
    }
    await page.click('[data-testid="lesson-list"]');
    await page.waitForSelector('[data-testid="lesson-track"]', { timeout });
  }
  const marked = await page.$$eval('[data-lesson][data-solved="true"]', (items) => items.length);
  check("the solution of every lesson meets its goals in the browser", track.length >= 10 && unsolved.length === 0 && marked === track.length,
    `${track.length} lessons, unsolved: ${unsolved.join(", ") || "none"}`);

  const before = await waitRun(page);
  await page.click('[data-testid="lesson-close"]');
  const after = await waitRun(page, before.serial);
  check("closing the lessons brings the learner's own scenario back", after.text === "1 of 1 pods scheduled" &&
    (await page.locator('[data-testid="lesson-panel"]').count()) === 0, after.text);
  await context.close();
}
