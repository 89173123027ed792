// End-to-end checks of the CEL console (src/components/console/), called by app.mjs with its
// helpers: a value with its type and costs, a new value on every keystroke, an error with its
// position, a device clicked in the map, and the selector at the editor's cursor sent to the
// console with one click.

const result = '[data-testid="console-result"]';

/** Types into the console's box, replacing what it holds, and waits for the answer to it. */
async function typeExpression(page, expression, timeout) {
  await page.fill('[data-testid="console-expression"]', "");
  await page.type('[data-testid="console-expression"]', expression);
  await page.waitForFunction(
    (e) => document.querySelector('[data-testid="console-expression"]').value === e &&
      document.querySelector('[data-testid="console-result"]')?.dataset.state !== "pending",
    expression, { timeout });
}

export async function consoleChecks({ browser, base, newPage, check, waitRun, problems, timeout }) {
  const { context, page } = await newPage(browser, problems);
  await page.goto(base);
  await waitRun(page);
  await page.click('[data-testid="open-console"]');
  await page.waitForSelector(`${result}[data-state="value"]`, { timeout });
  const device = await page.inputValue('[data-testid="console-device"]');
  check("the console evaluates for the first device of the scenario",
    device.startsWith("gpu.example.com/") && (await page.innerText('[data-testid="console-value"]')) === '"gpu.example.com"', device);

  await typeExpression(page, "device.capacity.size() + 40", timeout);
  await page.waitForSelector(`${result}[data-state="value"]`, { timeout });
  const cost = await page.innerText('[data-testid="console-cost"]');
  check("a value on every keystroke, with its type and its estimated and actual cost",
    /^\d+$/.test(await page.innerText('[data-testid="console-value"]')) && /estimated \d+, actual \d+/.test(cost) &&
      (await page.innerText(result)).includes(": int"), cost);

  await typeExpression(page, "device.driver ==", timeout);
  await page.waitForSelector(`${result}[data-state="error"]`, { timeout });
  const caret = await page.innerText('[data-testid="console-caret"]');
  check("an error shows with its position", (await page.innerText('[data-testid="console-error"]')).includes("compilation failed") && caret.includes("^"), caret);

  await typeExpression(page, "device.driver", timeout);
  const tile = page.locator("[data-device]").last();
  const key = await tile.getAttribute("data-device");
  await tile.click();
  await page.waitForFunction((k) => document.querySelector('[data-testid="console-device"]').value === k, key, { timeout });
  check("a device clicked in the map is the console's device", (await page.inputValue('[data-testid="console-device"]')) === key, key);

  await page.click('.cm-line:has-text("expression: device.driver")');
  await page.click('[data-testid="console-from-editor"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="console-expression"]').value.includes("=="), null, { timeout });
  await page.waitForSelector(`${result}[data-state="value"]`, { timeout });
  check("the selector at the editor's cursor comes to the console with one click",
    (await page.inputValue('[data-testid="console-expression"]')) === 'device.driver == "gpu.example.com"' &&
      (await page.innerText('[data-testid="console-value"]')) === "true");
  await page.screenshot({ path: new URL("./artifacts/console.png", import.meta.url).pathname });
  await context.close();
}
