import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import { type Level, pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { requestLog } from "../../../src/web/request-log.ts";

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  statusCode?: number;
  ms?: number;
  [key: string]: unknown;
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An app with the request log and a few routes, logging as JSON lines into `lines`. */
async function start(level: Level | "silent" = "info") {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of chunk.toString().split("\n")) if (text) lines.push(JSON.parse(text));
      done();
    },
  });
  const logger = pino({ level }, sink);
  const app = express();
  app.use(requestLog(app, logger));
  app.get("/ok", (req, res) => {
    req.log.info({ step: "inside" }, "handler ran");
    res.json({ id: req.id });
  });
  app.get("/healthz", (_req, res) => {
    res.send("ok");
  });
  app.get("/fail", (_req, res) => {
    res.status(503).send("down");
  });
  app.get("/hang", (req) => {
    req.socket.destroy();
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Lines are written when the response closes, just after the client has it.
  const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
  return { base, lines, settled };
}

describe("request log", () => {
  it("writes one line per request with id, method, URL, status and time, and never the headers", async () => {
    const { base, lines, settled } = await start();
    const response = await fetch(`${base}/ok?page=2`, {
      headers: { authorization: "Bearer secret-token-123", cookie: "manyi_session=secret-cookie" },
    });
    const { id } = (await response.json()) as { id: string };
    await settled();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-request-id")).toBe(id);
    const finished = lines.filter((line) => line.msg === "request completed");
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ reqId: id, method: "GET", url: "/ok?page=2", statusCode: 200 });
    expect(finished[0]?.ms).toBeGreaterThanOrEqual(0);
    const all = JSON.stringify(lines);
    expect(all).not.toContain("secret-token-123");
    expect(all).not.toContain("secret-cookie");
  });

  it("gives handlers a logger whose lines carry the request id", async () => {
    const { base, lines, settled } = await start();
    const { id } = (await (await fetch(`${base}/ok`)).json()) as { id: string };
    await settled();
    expect(lines.find((line) => line.msg === "handler ran")).toMatchObject({ reqId: id, step: "inside" });
  });

  it("keeps a proxy's valid X-Request-Id and replaces one that is not", async () => {
    const { base } = await start();
    const kept = await fetch(`${base}/ok`, { headers: { "x-request-id": "edge-42.abc" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-42.abc");
    const replaced = await fetch(`${base}/ok`, {
      headers: { "x-request-id": `bad id <script>${"x".repeat(120)}` },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs server errors at error level and aborted requests as warnings, and leaves health checks out", async () => {
    const { base, lines, settled } = await start();
    await fetch(`${base}/healthz`);
    await fetch(`${base}/fail`);
    await fetch(`${base}/hang`).catch(() => undefined);
    await settled();
    expect(lines.some((line) => line.url === "/healthz")).toBe(false);
    expect(lines.find((line) => line.url === "/fail")).toMatchObject({ level: 50, statusCode: 503 });
    expect(lines.find((line) => line.url === "/hang")).toMatchObject({ level: 40, msg: "request aborted" });
  });

  it("logs nothing when info is off, and still sets the request id", async () => {
    const { base, lines, settled } = await start("warn");
    const response = await fetch(`${base}/ok`);
    await settled();
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([]);
  });
});
