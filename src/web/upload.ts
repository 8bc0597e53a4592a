import busboy from "busboy";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../errors.ts";

declare global {
  namespace Express {
    interface Request {
      /** The file of a multipart form read by fileUpload (one file per form). */
      uploadedFile?: { field: string; name: string; bytes: Buffer };
    }
  }
}

/**
 * Reads a multipart/form-data form (one file and a few text fields) into `req.body` and
 * `req.uploadedFile`, so the CSRF check that follows sees the form's `_csrf` field. Mounted before the
 * CSRF middleware on the paths that take uploads; `allowed` (e.g. signed in with the right
 * permission) is checked first, so nobody else can make the server read a large body.
 */
export function fileUpload(options: { maxBytes: number; allowed: (req: Request) => boolean }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !req.is("multipart/form-data") || !options.allowed(req)) return next();
    const unreadable = () => new AppError(400, "bad_request", "The form could not be read");
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 10_000 },
        defParamCharset: "utf8",
      });
    } catch {
      return next(unreadable());
    }
    const body: Record<string, string> = {};
    let tooLarge = false;
    let reading: Promise<void> = Promise.resolve();
    // The request, the parser and the file stream can each fail (a body cut off before its closing
    // boundary, a client that hangs up): every one has a listener, and the request goes on exactly once.
    let settled = false;
    const settle = (error?: AppError) => {
      if (settled) return;
      settled = true;
      if (error) {
        req.unpipe(parser);
        req.resume(); // drain what is left, so the connection can answer
        return next(error);
      }
      req.body = body;
      next();
    };
    parser.on("field", (name, value) => {
      body[name] = value;
    });
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        tooLarge = true;
      });
      reading = new Promise((resolve, reject) => {
        stream.on("error", () => reject(unreadable()));
        stream.on("end", () => {
          if (info.filename) req.uploadedFile = { field, name: info.filename, bytes: Buffer.concat(chunks) };
          resolve();
        });
      });
      // settled through the parser's close below; this only keeps a failed read from going unhandled
      reading.catch(() => {});
    });
    parser.on("error", () => settle(unreadable()));
    parser.on("close", () => {
      reading.then(
        () => settle(tooLarge ? new AppError(413, "payload_too_large", "The file is too large") : undefined),
        () => settle(unreadable()),
      );
    });
    req.on("error", () => settle(unreadable()));
    req.pipe(parser);
  };
}
