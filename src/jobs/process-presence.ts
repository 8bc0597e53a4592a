import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import type { Logger } from "pino";

const PREFIX = "manyi-worker ";

/**
 * Tells other app processes that this one is alive: a connection of its own whose application_name
 * carries the process's id. When the process dies, even by `kill -9`, the server drops the connection
 * at once, so work the process had claimed (`claimed_by = id`) can be taken over without waiting for a
 * lease to run out.
 */
export interface ProcessPresence {
  readonly id: string;
  stop(): Promise<void>;
}

export async function startProcessPresence(
  pool: pg.Pool,
  logger: Pick<Logger, "warn">,
): Promise<ProcessPresence> {
  const id = randomUUID();
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  // Tried again every second until it holds: while the database is away (a restart) a connect fails
  // too, and a process without presence would see its own claimed work taken over.
  const reconnectLater = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(reconnectLater);
    }, 1000);
  };
  const connect = async () => {
    const next = new pg.Client({ ...pool.options, application_name: `${PREFIX}${id}` });
    next.on("error", () => {});
    next.on("end", () => {
      if (stopped) return;
      if (client === next) {
        client = undefined;
        logger.warn("the presence connection was lost; reconnecting");
      }
      reconnectLater();
    });
    await next.connect();
    client = next;
  };
  await connect();
  return {
    id,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}

/** The ids of the app processes alive now, as a subquery. */
export const liveProcessIds = () =>
  sql<string>`(select substr(application_name, ${PREFIX.length + 1}) from pg_stat_activity where application_name like ${`${PREFIX}%`})`;
