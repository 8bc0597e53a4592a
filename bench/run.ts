// npm run bench: every benchmark, each against its own baseline measured in the same run.
// BENCH_ROUNDS and BENCH_SECONDS shorten or lengthen the runs.

import { benchCustomerImport } from "./customer-import.bench.ts";
import { benchInvitationSend } from "./invitation-send.bench.ts";
import { benchLoginPage } from "./login-page.bench.ts";
import { benchReport } from "./report.bench.ts";
import { benchResponseSubmit } from "./response-submit.bench.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const only = process.argv[2];
const benches = {
  login: () => benchLoginPage({ rounds, seconds, connections: 20 }),
  submit: () => benchResponseSubmit({ rounds, seconds, connections: 50 }),
  send: () => benchInvitationSend({ rounds }),
  import: () => benchCustomerImport({ rows: Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) }),
  // BENCH_RESPONSES shrinks the report benchmark's data for a quick try (default 1,000,000).
  report: () => benchReport({ responses: Number(process.env.BENCH_RESPONSES ?? 1_000_000), rounds }),
};
const results = [];
for (const [name, run] of Object.entries(benches)) {
  if (!only || only === name) results.push(await run());
}
console.log(JSON.stringify(results, null, 2));
