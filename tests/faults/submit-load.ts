import pg from "pg";
import { PageClient } from "../helpers/http-client.ts";

/** A complete answer set for the demo's 三诚 questionnaire (wave `sancheng-2026`). */
export const SANCHENG_ANSWERS = {
  attitude: "very_satisfied",
  listening: "satisfied",
  care: "satisfied",
  promise: "very_satisfied",
  transparency: "satisfied",
  accuracy: "very_satisfied",
  speed: "basically_satisfied",
  resolution: "satisfied",
  channels: "satisfied",
  recommend: 9,
};

/** An API token for the demo's quality user, made the way an administrator makes one. */
export async function demoApiToken(baseUrl: string): Promise<string> {
  const admin = new PageClient(baseUrl, { "accept-language": "en" });
  const signedIn = await admin.logIn("admin", "manyi-admin-demo");
  if (signedIn.status !== 303) throw new Error(`admin sign-in failed with ${signedIn.status}`);
  const page = await admin.get("/admin/tokens");
  const quality = /<option value="(\d+)"[^>]*>[^<]*\(quality,/.exec(page.text)?.[1];
  if (!quality) throw new Error("no quality user on the tokens page");
  const created = await admin.post("/admin/tokens", { name: "fault load", staffUserId: quality });
  const token = /<code class="token" id="created-token">([^<]+)<\/code>/.exec(created.text)?.[1];
  if (!token) throw new Error(`creating a token failed with ${created.status}`);
  return token;
}

export interface LoadResult {
  /** Idempotency keys the server acknowledged (201, or 200 for a retry it had already stored). */
  acknowledged: Set<string>;
  /** Answers by status ("network" for a request that got no answer). */
  statuses: Map<string, number>;
}

/**
 * `clients` loops that each post one response after another, each under its own Idempotency-Key, and
 * retry a post that failed (a 5xx or no answer) with the same key, as an integration would, until it
 * is acknowledged. Runs until `stop()` resolves, then lets the posts in flight finish.
 */
export async function submitLoad(options: {
  baseUrl: string;
  token: string;
  waveId: number;
  clients: number;
  prefix: string;
  until: Promise<unknown>;
}): Promise<LoadResult> {
  const acknowledged = new Set<string>();
  const statuses = new Map<string, number>();
  const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  // the caller awaits `until` too and sees its failure; here it only ends the load
  options.until.then(stop, stop);
  const post = async (key: string): Promise<boolean> => {
    try {
      const response = await fetch(`${options.baseUrl}/api/v1/responses`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.token}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify({ waveId: options.waveId, answers: SANCHENG_ANSWERS, mode: "phone" }),
        signal: AbortSignal.timeout(30_000),
      });
      count(String(response.status));
      await response.arrayBuffer();
      if (response.status === 201 || response.status === 200) {
        acknowledged.add(key);
        return true;
      }
      if (response.status < 500) throw new Error(`a post was refused with ${response.status}`);
      return false;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("a post was refused")) throw error;
      count("network");
      return false;
    }
  };
  const client = async (n: number) => {
    for (let i = 0; ; i++) {
      const key = `${options.prefix}-${n}-${i}`;
      // once stopping, a post that is not yet acknowledged is still retried until it is
      for (let attempt = 0; !(await post(key)); attempt++) {
        if (attempt > 900) throw new Error(`post ${key} never got through`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (stopping) return;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  return { acknowledged, statuses };
}

/** Runs one query on a connection of its own (the fault tests look into the database from outside). */
export async function queryOnce<R extends pg.QueryResultRow>(
  connectionString: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** How many responses the database holds under the load's keys (the API stores `api:<user>:<key>`). */
export async function storedUnderPrefix(connectionString: string, prefix: string): Promise<number> {
  const rows = await queryOnce<{ n: string }>(
    connectionString,
    "select count(*) as n from response where submit_key like $1",
    [`api:%:${prefix}-%`],
  );
  return Number(rows[0]?.n);
}

export const describeStatuses = (statuses: Map<string, number>) =>
  [...statuses].map(([status, n]) => `${status}: ${n}`).join(", ");

/** The demo's 三诚 wave and its questionnaire. */
export async function demoWave(connectionString: string): Promise<{ id: number; questionnaireId: number }> {
  const [wave] = await queryOnce<{ id: number; questionnaire_id: number }>(
    connectionString,
    "select id, questionnaire_id from wave where slug = 'sancheng-2026'",
  );
  if (!wave) throw new Error("no demo wave sancheng-2026");
  return { id: Number(wave.id), questionnaireId: Number(wave.questionnaire_id) };
}
