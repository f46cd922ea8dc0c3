import { z } from "zod";

/**
 * An ISO calendar date `YYYY-MM-DD` that exists (no 31 February).
 * @example isoDate.parse("2025-09-01")
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be an ISO date (YYYY-MM-DD)" })
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true; // the pattern's message already covers it
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { error: "is not a real calendar date" });

/** A share or probability, 0..1 inclusive. */
export const share = z.number().min(0).max(1);

/** An id: letters, digits, `-`, `_` and `.`, so that overrides can select by it (`practitioners[emhp-1]`). */
export const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: "must be an id of letters, digits, '-', '_' or '.'" });

/** The phases, the roles and the needs as zod enums (same order as sim/model/config.ts). */
export const phase = z.enum(["primary", "secondary", "special", "alternativeProvision", "college"]);
export const role = z.enum(["emhp", "clinician", "seniorClinician", "mhstPlus", "educationalPsychologist"]);
export const need = z.enum(["lowMood", "anxiety", "behaviour", "sleep"]);

/** A record with one share per need; the shares sum to 1 where the caller says so (validate stage). */
export function perNeed(defaults: Record<z.infer<typeof need>, number>, what: string) {
  return z
    .strictObject({
      lowMood: share.default(defaults.lowMood),
      anxiety: share.default(defaults.anxiety),
      behaviour: share.default(defaults.behaviour),
      sleep: share.default(defaults.sleep),
    })
    .prefault({})
    .describe(what);
}
