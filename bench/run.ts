// npm run bench: every benchmark, each against its own baseline measured in the same run.
// BENCH_ROUNDS and BENCH_SECONDS shorten or lengthen the runs.
import { benchLoginPage } from "./login-page.bench.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const results = [await benchLoginPage({ rounds, seconds, connections: 20 })];
console.log(JSON.stringify(results, null, 2));
