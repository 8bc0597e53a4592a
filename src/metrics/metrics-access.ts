import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { isIPv4 } from "node:net";

/** What the guard looks at: the connection's own address and the headers. */
export interface MetricsRequest {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

/**
 * Whether `GET /metrics` may answer. With a token configured (METRICS_TOKEN): exactly the requests that
 * bear it as `Authorization: Bearer <token>`, from anywhere. Without: requests from this machine, by the
 * connection's address (never X-Forwarded-For, which a client writes itself), and none that came through a
 * proxy: behind a reverse proxy on the same machine every outside request arrives from 127.0.0.1, and
 * proxies mark what they forward.
 */
export function mayReadMetrics(request: MetricsRequest, token: string | undefined): boolean {
  if (token !== undefined) return bearerMatches(request.headers.authorization, token);
  const forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"].some(
    (header) => request.headers[header] !== undefined,
  );
  return !forwarded && isLoopback(request.socket.remoteAddress);
}

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (`::ffff:127.0.0.1`, how a dual-stack socket reports it). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.replace(/^::ffff:/i, "");
  return address === "::1" || (isIPv4(v4) && v4.startsWith("127."));
}

const digest = (text: string) => createHash("sha256").update(text).digest();

function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(header ?? "")?.[1];
  // compared as digests, in constant time: equal lengths, and nothing learnt from how long it took
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}
