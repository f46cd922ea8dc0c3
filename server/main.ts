import { createApp } from "./app.js";
import { createRedisEngine } from "./engine.js";
import { allowedHosts } from "./http/host-check.js";
import { DEFAULT_RENDER_HEAP_MB, DEFAULT_RENDER_QUEUE_LIMIT } from "./render-thread/index.js";
import { DatabaseDamagedError } from "./storage/database-error.js";

/**
 * `npm start`: the dashboard on HOST:PORT (default 127.0.0.1:3000) with data in DATA_DIR
 * (default ./data). RUN_CONCURRENCY, RUN_QUEUE_LIMIT, MAX_RUN_SIZE and MAX_RUN_WORK tune the run queue;
 * RENDER_QUEUE_LIMIT and RENDER_HEAP_MB bound the chart thread.
 * With REDIS_URL set, runs go to `mhst worker` processes through that Redis queue instead of
 * this machine's threads.
 * Requests must name localhost, 127.0.0.1, [::1], HOST or a name in ALLOWED_HOSTS (comma-separated)
 * in their Host header; others get 421.
 */
function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) {
    process.stderr.write(`mhst: ${name}=${JSON.stringify(raw)} must be a whole number >= ${min}\n`);
    process.exit(2);
  }
  return v;
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v)) {
    process.stderr.write(`mhst: ${name}=${JSON.stringify(raw)} must be a number > 0\n`);
    process.exit(2);
  }
  return v;
}

/** How long after listening the server loads its API routes unasked. */
const PRELOAD_DELAY_MS = 300;

const redisUrl = process.env.REDIS_URL || undefined;
if (redisUrl) {
  // Imported only with REDIS_URL: BullMQ and its Redis client stay out of an ordinary start-up.
  const { checkRedis, RedisUrlError } = await import("../distributed/index.js");
  try {
    await checkRedis(redisUrl);
  } catch (err) {
    if (!(err instanceof RedisUrlError)) throw err;
    process.stderr.write(`mhst: REDIS_URL: ${err.message}\n`);
    process.exit(2);
  }
}

const host = process.env.HOST || "127.0.0.1";
const port = envInt("PORT", 3000, 0);
const dataDir = process.env.DATA_DIR || "./data";
let mhst: ReturnType<typeof createApp>;
try {
  mhst = createApp({
    dataDir,
    concurrency: envInt("RUN_CONCURRENCY", 1, 1),
    queueLimit: envInt("RUN_QUEUE_LIMIT", 8, 0),
    maxRunSize: envInt("MAX_RUN_SIZE", 50_000, 1),
    maxRunWork: envNumber("MAX_RUN_WORK", 5e9),
    renderQueueLimit: envInt("RENDER_QUEUE_LIMIT", DEFAULT_RENDER_QUEUE_LIMIT, 1),
    renderHeapMb: envInt("RENDER_HEAP_MB", DEFAULT_RENDER_HEAP_MB, 256),
    allowedHosts: allowedHosts(host, process.env.ALLOWED_HOSTS),
    engine: redisUrl ? createRedisEngine({ url: redisUrl }) : undefined,
  });
} catch (err) {
  // A damaged database or an unusable DATA_DIR: one line saying what to do, no stack trace.
  const message = err instanceof DatabaseDamagedError ? err.message : `cannot open the database in DATA_DIR=${dataDir}: ${(err as Error).message.split("\n")[0]}`;
  process.stderr.write(`mhst: ${message}\n`);
  process.exit(2);
}
const server = mhst.app.listen(port, host, () => {
  const addr = server.address();
  const shown = typeof addr === "object" && addr ? `${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}` : `${host}:${port}`;
  process.stdout.write(`mhst dashboard: http://${shown}/\n`);
  // The scenario, run and chart routes load a moment after the server listens (or with the first
  // request that needs them): loading them holds the event loop for a while, so a client that
  // asks at once, such as a health check, is answered first.
  setTimeout(() => {
    mhst.preload().catch((err: Error) => process.stderr.write(`mhst: cannot load the API routes: ${err.message.split("\n")[0]}\n`));
  }, PRELOAD_DELAY_MS);
});
server.on("error", (err) => {
  process.stderr.write(`mhst: cannot listen on ${host}:${port}: ${err.message}\n`);
  process.exit(1);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  void mhst.close().finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
