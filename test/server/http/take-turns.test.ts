import { describe, expect, it } from "vitest";
import type { Request, Response } from "express";
import { bodiesTakeTurns, carriesBody } from "../../../server/http/take-turns.js";

const turn = () => new Promise<void>((r) => setImmediate(r));
const withBody = (n: number) => ({ headers: { "content-length": String(n) } }) as unknown as Request;
const without = { headers: {} } as unknown as Request;
const res = {} as Response;

describe("requests with a body take turns", () => {
  it("tells a body by its length or by chunked transfer", () => {
    expect(carriesBody({ headers: { "content-length": "7400" } })).toBe(true);
    expect(carriesBody({ headers: { "content-length": "0" } })).toBe(false);
    expect(carriesBody({ headers: { "transfer-encoding": "chunked" } })).toBe(true);
    expect(carriesBody({ headers: {} })).toBe(false);
  });

  it("lets the first of a burst go on at once and each further one a turn later, in arrival order", async () => {
    const mw = bodiesTakeTurns();
    const went: number[] = [];
    for (let i = 0; i < 4; i++) mw(withBody(100), res, () => void went.push(i));
    expect(went).toEqual([0]);
    await turn();
    expect(went).toEqual([0, 1]);
    await turn();
    expect(went).toEqual([0, 1, 2]);
    await turn();
    expect(went).toEqual([0, 1, 2, 3]);
    // Once the queue is empty, the next body goes on at once again.
    await turn();
    await turn();
    mw(withBody(100), res, () => void went.push(4));
    expect(went).toEqual([0, 1, 2, 3, 4]);
  });

  it("never holds a request without a body, even while bodies wait", async () => {
    const mw = bodiesTakeTurns();
    const went: string[] = [];
    mw(withBody(100), res, () => void went.push("post 1"));
    mw(withBody(100), res, () => void went.push("post 2"));
    mw(without, res, () => void went.push("health"));
    expect(went).toEqual(["post 1", "health"]);
    await turn();
    expect(went).toEqual(["post 1", "health", "post 2"]);
  });
});
