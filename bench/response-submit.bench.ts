// Submitting a 20-item response through POST /api/v1/responses (token check, validation, scoring, one
// transaction with the response and its answer rows) against a bare Express route doing one INSERT on
// the same database, under the same load, alternating rounds. Prints the ratio and the p99 latency.
import pg from "pg";
import { generateSecretToken, hashSecretToken } from "../src/accounts/tokens.ts";
import { benchDatabase, load, median, startServer } from "./harness.ts";

const ITEMS = 20;

function definition() {
  return {
    title: { "zh-CN": "基准问卷", en: "Benchmark questionnaire" },
    sections: [
      {
        key: "main",
        title: { "zh-CN": "满意度", en: "Satisfaction" },
        items: Array.from({ length: ITEMS }, (_, i) => ({
          key: `q${i + 1}`,
          type: "satisfaction",
          text: { "zh-CN": `第 ${i + 1} 题`, en: `Question ${i + 1}` },
          required: true,
        })),
      },
    ],
  };
}

const LEVELS = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"];
const body = JSON.stringify({
  questionnaireId: 0,
  answers: Object.fromEntries(Array.from({ length: ITEMS }, (_, i) => [`q${i + 1}`, LEVELS[i % 4]])),
  mode: "web",
});

export async function benchResponseSubmit(options: { rounds: number; seconds: number; connections: number }) {
  const database = await benchDatabase();
  const baseline = await startServer(["insert", database.url]);
  const app = await startServer(["app", database.url]); // migrates and seeds
  // the same app opening follow-up cases while it takes submissions: every response opens one (the rule
  // takes anonymous respondents, and each response has 不满意 answers)
  const withCases = await startServer(["app", database.url, "open-cases"]);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const admin = await client.query("select id from staff_user where username = 'admin'");
    const token = generateSecretToken("manyi_");
    await client.query(
      "insert into api_token (name, staff_user_id, token_hash, token_prefix) values ('bench', $1, $2, 'bench')",
      [admin.rows[0].id, hashSecretToken(token)],
    );
    const q = await client.query("insert into questionnaire (name) values ('bench') returning id");
    const questionnaireId = q.rows[0].id;
    await client.query(
      "insert into questionnaire_version (questionnaire_id, version_number, definition, status, published_at) values ($1, 1, $2, 'published', now())",
      [questionnaireId, JSON.stringify(definition())],
    );
    await client.query(
      "insert into case_rule (questionnaire_id, enabled, on_dissatisfied, anonymous) values ($1, true, true, true)",
      [questionnaireId],
    );
    const appBody = body.replace('"questionnaireId":0', `"questionnaireId":${questionnaireId}`);
    const target = (port: number, path: string, payload: string, auth?: string) => ({
      url: `http://127.0.0.1:${port}${path}`,
      method: "POST" as const,
      body: payload,
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    });
    const appTarget = target(app.port, "/api/v1/responses", appBody, token);
    const baseTarget = target(baseline.port, "/insert", body);
    const casesTarget = target(withCases.port, "/api/v1/responses", appBody, token);
    // Warm both servers up (JIT, connection pools) before measuring.
    await load(appTarget, { connections: options.connections, seconds: 3 });
    await load(baseTarget, { connections: options.connections, seconds: 3 });
    await load(casesTarget, { connections: options.connections, seconds: 3 });
    const baseRps: number[] = [];
    const appRps: number[] = [];
    const appP99: number[] = [];
    const casesRps: number[] = [];
    const casesP99: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const base = await load(baseTarget, options);
      const submit = await load(appTarget, options);
      if (submit.non2xx > 0 || submit.errors > 0)
        throw new Error(`submit answered ${submit.non2xx} non-2xx, ${submit.errors} errors`);
      const cases = await load(casesTarget, options);
      if (cases.non2xx > 0 || cases.errors > 0)
        throw new Error(`submit with cases answered ${cases.non2xx} non-2xx, ${cases.errors} errors`);
      casesRps.push(cases.requestsPerSecond);
      casesP99.push(cases.p99Ms);
      baseRps.push(base.requestsPerSecond);
      appRps.push(submit.requestsPerSecond);
      appP99.push(submit.p99Ms);
      if (process.env.BENCH_VERBOSE)
        console.log(
          `round ${round + 1}: base ${Math.round(base.requestsPerSecond)} req/s (p99 ${base.p99Ms} ms), submit ${Math.round(submit.requestsPerSecond)} req/s (p50 ${submit.p50Ms}, p99 ${submit.p99Ms}, max ${submit.maxMs} ms), submit while opening cases ${Math.round(cases.requestsPerSecond)} req/s (p99 ${cases.p99Ms} ms)`,
        );
    }
    const stored = await client.query("select count(*)::int as n from response");
    const opened = await client.query("select count(*)::int as n from service_case");
    const result = {
      name: `${ITEMS}-item response submit vs bare INSERT route`,
      baselineRequestsPerSecond: Math.round(median(baseRps)),
      submitRequestsPerSecond: Math.round(median(appRps)),
      submitP99Ms: median(appP99),
      ratio: median(appRps) / median(baseRps),
      responsesStored: stored.rows[0].n,
      withCasesRequestsPerSecond: Math.round(median(casesRps)),
      withCasesP99Ms: median(casesP99),
      /** submit while cases are being opened, against submit alone: the target is at least 0.90 */
      casesRatio: median(casesRps) / median(appRps),
      casesOpened: opened.rows[0].n,
    };
    console.log(
      `${result.name}: bare INSERT ${result.baselineRequestsPerSecond} req/s, submit ${result.submitRequestsPerSecond} req/s ` +
        `(p99 ${result.submitP99Ms} ms) → ratio ${result.ratio.toFixed(2)} (median of ${options.rounds} rounds of ${options.seconds} s, ${options.connections} connections; ${result.responsesStored} responses stored)`,
    );
    console.log(
      `submit while opening follow-up cases: ${result.withCasesRequestsPerSecond} req/s (p99 ${result.withCasesP99Ms} ms) → ${result.casesRatio.toFixed(2)} of submit alone (${result.casesOpened} cases opened)`,
    );
    return result;
  } finally {
    await client.end();
    await app.stop();
    await withCases.stop();
    await baseline.stop();
    await database.stop();
  }
}
