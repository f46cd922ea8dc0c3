/**
 * Where each calibration estimate goes in a scenario file: the one place that knows which
 * field an estimate sets. A scenario path is a list of keys and list indices into the YAML
 * document (e.g. `["schools", 3, "referralRate"]`).
 */

import type { Calibration, Estimate } from "../../sim/calibrate/index.js";

/** One change to a scenario file: set `path` to `value`, with a comment saying where it came from. */
export interface FieldEdit {
  readonly path: readonly (string | number)[];
  /** The value to write (a number, or a distribution object); undefined deletes the field. */
  readonly value: unknown;
  /** Comment text without the leading `#`, e.g. `calibrated from a.csv: 0.338 [0.278, 0.403], n = 216`. */
  readonly comment: string;
  readonly estimate: Estimate | null;
}

/** An estimate that sets no field, and why. */
export interface Unmapped {
  readonly estimate: Estimate;
  readonly reason: string;
}

/** A number as written to a scenario: four significant digits. */
export const written = (v: number): number => Number(v.toPrecision(4));

const fmt = (v: number | null): string => (v === null ? "–" : v === Infinity ? "∞" : String(written(v)));

/** `value [lo, hi], n = N` of an estimate (`mean 7.02 [6.8, 7.3] days, n = 216` with a unit). */
export function estimateText(e: Estimate, unit = ""): string {
  const mean = e.distribution ? "mean " : "";
  return `${mean}${fmt(e.value)} [${fmt(e.lo)}, ${fmt(e.hi)}]${unit}, n = ${e.n}`;
}

/** A school as the scenario file lists it (the raw document, before defaults). */
interface DocSchool {
  readonly id?: unknown;
  readonly phase?: unknown;
  readonly referralRate?: unknown;
}

/** What {@link fieldEdits} needs of the loaded scenario. */
export interface FieldEditOptions {
  /**
   * The scenario's `referrals.ratePer1000PerWeek` (defaults filled): with `--by phase`, each
   * phase's rate is written as its `referrals.phaseRate` multiplier of it.
   */
  readonly serviceRate?: number;
}

/**
 * The field edits a calibration makes to a scenario file, and the estimates that set nothing.
 * Fields are set only from fitted estimates; an unfitted one leaves its field as it was.
 *
 * With `--by service` the rate goes in `referrals.ratePer1000PerWeek`; by phase, each phase's
 * rate over that service rate in `referrals.phaseRate.<phase>`; by school, in the school's own
 * `referralRate`. A school's own rate that would override the fitted one is removed. Sessions
 * of an intervention the scenario's catalogue lists by id go in its entry (`sessions`, or `weeks`
 * for a group).
 * @param doc the scenario file as plain data (its `schools` list is searched by id).
 * @example fieldEdits(calibration, parsed.doc.toJS(), "activity.csv").edits[0].path // ["referrals", "ratePer1000PerWeek"]
 */
export function fieldEdits(calibration: Calibration, doc: { schools?: readonly DocSchool[]; interventions?: { catalogue?: readonly { id?: unknown; form?: unknown }[] } }, file: string, options: FieldEditOptions = {}): { edits: FieldEdit[]; unmapped: Unmapped[] } {
  const edits: FieldEdit[] = [];
  const unmapped: Unmapped[] = [];
  const schools = Array.isArray(doc.schools) ? doc.schools : [];
  // With an intervention catalogue, sessions are fitted per intervention id (cases.csv names them).
  const catalogue = Array.isArray(doc.interventions?.catalogue) ? doc.interventions.catalogue : [];
  const entry = (id: string | null | undefined) => (id == null ? -1 : catalogue.findIndex((x) => x?.id === id));
  const phaseOf = (s: DocSchool) => (typeof s.phase === "string" ? s.phase : "primary");
  const note = (e: Estimate, unit: string, suffix: string) => `calibrated from ${file}: ${e.kind === "seasonality" ? `${e.unit} ` : ""}${estimateText(e, unit)}${suffix}`;
  const set = (path: (string | number)[], value: unknown, e: Estimate, unit = "", suffix = "") => edits.push({ path, value, comment: note(e, unit, suffix), estimate: e });
  for (const e of calibration.estimates) {
    if (!e.fitted || e.value === null) continue;
    const v = e.value;
    switch (e.kind) {
      case "referralRate":
        if (e.unit === "service") {
          set(["referrals", "ratePer1000PerWeek"], written(v), e);
          // The service rate covers every school: a school's own rate would override it.
          schools.forEach((s, i) => {
            if (s.referralRate !== undefined) edits.push({ path: ["schools", i, "referralRate"], value: undefined, comment: "", estimate: null });
          });
        } else if (calibration.by === "phase") {
          // A phase's rate as its multiplier of the service rate, which the phase's schools then take.
          const base = options.serviceRate;
          if (!(base !== undefined && base > 0)) {
            unmapped.push({ estimate: e, reason: `referrals.ratePer1000PerWeek is ${base ?? "unknown"}: a phase multiplier needs a service rate > 0` });
            break;
          }
          const m = (x: number | null) => (x === null ? null : x === Infinity ? Infinity : x / base);
          const rel: Estimate = { ...e, value: v / base, lo: m(e.lo), hi: m(e.hi) };
          edits.push({ path: ["referrals", "phaseRate", e.unit!], value: written(v / base), comment: `calibrated from ${file}: ${estimateText(rel)} (${written(v)} [${fmt(e.lo)}, ${fmt(e.hi)}] per 1,000 pupils per term week over the service's ${written(base)})`, estimate: e });
          // A school's own rate would override its phase's.
          schools.forEach((s, i) => {
            if (phaseOf(s) === e.unit && s.referralRate !== undefined) edits.push({ path: ["schools", i, "referralRate"], value: undefined, comment: "", estimate: null });
          });
        } else {
          const i = schools.findIndex((s) => s.id === e.unit);
          if (i < 0) unmapped.push({ estimate: e, reason: `school ${e.unit} is not listed in the file` });
          else set(["schools", i, "referralRate"], written(v), e);
        }
        break;
      case "seasonality":
        set(["referrals", "seasonality", e.unit!], written(v), e);
        break;
      case "halfTermSeasonality":
        unmapped.push({ estimate: e, reason: "seasonality is by term in the scenario" });
        break;
      case "signpostShare":
        set(["triage", "signpostShare"], written(v), e);
        break;
      case "declineShare":
        set(["triage", "declineShare"], written(v), e);
        break;
      case "triageDays":
      case "consentDays":
        set(["triage", e.kind], distributionOf(e), e, " days");
        break;
      case "sessions": {
        const k = entry(e.unit);
        if (k >= 0) {
          if (catalogue[k].form === "group") set(["interventions", "catalogue", k, "weeks"], Math.max(1, Math.round(v)), e);
          else set(["interventions", "catalogue", k, "sessions"], distributionOf(e), e);
        } else if (e.unit === "oneToOne") set(["casework", "sessions"], distributionOf(e), e);
        else if (e.unit === "group") set(["groups", "weeks"], Math.max(1, Math.round(v)), e);
        else unmapped.push({ estimate: e, reason: e.unit === "mhstPlus" ? "MHST+ sessions (assessment and optional intervention) are not one field" : `the scenario has no intervention ${e.unit}` });
        break;
      }
      case "dnaShare":
        set(["casework", "dnaShare"], written(v), e);
        break;
      case "stepUpShare":
        set(["casework", "stepUpShare"], written(v), e);
        break;
      case "patienceWeeks":
        set(["waitlist", "patienceWeeks"], { kind: "exponential", mean: written(v) }, e, " weeks");
        break;
    }
  }
  return { edits, unmapped };
}

/** The scenario path of an edit as `a.b[3].c`. */
export const pathText = (path: readonly (string | number)[]): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/** A delay or sessions estimate as a scenario distribution: the observed whole numbers, weighted by how often each was seen. */
function distributionOf(e: Estimate): unknown {
  const d = e.distribution!;
  return d.values.length === 1 ? d.values[0] : { kind: "discrete", values: [...d.values], weights: [...d.weights] };
}
