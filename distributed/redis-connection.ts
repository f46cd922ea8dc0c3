/**
 * Redis URLs and connections for the block queue: parsing `redis://[user:password@]host[:port][/db]`
 * (or `rediss://` for TLS) into ioredis options, and a quick reachability check, so a wrong
 * URL fails in seconds with one line instead of retrying for ever.
 */
import type { RedisOptions } from "bullmq";
import { Redis, type RedisOptions as IoRedisOptions } from "ioredis";

/** A Redis URL that cannot be used (bad form, unreachable, too old). The message is one line. */
export class RedisUrlError extends Error {
  override readonly name = "RedisUrlError";
}

/** Seconds a connection attempt may take before it counts as failed. */
export const CONNECT_TIMEOUT_MS = 3000;

/**
 * ioredis options for a Redis URL (no connection is made).
 * @param giveUpAfter reconnection attempts before a lost connection ends for good (about
 *   200 ms apart, growing); `Infinity` retries for ever (BullMQ's back-off, at most 20 s apart).
 * @throws RedisUrlError `"http://x" must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379`.
 * @example redisOptions("redis://127.0.0.1:6390/0", 5).port // 6390
 */
export function redisOptions(url: string, giveUpAfter: number): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUrlError(`${JSON.stringify(url)} must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new RedisUrlError(`${JSON.stringify(url)} must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379`);
  }
  const db = u.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) throw new RedisUrlError(`${JSON.stringify(url)}: database ${JSON.stringify(db)} must be a whole number`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: u.port === "" ? 6379 : Number(u.port),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db === "" ? 0 : Number(db),
    tls: u.protocol === "rediss:" ? {} : undefined,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: Number.isFinite(giveUpAfter)
      ? (times: number) => (times > giveUpAfter ? null : Math.min(times * 200, 1000))
      : (times: number) => Math.max(Math.min(Math.exp(times), 20_000), 1000),
  };
}

/** The URL without its password, for messages. */
export const shownUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

/**
 * Connects once, checks that the server answers PING and runs Redis 5 or later (BullMQ's
 * floor), and disconnects. Fails within about {@link CONNECT_TIMEOUT_MS}.
 * @throws RedisUrlError `cannot reach redis://127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)`.
 */
export async function checkRedis(url: string): Promise<void> {
  // A refused connection's socket is already closed when it is disconnected, so ioredis's wait
  // for it to close (disconnectTimeout, 2 s by default) would only hold the process open.
  const client = new Redis({ ...redisOptions(url, 0), lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, disconnectTimeout: 100 } as IoRedisOptions);
  // ioredis reports the cause (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) as an event; connect()
  // itself rejects only with "Connection is closed".
  let cause: Error | null = null;
  client.on("error", (err: Error) => void (cause ??= err));
  try {
    await client.connect();
    await client.ping();
    const info = await client.info("server");
    const version = /redis_version:(\d+)/.exec(info)?.[1];
    if (version !== undefined && Number(version) < 5) throw new RedisUrlError(`${shownUrl(url)} runs Redis ${version}; the queue needs Redis 5 or later`);
  } catch (err) {
    if (err instanceof RedisUrlError) throw err;
    const reason = (cause ?? (err instanceof Error ? err : new Error(String(err)))).message.split("\n")[0];
    throw new RedisUrlError(`cannot reach ${shownUrl(url)} (${reason})`);
  } finally {
    client.disconnect();
  }
}
