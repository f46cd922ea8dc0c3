import type { Response } from "express";

/**
 * Opens a server-sent-events stream on a response: the headers, a retry hint, and a comment
 * every `heartbeatMs` so proxies keep the connection.
 * @returns `send(event, data)` and `close()`; both are no-ops once the client has gone.
 */
export function openEventStream(res: Response, heartbeatMs = 15_000): { send: (event: string, data: unknown) => void; close: () => void; onClose: (fn: () => void) => void } {
  res.status(200);
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-cache, no-transform");
  res.setHeader("Connection", "keep-alive");
  res.setHeader("X-Accel-Buffering", "no");
  res.flushHeaders();
  res.write("retry: 2000\n\n");
  let open = true;
  const closers: (() => void)[] = [];
  const timer = setInterval(() => open && res.write(": ping\n\n"), heartbeatMs);
  timer.unref();
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(timer);
    for (const fn of closers) fn();
  };
  res.on("close", finish);
  return {
    send: (event, data) => {
      if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close: () => {
      if (!open) return;
      finish();
      res.end();
    },
    onClose: (fn) => void closers.push(fn),
  };
}
