import type { RequestHandler } from "express";

/** Host names every server answers to: the loopback names. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The host name of a Host header, lower-case, without the port: `Example.org:3000` →
 * `example.org`, `[::1]:3000` → `[::1]`. An IPv6 address given bare (`::1`, as in HOST) is
 * put in brackets, the form a Host header carries.
 * @example hostName("[::1]:8080") // "[::1]"
 */
export function hostName(raw: string): string {
  const h = raw.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end < 0 ? h : h.slice(0, end + 1);
  }
  // Two or more colons: a bare IPv6 address (no port can be told apart from it).
  if ((h.match(/:/g) ?? []).length > 1) return `[${h}]`;
  return h.replace(/:\d*$/, "");
}

/**
 * The allowed host names: the loopback names, the host the server listens on and each name
 * of a comma-separated list (`ALLOWED_HOSTS`), ports ignored.
 * @example allowedHosts("0.0.0.0", "mhst.example.org, 10.0.0.5") // localhost, 127.0.0.1, [::1], 0.0.0.0, mhst.example.org, 10.0.0.5
 */
export function allowedHosts(listenHost: string | undefined, list: string | undefined): string[] {
  const extra = [listenHost ?? "", ...(list ?? "").split(",")].map((s) => s.trim()).filter((s) => s !== "").map(hostName);
  return [...new Set([...LOOPBACK_HOSTS, ...extra])];
}

/**
 * Refuses requests whose Host header names another host (a DNS-rebinding page would send its
 * own name) with 421 and the JSON error shape, before any route runs.
 */
export function hostCheck(allowed: readonly string[]): RequestHandler {
  const set = new Set(allowed.map(hostName));
  return (req, res, next) => {
    const raw = req.headers.host;
    const name = raw === undefined ? undefined : hostName(raw);
    if (name !== undefined && set.has(name)) return next();
    const message = `Host: ${raw === undefined ? "(missing)" : JSON.stringify(raw)} is not a host this server answers to (allowed: ${[...set].join(", ")}; add names with ALLOWED_HOSTS)`;
    res.status(421).json({ error: message, issues: [{ path: "Host", value: raw ?? null, message }] });
  };
}
