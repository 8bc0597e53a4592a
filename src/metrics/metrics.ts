import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { MessageOutcome } from "../distribution/invitation-sender.ts";

type RequestLabels = "method" | "route" | "status_class";

/**
 * One app instance's metrics, in a registry of its own (never prom-client's global one: tests run several
 * apps in one process, and each must count only its own requests). Counters are this process's since it
 * started; the gauges read from the database are the same in every process (see scrape.ts).
 */
export interface Metrics {
  registry: Registry;
  requests: Counter<RequestLabels>;
  requestSeconds: Histogram<Exclude<RequestLabels, "status_class">>;
  messagesSent: Counter;
  messagesFailed: Counter<"given_up">;
  poolTotal: Gauge;
  poolIdle: Gauge;
  poolWaiting: Gauge;
  poolMax: Gauge;
  queueJobs: Gauge<"queue" | "state">;
  queueOldestWaitingSeconds: Gauge<"queue">;
  rollupPendingResponses: Gauge;
  rollupLagSeconds: Gauge;
  scheduleLastRun: Gauge<"status">;
  schedulesDue: Gauge;
  databaseUp: Gauge;
  /** The sender's port (distribution/invitation-sender.ts): counts one delivery attempt. */
  countMessage(outcome: MessageOutcome): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // the process's CPU, memory, event-loop lag and garbage collection, under their usual names
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const messagesSent = new Counter({
    name: "manyi_messages_sent_total",
    help: "Invitation and reminder e-mails this process handed to the mail server (or the outbox).",
    registers,
  });
  const messagesFailed = new Counter({
    name: "manyi_messages_failed_total",
    help: 'Delivery attempts that failed; given_up="true": the message is failed for good, otherwise it is retried later.',
    labelNames: ["given_up"] as const,
    registers,
  });
  // Both series exist from the start, so a rate over them is 0 rather than absent.
  messagesFailed.inc({ given_up: "true" }, 0);
  messagesFailed.inc({ given_up: "false" }, 0);
  return {
    registry,
    requests: new Counter({
      name: "manyi_http_requests_total",
      help: 'Finished requests by method, route pattern ("unmatched": no route answered) and status class (2xx … 5xx, "aborted": the client went away first).',
      labelNames: ["method", "route", "status_class"] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: "manyi_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by method and route pattern.",
      labelNames: ["method", "route"] as const,
      registers,
    }),
    messagesSent,
    messagesFailed,
    poolTotal: new Gauge({
      name: "manyi_db_pool_total_clients",
      help: "Connections the database pool holds (idle and in use).",
      registers,
    }),
    poolIdle: new Gauge({
      name: "manyi_db_pool_idle_clients",
      help: "Connections of the pool not in use.",
      registers,
    }),
    poolWaiting: new Gauge({
      name: "manyi_db_pool_waiting_clients",
      help: "Queries waiting for a connection of the pool (above 0 for long: the pool is too small or the database slow).",
      registers,
    }),
    poolMax: new Gauge({
      name: "manyi_db_pool_max_clients",
      help: "The most connections the pool opens.",
      registers,
    }),
    queueJobs: new Gauge({
      name: "manyi_job_queue_jobs",
      help: 'Unfinished jobs by queue and state ("created": waiting, including ones deferred to later; "retry": waiting to be tried again; "active": being run).',
      labelNames: ["queue", "state"] as const,
      registers,
    }),
    queueOldestWaitingSeconds: new Gauge({
      name: "manyi_job_queue_oldest_waiting_seconds",
      help: "How long the oldest job that could run now has waited for a worker, by queue (0: none waits).",
      labelNames: ["queue"] as const,
      registers,
    }),
    rollupPendingResponses: new Gauge({
      name: "manyi_report_rollup_pending_responses",
      help: "Submitted responses not yet added to the report rollups.",
      registers,
    }),
    rollupLagSeconds: new Gauge({
      name: "manyi_report_rollup_lag_seconds",
      help: "Age of the oldest submitted response not yet in the report rollups (0: the rollups are up to date).",
      registers,
    }),
    scheduleLastRun: new Gauge({
      name: "manyi_report_schedule_last_run_timestamp_seconds",
      help: "When the latest run of a report schedule began (Unix time), by the run's status (sending, sent, failed).",
      labelNames: ["status"] as const,
      registers,
    }),
    schedulesDue: new Gauge({
      name: "manyi_report_schedules_due",
      help: "Enabled report schedules whose next run is due and not yet taken (above 0 for minutes: schedules are not running).",
      registers,
    }),
    databaseUp: new Gauge({
      name: "manyi_database_up",
      help: "1 when the database answered this scrape's queries in time, 0 when not (the figures read from it are then left out).",
      registers,
    }),
    countMessage(outcome) {
      if (outcome === "sent") messagesSent.inc();
      else messagesFailed.inc({ given_up: outcome === "failed_given_up" ? "true" : "false" });
    },
  };
}
