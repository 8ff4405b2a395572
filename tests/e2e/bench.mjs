// What the in-window benchmarks share: a click timed inside the page until what it
// leads to is painted, waiting, and the figures printed as min / median / max.

/**
 * A script that clicks `arguments[0]` inside the page and answers the milliseconds
 * until `readyBody` (a function body, inlined: the CSP forbids eval) holds after a paint.
 */
export const clickUntil = (readyBody) => `
  const [clickCss, done] = [arguments[0], arguments[arguments.length - 1]];
  const ready = () => { ${readyBody} };
  const t0 = performance.now();
  document.querySelector(clickCss).click();
  const poll = () => {
    if (ready()) requestAnimationFrame(() => done(performance.now() - t0));
    else setTimeout(poll, 2);
  };
  poll();`;

export async function waitFor(what, predicate, timeout = 60000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    // An element replaced while it is being looked up is "stale": look again.
    if (await predicate().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function summary(name, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  console.log(`${name} (${sorted.length} runs): min ${fmt(sorted[0])}, median ${fmt(sorted[Math.floor(sorted.length / 2)])}, max ${fmt(sorted[sorted.length - 1])}`);
}
