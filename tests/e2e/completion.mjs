// End-to-end checks of completion and hover in the editor (js/editor.js, with the names the
// worker sends after each run: src/worker/completions.rs), called by app.mjs with its helpers:
// inside a CEL expression the scenario's attribute domains and names come with their types and
// one is accepted with Enter, `device.` offers its fields, and hovering over an attribute name
// shows its value on each device. In YAML (crates/engine/src/completion/, answered by the
// worker), typing in a document offers the fields of its kind at the cursor, one is accepted
// by keyboard, a closed set of values follows, and a reference offers the scenario's
// DeviceClass names.

export async function completionChecks({ browser, base, newPage, check, waitRun, editorText, problems, timeout }) {
  const { context, page } = await newPage(browser, problems);
  await page.goto(base);
  await waitRun(page);
  const at = await page.evaluate(() => {
    const view = window.DraEditor.active.view;
    const doc = view.state.doc.toString();
    const pos = doc.indexOf("model:", doc.indexOf("kind: ResourceSlice")) + 2;
    const c = view.coordsAtPos(pos);
    return c && { x: c.left + 1, y: (c.top + c.bottom) / 2 };
  });
  await page.mouse.move(at.x - 20, at.y);
  await page.mouse.move(at.x + 4, at.y, { steps: 4 });
  await page.waitForSelector('[data-testid="attribute-hover"]', { timeout });
  const hover = await page.innerText('[data-testid="attribute-hover"]');
  check("hovering over an attribute name shows its value on each device",
    hover.includes('gpu.example.com/node-1/gpu-0: "example-gpu-a"'), hover);
  await page.click('.cm-line:has-text("expression: device.driver")');
  await page.keyboard.press("End");
  await page.keyboard.type(' && device.attributes["');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("gpu.example.com")', { timeout });
  await page.keyboard.type('gpu.example.com"].mo');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("model")', { timeout });
  const offered = await page.innerText(".cm-tooltip-autocomplete");
  await page.waitForTimeout(200); // CodeMirror's interactionDelay after the list changed
  await page.keyboard.press("Enter");
  let text = await editorText(page);
  check("completion offers the scenario's attribute names with their types, and Enter accepts one",
    text.includes('expression: device.driver == "gpu.example.com" && device.attributes["gpu.example.com"].model') && offered.includes("string"), offered);

  await page.keyboard.type(' == "x" || device.dri');
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("driver")', { timeout });
  await page.waitForTimeout(200);
  await page.keyboard.press("Enter");
  text = await editorText(page);
  check("`device.` offers its fields", text.includes('.model == "x" || device.driver'));

  await yamlChecks({ page, check, waitRun, editorText, timeout });
  await context.close();
}

/** A scenario with two DeviceClasses, ending inside a claim's request. */
const CLAIM_BEING_WRITTEN = `apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu.example.com
---
apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: nic.example.com
---
apiVersion: resource.k8s.io/v1
kind: ResourceClaim
metadata:
  name: mine
spec:
  devices:
    requests:
    - name: gpu
      exactly:
        count: 1
`;

async function yamlChecks({ page, check, waitRun, editorText, timeout }) {
  const before = await waitRun(page);
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(CLAIM_BEING_WRITTEN);
  await waitRun(page, before.serial);
  await page.keyboard.press("Control+End");
  await page.keyboard.type("        allo");
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("allocationMode")', { timeout });
  const fields = await page.innerText(".cm-tooltip-autocomplete");
  await page.waitForTimeout(200);
  await page.keyboard.press("Enter");
  let text = await editorText(page);
  check("typing in a claim offers the fields of its request, and Enter accepts one",
    text.endsWith("        count: 1\n        allocationMode: ") && fields.includes("string"), fields);

  await page.keyboard.type("Ex");
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("ExactCount")', { timeout });
  await page.waitForTimeout(200);
  await page.keyboard.press("Enter");
  text = await editorText(page);
  check("a field with a closed set of values offers them", text.endsWith("allocationMode: ExactCount"), text.slice(-40));

  await page.keyboard.press("Enter");
  await page.keyboard.type("deviceClassName: ");
  await page.waitForSelector('.cm-tooltip-autocomplete li:has-text("nic.example.com")', { timeout });
  const classes = await page.locator(".cm-tooltip-autocomplete li").allInnerTexts();
  // CodeMirror ignores the list's keys for a moment after it changes (its interactionDelay).
  await page.waitForTimeout(200);
  await page.keyboard.press("ArrowDown");
  await page.waitForSelector('.cm-tooltip-autocomplete li[aria-selected="true"]:has-text("nic.example.com")', { timeout });
  await page.keyboard.press("Enter");
  text = await editorText(page);
  check("deviceClassName offers the scenario's DeviceClasses; arrows and Enter choose one",
    classes.length === 2 && classes[0].includes("gpu.example.com") && classes[1].includes("nic.example.com") &&
      text.endsWith("        allocationMode: ExactCount\n        deviceClassName: nic.example.com"),
    `${classes.join(" | ")} → ${text.slice(-60)}`);
}
