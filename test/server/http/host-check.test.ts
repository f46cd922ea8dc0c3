import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MhstApp } from "../../../server/index.js";
import { allowedHosts, hostName } from "../../../server/http/host-check.js";
import { gatedEngine } from "../helpers.js";

describe("Host allow-list", () => {
  let mhst: MhstApp;
  beforeAll(() => {
    mhst = createApp({ dataDir: ":memory:", engine: gatedEngine(), log: () => {}, allowedHosts: allowedHosts("0.0.0.0", " mhst.example.org ,10.1.2.3:8080,") });
  });
  afterAll(() => mhst.close());

  it("reads the host name of a Host header", () => {
    expect(hostName("LocalHost:3000")).toBe("localhost");
    expect(hostName("[::1]:3000")).toBe("[::1]");
    expect(hostName("::1")).toBe("[::1]");
    expect(hostName("127.0.0.1")).toBe("127.0.0.1");
    expect(allowedHosts("::1", undefined)).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  });

  it("answers the loopback names, HOST and ALLOWED_HOSTS, with any port", async () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "0.0.0.0:3000", "MHST.example.org", "10.1.2.3"]) {
      const res = await request(mhst.app).get("/api/health").set("Host", host);
      expect(res.status, host).toBe(200);
    }
  });

  it("refuses any other Host with 421 and the JSON error shape, pages included", async () => {
    for (const [host, path] of [["evil.example", "/api/health"], ["evil.example:3000", "/"], ["127.0.0.1.evil.example", "/api/scenarios"], ["localhost.", "/api/kpis"]]) {
      const res = await request(mhst.app).get(path).set("Host", host);
      expect(res.status, host).toBe(421);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.body.error).toContain(`Host: ${JSON.stringify(host)} is not a host this server answers to`);
      expect(res.body.error).toContain("ALLOWED_HOSTS");
      expect(res.body.issues).toEqual([{ path: "Host", value: host, message: res.body.error }]);
    }
  });
});
