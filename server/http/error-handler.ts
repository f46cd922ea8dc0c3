import type { ErrorRequestHandler, RequestHandler } from "express";
import { DatabaseDamagedError, isDatabaseDamage } from "../storage/database-error.js";
import { HttpError } from "./errors.js";

/** 404 for any /api path no route answered, as JSON. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no such endpoint: ${req.method} ${req.path}` });
};

/**
 * Turns every error into JSON `{ error, issues? }`, never Express's HTML page. Client errors
 * keep their message; body parser errors name the rule (size limit, JSON syntax, nesting
 * depth, charset); a damaged or unreadable database is a 503 naming `databaseFile` and what
 * to do; anything else is a 500 whose message is generic (the stack goes to the log, never to
 * the client). An HttpError with `retryAfter` also sends Retry-After.
 */
export function errorHandler(log: (msg: string) => void, databaseFile = "the database file"): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof DatabaseDamagedError || isDatabaseDamage(err)) {
      // The server stays up (health and the page still answer); the one line says what to do.
      const message = err instanceof DatabaseDamagedError ? err.message : new DatabaseDamagedError(databaseFile, (err as Error).message).message;
      log(`mhst: ${message}`);
      res.status(503).json({ error: message });
      return;
    }
    if (err instanceof HttpError) {
      if (err.retryAfter !== undefined) res.setHeader("Retry-After", String(err.retryAfter));
      res.status(err.status).json(err.issues ? { error: err.message, issues: err.issues } : { error: err.message });
      return;
    }
    const e = err as { type?: string; status?: number; limit?: number; message?: string; charset?: string; encoding?: string };
    if (e.type === "entity.too.large") {
      res.status(413).json({ error: `request body: larger than the limit of ${e.limit} bytes` });
      return;
    }
    if (e.type === "entity.parse.failed") {
      res.status(400).json({ error: `request body: not valid JSON (${(e.message ?? "").split("\n")[0]})` });
      return;
    }
    if (e.type === "charset.unsupported") {
      res.status(415).json({ error: `request body: charset ${JSON.stringify(e.charset)} is not supported; send utf-8` });
      return;
    }
    if (e.type === "encoding.unsupported") {
      res.status(415).json({ error: `request body: Content-Encoding ${JSON.stringify(e.encoding)} is not supported; send gzip, deflate, br or none` });
      return;
    }
    if (typeof e.status === "number" && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: `request: ${e.message ?? "rejected"}` });
      return;
    }
    log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ error: "internal error (see the server log)" });
  };
}
