import { checkRedis, RedisUrlError } from "../distributed/index.js";
import { createApp } from "./app.js";
import { createRedisEngine } from "./engine.js";

/**
 * `npm start`: the dashboard on HOST:PORT (default 127.0.0.1:3000) with data in DATA_DIR
 * (default ./data). RUN_CONCURRENCY, RUN_QUEUE_LIMIT and MAX_RUN_SIZE tune the run queue.
 * With REDIS_URL set, runs go to `mhst worker` processes through that Redis queue instead of
 * this machine's threads.
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

const redisUrl = process.env.REDIS_URL || undefined;
if (redisUrl) {
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
const mhst = createApp({
  dataDir: process.env.DATA_DIR || "./data",
  concurrency: envInt("RUN_CONCURRENCY", 1, 1),
  queueLimit: envInt("RUN_QUEUE_LIMIT", 8, 0),
  maxRunSize: envInt("MAX_RUN_SIZE", 50_000, 1),
  engine: redisUrl ? createRedisEngine({ url: redisUrl }) : undefined,
});
const server = mhst.app.listen(port, host, () => {
  const addr = server.address();
  const shown = typeof addr === "object" && addr ? `${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}` : `${host}:${port}`;
  process.stdout.write(`mhst dashboard: http://${shown}/\n`);
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
