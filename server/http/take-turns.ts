import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";

/**
 * Whether a request carries a body (a length above 0, or a chunked one): the requests whose
 * handling is heavy (a JSON body parsed and checked, a scenario sent to a scenario thread).
 * @example carriesBody({ headers: { "content-length": "7400" } }) // true
 */
export function carriesBody(req: Pick<IncomingMessage, "headers">): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/**
 * Middleware: requests with a body take turns, one per turn of the event loop. When twenty
 * run requests arrive at once, the event loop would otherwise read, parse and check all
 * twenty bodies in one go before it looks at its sockets again; a health check or a progress
 * request that came in meanwhile would wait for all of them. With turns, the first goes on at
 * once and each further one a turn later (in arrival order), and between two of them the event
 * loop answers whatever else has arrived. Requests without a body never wait.
 * @example app.use(bodiesTakeTurns());
 */
export function bodiesTakeTurns(): RequestHandler {
  const waiting: (() => void)[] = [];
  // Whether a request with a body has gone on in this turn (a turn ends at the check phase).
  let taken = false;
  const nextTurn = () => {
    const go = waiting.shift();
    if (!go) {
      taken = false;
      return;
    }
    // Scheduled from the check phase, the next one goes on in the next turn, after the poll
    // phase has read the sockets.
    setImmediate(nextTurn);
    go();
  };
  return (req, _res, next) => {
    if (!carriesBody(req)) return next();
    if (taken) return void waiting.push(() => next());
    taken = true;
    setImmediate(nextTurn);
    next();
  };
}
