import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { isLoopback, mayReadMetrics } from "../../../src/metrics/metrics-access.ts";
import { routePattern, statusClass } from "../../../src/metrics/request-metrics.ts";

const TOKEN = "scrape-token-0123456789";
/** A request as the guard sees it: the connection's address (a fake socket) and the headers. */
const request = (remoteAddress: string | undefined, headers: IncomingHttpHeaders = {}) => ({
  socket: { remoteAddress },
  headers,
});

describe("who may read GET /metrics", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["192.168.1.20", false],
    ["::ffff:10.0.0.5", false],
    ["2001:db8::1", false],
    ["::", false],
    ["127.0.0.1.example.com", false],
    [undefined, false],
  ])("without a token: the connection from %s is %s", (address, allowed) => {
    expect(mayReadMetrics(request(address), undefined)).toBe(allowed);
    expect(isLoopback(address)).toBe(allowed);
  });

  it.each([
    { "x-forwarded-for": "127.0.0.1" },
    { "x-forwarded-for": "203.0.113.7" },
    { forwarded: "for=203.0.113.7" },
    { "x-real-ip": "203.0.113.7" },
  ])(
    "without a token: a local connection carrying %j (a request a proxy forwarded) is refused",
    (headers) => {
      expect(mayReadMetrics(request("127.0.0.1", headers), undefined)).toBe(false);
    },
  );

  it("without a token: a bearer token does not let in a connection from elsewhere", () => {
    expect(mayReadMetrics(request("203.0.113.7", { authorization: `Bearer ${TOKEN}` }), undefined)).toBe(
      false,
    );
  });

  it.each([
    ["203.0.113.7", `Bearer ${TOKEN}`, true],
    ["127.0.0.1", `Bearer ${TOKEN}`, true],
    ["127.0.0.1", `bearer ${TOKEN}`, true],
    ["203.0.113.7", undefined, false],
    // with a token, this machine needs it too: a local proxy would otherwise let everyone in
    ["127.0.0.1", undefined, false],
    ["203.0.113.7", "Bearer wrong-token-0123456789", false],
    ["203.0.113.7", `Bearer ${TOKEN.slice(0, -1)}`, false],
    ["203.0.113.7", `Bearer ${TOKEN}0`, false],
    ["203.0.113.7", `Basic ${TOKEN}`, false],
    ["203.0.113.7", TOKEN, false],
    ["203.0.113.7", "Bearer ", false],
  ])("with a token: from %s with Authorization %s is %s", (address, authorization, allowed) => {
    const headers = authorization === undefined ? {} : { authorization };
    expect(mayReadMetrics(request(address, headers), TOKEN)).toBe(allowed);
  });
});

describe("the route label", () => {
  it.each([
    ["/admin/waves", "/:id", "/admin/waves/:id"],
    ["/admin/waves", "/", "/admin/waves"],
    ["/api/v1/responses", "/:id/answers", "/api/v1/responses/:id/answers"],
    ["", "/", "/"],
    ["", "/healthz", "/healthz"],
    ["/w", "/:key/thanks", "/w/:key/thanks"],
  ])("of a route at %s with the path %s is %s", (baseUrl, path, label) => {
    expect(routePattern(baseUrl, { path })).toBe(label);
  });

  it.each([
    [200, "2xx"],
    [303, "3xx"],
    [404, "4xx"],
    [500, "5xx"],
    [503, "5xx"],
  ])("status %i is in the class %s", (status, label) => {
    expect(statusClass(status)).toBe(label);
  });
});
