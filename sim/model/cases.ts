/**
 * Per-case state as a structure of typed arrays: one entry per referral, indexed by case id.
 * Attributes drawn at referral (need, priority, delays, sessions needed…) are filled by
 * `referrals.ts`; the simulation fills the rest as the case moves along.
 */

import { orderKey } from "./wait-line.js";
import { dropSpareWeeks } from "./recorder.js";
import { dropScratch, reusable, roomFor } from "./scratch.js";

/** Where a case is now. */
export const CaseState = {
  /** Not yet referred (its referral day lies ahead). */
  Future: 0,
  /** Referred; in triage or awaiting consent. */
  InTriage: 1,
  Waiting: 2,
  Open: 3,
  Closed: 4,
  /** MHST+: assessed, waiting for the intervention package (started, held by nobody). */
  Between: 5,
} as const;

/** Outcome codes of closed cases (records map them to names in run-records.ts). */
export const OutcomeCode = {
  None: 0,
  Signposted: 1,
  Declined: 2,
  Withdrawn: 3,
  Completed: 4,
  SteppedUp: 5,
} as const;

/** Where a case was stepped up, in the order of {@link STEP_UP_NAMES}. */
export const StepUpAt = { None: 0, Triage: 1, Early: 2, End: 3 } as const;

/** Record names of {@link StepUpAt} values. */
export const STEP_UP_NAMES = [null, "triage", "assessment", "end"] as const;

/** Route codes, in the order of {@link ROUTE_NAMES}. */
export const RouteCode = {
  None: 0,
  OneToOne: 1,
  Group: 2,
  Plus: 3,
} as const;

/** Record names of the route codes, indexed by {@link RouteCode} value. */
export const ROUTE_NAMES = ["none", "oneToOne", "group", "mhstPlus"] as const;

/**
 * Days, delays and session counts are kept in 16-bit columns. Every simulated day lies below
 * the longest horizon (MAX_HORIZON_DAYS in calendar.ts); a drawn delay, a session count or a
 * day beyond 16 bits is stored as {@link FAR}, which lies past every horizon, so the case runs
 * as it would with the full value: the day never comes within the run, the course never ends
 * in it.
 */
export const FAR = 32767;

/** {@link FAR} or less: what a 16-bit column stores for a day, delay or count (`x` >= -32768). */
export const upToFar = (x: number): number => (x < FAR ? x : FAR);

/** Case table for `n` cases; every array has length `n` (all views of one buffer). */
export class CaseTable {
  readonly n: number;
  readonly school: Int32Array;
  readonly cluster: Int32Array;
  readonly need: Uint8Array;
  /** Index into the run's age-band labels. */
  readonly age: Uint8Array;
  readonly urgent: Uint8Array;
  readonly plusEligible: Uint8Array;
  readonly initial: Uint8Array;
  readonly referralDay: Int16Array;
  /**
   * Day the concern was first raised in school: the referral day, except in link-meeting mode,
   * where the concern is held until the school's next link-worker meeting refers it.
   */
  readonly concernDay: Int16Array;
  /**
   * The case's number in the service's referral order (initial cases first, then by referral
   * day, in draw order within a day): the id its records, its did-not-attend draws and its
   * place in a line's ties go by. A run of several parts numbers each part's cases together
   * (see `drawReferrals`), so the table index differs; otherwise it is the index.
   */
  readonly serial: Int32Array;
  /** Position of the case's own random draws (school or -1 − cluster, then term and number). */
  readonly keyA: Int32Array;
  readonly keyB: Int32Array;
  /** Pre-drawn: whole days to triage and to consent; signposted / declined flags. */
  readonly triageDelay: Int16Array;
  readonly signpost: Uint8Array;
  readonly consentDelay: Int16Array;
  readonly decline: Uint8Array;
  /** Pre-drawn patience in whole days, or -1 for none. */
  readonly patience: Int16Array;
  /** Pre-drawn: suited to group work. */
  readonly suitable: Uint8Array;
  /** Pre-drawn: 1:1 sessions needed; MHST+ sessions (assessment + any intervention), and of them the assessment's. */
  readonly needed: Int16Array;
  readonly plusNeeded: Int16Array;
  readonly plusAssessment: Int16Array;
  /** Pre-drawn step-ups: at the end of the course, at triage, and early (after the first sessions). */
  readonly stepUp: Uint8Array;
  readonly stepUpTriage: Uint8Array;
  readonly stepUpEarly: Uint8Array;
  /** Where a stepped-up case was stepped up (StepUpAt). */
  readonly stepUpAt: Uint8Array;
  /** Intervention of the catalogue (index) triage routed the case to; 0 without a catalogue. */
  readonly intervention: Uint8Array;
  /** MHST+: day the assessment ended with an intervention to wait for, and day the intervention started (-1: none). */
  readonly assessedDay: Int16Array;
  readonly interventionDay: Int16Array;
  // Runtime.
  readonly state: Uint8Array;
  readonly route: Uint8Array;
  readonly outcome: Uint8Array;
  readonly triageDay: Int16Array;
  readonly consentDay: Int16Array;
  readonly firstDay: Int16Array;
  readonly endDay: Int16Array;
  /** Practitioner index holding the case, or -1. */
  readonly practitioner: Int32Array;
  /** Caseload bucket holding the case, or -1. */
  readonly bucket: Int32Array;
  readonly sessions: Int16Array;
  readonly dnas: Int16Array;
  /** Booked-session number (attended or not), keying the case's did-not-attend draws. */
  readonly booked: Int16Array;
  /** Day the next 1:1 / MHST+ session is due. */
  readonly due: Int16Array;
  /**
   * Handle of the pending withdrawal event (see day-queue.ts), or -1; an empty array when
   * nobody withdraws (the table was made without `withdrawals`).
   */
  readonly renege: Float64Array;

  /** Whether {@link release} has handed the table's memory back (its arrays are then stale). */
  released = false;
  private readonly buffer: ArrayBuffer;

  /**
   * A table for `n` cases, every array in one buffer: the spare one a released table left in
   * this thread when it is large enough and not more than twice the size needed, else a new
   * one with 5 % room to spare (the next replication of a model draws about as many
   * cases). The columns that `referrals.ts` writes for every case (where, who, when, serial,
   * draw keys, triage draws) start undefined in a reused buffer; every other column starts at 0, or
   * at -1 where documented. Without `withdrawals` (no case has patience) the table holds no
   * withdrawal handles.
   */
  constructor(n: number, withdrawals = true) {
    this.n = n;
    const bytes = tableBytes(n, withdrawals);
    let buffer = spare;
    spare = null;
    const reused = buffer !== null && reusable(buffer.byteLength, bytes);
    if (!reused) buffer = new ArrayBuffer(tableBytes(roomFor(n), withdrawals));
    this.buffer = buffer!;
    let at = 0;
    // The next column of the buffer, as an array of the given type.
    const next = <A extends { BYTES_PER_ELEMENT: number }>(Type: new (b: ArrayBuffer, offset: number, length: number) => A): A => {
      const a = new Type(buffer!, at, n);
      at += a.BYTES_PER_ELEMENT * n;
      return a;
    };
    const f64 = () => next(Float64Array);
    const i32 = () => next(Int32Array);
    const i16 = () => next(Int16Array);
    const u8 = () => next(Uint8Array);
    // Widest first, so that every array starts on a multiple of its element size; within a
    // width, the columns written for every case, then those starting at -1, then those at 0,
    // so that a reused buffer is cleared in a few contiguous fills.
    this.renege = withdrawals ? f64().fill(-1) : new Float64Array(0);
    this.school = i32();
    this.cluster = i32();
    this.serial = i32();
    this.keyA = i32();
    this.keyB = i32();
    const minusOne32 = at;
    this.practitioner = i32();
    this.bucket = i32();
    new Int32Array(buffer!, minusOne32, (at - minusOne32) / 4).fill(-1);
    this.referralDay = i16();
    this.concernDay = i16();
    this.triageDelay = i16();
    const minusOne16 = at;
    this.assessedDay = i16();
    this.interventionDay = i16();
    this.triageDay = i16();
    this.consentDay = i16();
    this.firstDay = i16();
    this.endDay = i16();
    new Int16Array(buffer!, minusOne16, (at - minusOne16) / 2).fill(-1);
    const zero16 = at;
    this.consentDelay = i16();
    this.patience = i16();
    this.needed = i16();
    this.plusNeeded = i16();
    this.plusAssessment = i16();
    this.sessions = i16();
    this.dnas = i16();
    this.booked = i16();
    this.due = i16();
    if (reused) new Int16Array(buffer!, zero16, (at - zero16) / 2).fill(0);
    this.need = u8();
    this.age = u8();
    this.urgent = u8();
    this.plusEligible = u8();
    this.initial = u8();
    this.signpost = u8();
    const zero8 = at;
    this.decline = u8();
    this.suitable = u8();
    this.stepUp = u8();
    this.stepUpTriage = u8();
    this.stepUpEarly = u8();
    this.stepUpAt = u8();
    this.intervention = u8();
    this.state = u8();
    this.route = u8();
    this.outcome = u8();
    if (reused) new Uint8Array(buffer!, zero8, at - zero8).fill(0);
  }

  /** Waiting-line order key of case `id`: priority, then concern date, then serial (see wait-line.ts). */
  keyOf(id: number): number {
    return orderKey(this.urgent[id] === 1, this.concernDay[id], this.serial[id]);
  }

  /**
   * Hands the table's memory to the next table made in this thread, so that replication after
   * replication reuses one buffer instead of allocating (and the allocator holding on to) a
   * new one each time. Call it only when nothing reads the table any more: its arrays then
   * belong to the next table. A second call does nothing.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (!spare || spare.byteLength < this.buffer.byteLength) spare = this.buffer;
  }
}

/** Bytes per case: 7 32-bit, 18 16-bit and 16 8-bit arrays, and the 64-bit withdrawal handles when some case has patience. */
const CASE_BYTES = 7 * 4 + 18 * 2 + 16;
const tableBytes = (n: number, withdrawals: boolean) => n * (CASE_BYTES + (withdrawals ? 8 : 0));
/** The buffer of the last table released in this thread, for the next table. */
let spare: ArrayBuffer | null = null;

/**
 * Lets go of the buffer a released table left for the next one, of the weekly store a
 * released recorder left (see `Recorder.handBack`), and of the kept scratch columns (a thread
 * that goes idle calls it, so that it does not hold a run's worth of memory while it waits).
 */
export function dropSpareBuffers(): void {
  spare = null;
  dropScratch();
  dropSpareWeeks();
}
