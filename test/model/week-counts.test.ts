import { describe, expect, it } from "vitest";
import { CF, F, IN_PLACE_BYTES, PF, PV, Recorder } from "../../sim/model/recorder.js";
import { WeekCounts } from "../../sim/model/week-counts.js";

describe("WeekCounts", () => {
  it("keeps counts in 8 bits while they fit, adding rows and zeroing them", () => {
    const s = new WeekCounts(3, 2);
    const row = Int32Array.of(5, 255);
    s.add(1, row);
    expect(Array.from(row)).toEqual([0, 0]);
    s.add(1, Int32Array.of(1, 0));
    expect(s.data.BYTES_PER_ELEMENT).toBe(1);
    expect(Array.from(s.data)).toEqual([0, 0, 6, 255, 0, 0]);
  });

  it("widens to 16 and then 32 bits, keeping every count written", () => {
    const s = new WeekCounts(3, 2);
    s.add(0, Int32Array.of(7, 200));
    s.add(1, Int32Array.of(256, 1));
    expect(s.data.BYTES_PER_ELEMENT).toBe(2);
    s.add(2, Int32Array.of(65535, 2));
    expect(s.data.BYTES_PER_ELEMENT).toBe(2);
    s.add(2, Int32Array.of(1, 0));
    expect(s.data.BYTES_PER_ELEMENT).toBe(4);
    expect(Array.from(s.data)).toEqual([7, 200, 256, 1, 65536, 2]);
  });

  it("goes straight to 32 bits for a negative count, and sums as 32-bit integers", () => {
    const s = new WeekCounts(1, 2);
    s.add(0, Int32Array.of(3, -4));
    expect(s.data.BYTES_PER_ELEMENT).toBe(4);
    s.add(0, Int32Array.of(2 ** 31 - 1, 0));
    expect(Array.from(s.data)).toEqual([3 + 2 ** 31 - 1 - 2 ** 32, -4]);
  });

  it("ignores weeks outside the store but still zeroes the row", () => {
    const s = new WeekCounts(1, 1);
    const row = Int32Array.of(9);
    s.add(1, row);
    s.add(-1, Int32Array.of(9));
    expect(Array.from(row)).toEqual([0]);
    expect(Array.from(s.data)).toEqual([0]);
  });

  it("hands out a 32-bit store that later rows add to", () => {
    const s = new WeekCounts(2, 1);
    s.add(0, Int32Array.of(4));
    const wide = s.int32();
    wide[1] += 10;
    s.add(1, Int32Array.of(1));
    expect(s.int32()).toBe(wide);
    expect(Array.from(wide)).toEqual([4, 11]);
  });
});

describe.each([
  ["compact", false],
  ["in place", true],
] as const)("Recorder, %s", (_, inPlace) => {
  it("files each week's counts under that week, whatever their size", () => {
    const rec = new Recorder(2, 1, 3, inPlace);
    rec.setWeek(0);
    rec.count(1, F.referrals);
    rec.count(1, F.referrals, 2);
    rec.slots(0, 0, 3, 4);
    rec.closeWeek();
    rec.setWeek(1);
    rec.count(0, F.started, 70000);
    rec.lost(0, PV, 5);
    rec.closeWeek();
    rec.setWeek(2);
    rec.slots(1, 0, 0, 1);
    // The last week is read without being closed: its counts are filed all the same.
    const cw = rec.clusterWeeks();
    const pw = rec.practitionerWeeks();
    expect(cw[(0 * 2 + 1) * CF + F.referrals]).toBe(3);
    expect(cw[(0 * 2 + 0) * CF + F.SLOTS + 3]).toBe(4);
    expect(cw[(1 * 2 + 0) * CF + F.started]).toBe(70000);
    expect(cw[(2 * 2 + 1) * CF + F.SLOTS]).toBe(1);
    expect(pw[0 * PF + 3]).toBe(4);
    expect(pw[1 * PF + PV]).toBe(5);
    expect(pw[2 * PF + 0]).toBe(1);
    expect(pw.BYTES_PER_ELEMENT).toBe(inPlace ? 4 : 1);
    expect(Array.from(cw).reduce((a, b) => a + b, 0)).toBe(3 + 4 + 70000 + 1);
  });

  it("stores the waiting list at week end, replacing any earlier count of it", () => {
    const rec = new Recorder(1, 1, 2, inPlace);
    rec.waiting[0] = 12;
    rec.count(0, F.waitlistEnd, 99);
    rec.closeWeek();
    rec.closeWeek();
    rec.setWeek(1);
    rec.waiting[0] = 3;
    rec.closeWeek();
    const cw = rec.clusterWeeks();
    expect([cw[F.waitlistEnd], cw[CF + F.waitlistEnd]]).toEqual([12, 3]);
  });

  it("closing a week into the next files the same counts as closing it, then setting the next", () => {
    const fill = (rec: Recorder, w: number) => {
      rec.waiting[0] = 4 + w;
      rec.count(0, F.referrals, 3 + w);
      rec.slots(0, 0, 2, 5 * w + 1);
    };
    const a = new Recorder(1, 1, 3, inPlace);
    const b = new Recorder(1, 1, 3, inPlace);
    for (let w = 0; w < 3; w++) {
      fill(a, w);
      fill(b, w);
      a.closeWeek();
      if (w < 2) a.setWeek(w + 1);
      if (w < 2) b.closeWeek(w + 1);
      else b.closeWeek();
    }
    expect(Array.from(b.clusterWeeks())).toEqual(Array.from(a.clusterWeeks()));
    expect(Array.from(b.practitionerWeeks())).toEqual(Array.from(a.practitionerWeeks()));
    expect(b.clusterWeeks()[2 * CF + F.waitlistEnd]).toBe(6);
  });

  it("gives 32-bit rows that can be written in place after the run", () => {
    const rec = new Recorder(1, 1, 2, inPlace);
    rec.count(0, F.consultations, 2);
    rec.closeWeek();
    rec.cw[CF + F.consultationsUnanswered]++;
    const cw = rec.clusterWeeks();
    expect(cw).toBeInstanceOf(Int32Array);
    expect([cw[F.consultations], cw[CF + F.consultationsUnanswered]]).toEqual([2, 1]);
    expect(rec.pw).toBeInstanceOf(Int32Array);
  });
});

describe("Recorder layout", () => {
  it("writes in place up to IN_PLACE_BYTES of 32-bit rows, and compact beyond", () => {
    // 1 cluster and 1 practitioner: (CF + PF) counters, 4 bytes each, a week.
    const weekBytes = (CF + PF) * 4;
    const most = Math.floor(IN_PLACE_BYTES / weekBytes);
    expect(new Recorder(1, 1, most).inPlace).toBe(true);
    expect(new Recorder(1, 1, most + 1).inPlace).toBe(false);
  });

  it("hands its store to the next recorder in place, which starts from zeros", () => {
    const a = new Recorder(2, 1, 3, true);
    a.count(1, F.referrals, 7);
    a.slots(0, 0, 2, 3);
    a.closeWeek(1);
    a.lost(0, PV, 4);
    const first = a.clusterWeeks();
    a.handBack();
    const b = new Recorder(2, 1, 3, true);
    // The same memory, cleared: the new run's counts only.
    expect(b.clusterWeeks().buffer).toBe(first.buffer);
    expect(Array.from(b.clusterWeeks()).every((v) => v === 0)).toBe(true);
    expect(Array.from(b.practitionerWeeks()).every((v) => v === 0)).toBe(true);
    b.count(0, F.started, 2);
    b.closeWeek();
    expect(b.clusterWeeks()[F.started]).toBe(2);
    // A second hand-back of the first recorder gives nothing away: b, still running, keeps its store to itself.
    a.handBack();
    expect(new Recorder(2, 1, 3, true).clusterWeeks().buffer).not.toBe(first.buffer);
    b.handBack();
    // A recorder of another size takes memory of its own.
    const c = new Recorder(20, 3, 30, true);
    expect(c.clusterWeeks().buffer).not.toBe(first.buffer);
    expect(c.clusterWeeks().length).toBe(30 * 20 * CF);
  });
});
