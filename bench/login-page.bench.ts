// The login page (session lookup, CSRF token, Handlebars render) against a bare Express route, in the same
// run and under the same load, alternating rounds so machine noise hits both alike. Prints the ratio.
import { benchDatabase, load, median, startServer } from "./harness.ts";

export async function benchLoginPage(options: { rounds: number; seconds: number; connections: number }) {
  const database = await benchDatabase();
  const bare = await startServer(["bare"]);
  const app = await startServer(["app", database.url]);
  try {
    // warm-up: JIT, template cache, pool connections
    await load(`http://127.0.0.1:${bare.port}/bare`, { connections: options.connections, seconds: 1 });
    await load(`http://127.0.0.1:${app.port}/login`, { connections: options.connections, seconds: 1 });
    const bareRps: number[] = [];
    const appRps: number[] = [];
    const appP99: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const baseline = await load(`http://127.0.0.1:${bare.port}/bare`, options);
      const login = await load(`http://127.0.0.1:${app.port}/login`, options);
      if (login.non2xx > 0 || login.errors > 0)
        throw new Error(`login page answered ${login.non2xx} non-2xx, ${login.errors} errors`);
      bareRps.push(baseline.requestsPerSecond);
      appRps.push(login.requestsPerSecond);
      appP99.push(login.p99Ms);
    }
    const result = {
      name: "login page vs bare Express route",
      bareRequestsPerSecond: Math.round(median(bareRps)),
      loginRequestsPerSecond: Math.round(median(appRps)),
      loginP99Ms: median(appP99),
      ratio: median(appRps) / median(bareRps),
    };
    console.log(
      `${result.name}: bare ${result.bareRequestsPerSecond} req/s, login page ${result.loginRequestsPerSecond} req/s ` +
        `(p99 ${result.loginP99Ms} ms) → ratio ${result.ratio.toFixed(2)} (median of ${options.rounds} rounds of ${options.seconds} s, ${options.connections} connections)`,
    );
    return result;
  } finally {
    await app.stop();
    await bare.stop();
    await database.stop();
  }
}
