/** Messages between the server and its scenario threads. */
import type { ApiIssue } from "../http/errors.js";

/** A thread's answer to request `id`: the work's value, or the error's status, message and issues. */
export type ThreadAnswer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly status: number; readonly message: string; readonly issues?: readonly ApiIssue[] } };
