// Launch-to-ready time of the real app under Xvfb: from asking WebKitWebDriver for a
// session (which starts the app) to the app frame being on screen, with a fresh
// database each time. Run through the harness: `make bench-launch`.
import { launchApp } from "./app.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const { session } = await launchApp();
  times.push(performance.now() - t0);
  await session.end();
}
times.sort((a, b) => a - b);
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`launch to ready (${runs} runs, fresh database each): ` +
  `min ${fmt(times[0])}, median ${fmt(times[Math.floor(runs / 2)])}, max ${fmt(times[runs - 1])}`);
