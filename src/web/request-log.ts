import { randomUUID } from "node:crypto";
import type { Express, NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

declare module "node:http" {
  interface IncomingMessage {
    /** The request's id: the proxy's valid X-Request-Id, or a new UUID. Sent back as X-Request-Id. */
    id: string;
    /** A logger whose lines carry the request id. */
    log: Logger;
  }
}

const VALID_INCOMING_ID = /^[\w.-]{1,100}$/;
const QUIET = (url: string) => url === "/healthz" || url === "/favicon.ico" || url.startsWith("/static/");

/**
 * One short line per finished request (id, method, URL, status, milliseconds; never headers, so no
 * cookies or tokens), and `req.id` / `req.log` for the handlers. It replaces pino-http, whose child
 * logger and serializers per request cost about a tenth of the API's CPU even with logging off: the
 * child logger here is made only when a handler asks for it, and nothing is timed when `info` is off.
 */
export function requestLog(app: Express, logger: Logger) {
  Object.defineProperty(app.request, "log", {
    configurable: true,
    get(this: Request & { childLogger?: Logger }) {
      this.childLogger ??= logger.child({ reqId: this.id });
      return this.childLogger;
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && VALID_INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader("X-Request-Id", id);
    if (logger.isLevelEnabled("info") && !QUIET(req.url)) {
      const started = performance.now();
      const { method, originalUrl } = req;
      res.once("close", () => {
        const line = {
          reqId: id,
          method,
          url: originalUrl,
          statusCode: res.statusCode,
          ms: Math.round(performance.now() - started),
        };
        if (!res.writableFinished) logger.warn(line, "request aborted");
        else if (res.statusCode >= 500) logger.error(line, "request failed");
        else logger.info(line, "request completed");
      });
    }
    next();
  };
}
