// How long the page's main thread was held up, for the e2e checks that type during long runs:
// the longest gap between 10 ms timer ticks ("stall") and the longest task the browser reports
// (PerformanceObserver `longtask`), both since `watchMainThread`.

/** Starts (or restarts) recording the longest stall and the longest task. */
export async function watchMainThread(page) {
  await page.evaluate(() => {
    clearInterval(window.__mainThreadTimer);
    const w = (window.__mainThread = window.__mainThread ?? { longest: 0 });
    w.gap = 0;
    w.longest = 0;
    let last = performance.now();
    window.__mainThreadTimer = setInterval(() => {
      const now = performance.now();
      w.gap = Math.max(w.gap, now - last);
      last = now;
    }, 10);
    if (!w.observer) {
      w.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
      });
      w.observer.observe({ type: "longtask" });
    }
  });
}

/** What was recorded since `watchMainThread`: `{ gap, longest }` in ms. */
export const mainThread = (page) =>
  page.evaluate(() => ({ gap: window.__mainThread.gap, longest: window.__mainThread.longest }));
