import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, loadScenarioText } from "../../scenarios/index.js";
import { activityJsonSchema, ActivityError, csvRecords, formatBadRow, loadActivityFile, readActivity } from "../../scenarios/activity/index.js";
import { mhst } from "../experiment/cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "mhst-activity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = `name: Small
calendar: { years: 1 }
teams: [{ id: t }]
clusters: [{ id: north }, { id: south }]
schools:
  - { id: s1, phase: primary, pupils: 420, cluster: north }
  - { id: s2, phase: secondary, pupils: 900, cluster: south }
practitioners:
  - { id: emhp-1, allocation: { clusters: [north, south] } }
`;
const small = loadScenarioText(SMALL, { file: "small.yaml" });
const HEAD = "ReferralRequestReceivedDate,OrgIDEduEstab,TriageDate,TriageOutcome,ConsentDate,FirstCareContDate,Intervention,ContactsAttended,ContactsDNA,ServDischDate,DischargeReason";

describe("CSV records", () => {
  it("keeps the line each record starts on, through quoted line breaks and CRLF", () => {
    const recs = csvRecords('a,b\r\n"x\ny",2\r\n\r\n"say ""hi""",3\n');
    expect(recs).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x\ny", "2"] },
      { line: 5, fields: ['say "hi"', "3"] },
    ]);
    expect(() => csvRecords('a\n"open')).toThrow("line 2: a quoted field is not closed");
  });
});

describe("reading activity data", () => {
  it("reads the example file against trailblazer-team, ISO dates as days from 1 September 2025", () => {
    const model = loadScenario("trailblazer-team");
    const d = loadActivityFile("scenarios/examples/activity-example.csv", model);
    expect(d.dialect).toBe("activity");
    expect(d.rowsRead).toBe(12);
    expect(d.badRows).toEqual([]);
    expect(d.records).toHaveLength(12);
    const [r1, r2] = d.records;
    // R0001 waited from before day 0: 2025-08-20 is 12 days before 2025-09-01.
    expect(r1).toMatchObject({ line: 2, school: "p03", referralDay: -12, waitingAtStart: true, dischargeReason: "open" });
    expect(r2).toMatchObject({ referralDay: 7, triageDay: 11, consentDay: 15, firstContactDay: 28, attended: 7, dnas: 1, dischargeDay: 84, dischargeReason: "completed", intervention: "oneToOne" });
    expect(d.records[3].dischargeReason).toBe("steppedUp");
    // A signposted row without a triage date would take its discharge date; here both agree.
    expect(d.records[2]).toMatchObject({ triageOutcome: "signposted", triageDay: 14 });
    expect(d.records[11]).toMatchObject({ triageOutcome: null, triageDay: null });
    // From the Monday of the first referral's week to the day after the last date (2026-01-19).
    expect(d.period).toEqual({ fromDay: 7, toDay: 141 });
  });

  it("drops bad rows, naming file, line, column, value and rule, and counts them by rule", () => {
    const text = [
      HEAD,
      "2025-09-08,s1,2025-09-10,accepted,2025-09-12,2025-09-20,oneToOne,6,1,2025-11-01,completed",
      "2025-09-08,x9,,,,,,,,,",
      "2027-01-04,s1,,,,,,,,,",
      "2025-09-08,s2,2025-09-10,accepted,2025-09-12,2025-09-01,oneToOne,6,0,2025-11-01,completed",
      "2025-09-08,s2,2025-09-10,accepted,2025-09-12,2025-09-20,oneToOne,6,0,2025-09-15,completed",
      "2025-09-08,s2,2025-09-10,maybe,,,,,,,",
      "2025-09-08,s2,2025-09-10,accepted,2025-09-12,2025-09-20,oneToOne,6,0,2025-11-01,finished",
      "8/9/2025,s2,,,,,,,,,",
      "12,s2,14,signposted,,,,,,,",
    ].join("\n");
    const d = readActivity(text, small, { file: "a.csv" });
    expect(d.records.map((r) => r.line)).toEqual([2, 10]);
    expect(d.records[1]).toMatchObject({ referralDay: 12, triageDay: 14 });
    expect(d.badRows.map(formatBadRow)).toEqual([
      'a.csv:3: OrgIDEduEstab: "x9" is not a school of the scenario',
      `a.csv:4: ReferralRequestReceivedDate: "2027-01-04" must lie within the scenario's calendar (2025-09-01 to 2026-08-30, days 0 to 363)`,
      'a.csv:5: FirstCareContDate: "2025-09-01" is before the ReferralRequestReceivedDate (2025-09-08)',
      'a.csv:6: ServDischDate: "2025-09-15" is before the FirstCareContDate (2025-09-20)',
      'a.csv:7: TriageOutcome: "maybe" must be signposted, accepted, declined or empty (not triaged yet)',
      'a.csv:8: DischargeReason: "finished" must be completed, stepped up, withdrawn, still open or empty (closed at triage or consent)',
      'a.csv:9: ReferralRequestReceivedDate: "8/9/2025" must be an ISO date (YYYY-MM-DD) or a whole number of simulation days',
    ]);
    expect(d.dropped).toEqual({
      "unknown school": 1,
      "date outside the calendar": 1,
      "first contact before referral": 1,
      "discharge before first contact": 1,
      "unknown outcome": 2,
      "not a date": 1,
    });
  });

  it("refuses a file with no usable row, or without a required column, as a whole", () => {
    expect(() => readActivity(`${HEAD}\n2025-09-08,x9,,,,,,,,,\n`, small, { file: "a.csv" })).toThrow(
      new ActivityError('a.csv: no usable rows; every row was dropped (first: line 2, OrgIDEduEstab: "x9" is not a school of the scenario)', [
        { file: "a.csv", line: 2, column: "OrgIDEduEstab", value: "x9", rule: "unknown school", message: "is not a school of the scenario" },
      ]),
    );
    expect(() => readActivity("ReferralRequestReceivedDate,School\n2025-09-08,s1\n", small, { file: "b.csv" })).toThrow(/^b\.csv: the header has no OrgIDEduEstab column \(it has ReferralRequestReceivedDate, School\)/);
    expect(() => readActivity("", small, { file: "c.csv" })).toThrow("c.csv: the file is empty");
    expect(() => loadActivityFile(join(dir, "missing.csv"), small)).toThrow(/missing\.csv: cannot read it \(ENOENT\)/);
  });

  it("reads the cases.csv of mhst run --out, one replication at a time", async () => {
    const file = join(dir, "small.yaml");
    writeFileSync(file, SMALL);
    const out = join(dir, "out");
    const r = await mhst("run", file, "--reps", "2", "--workers", "1", "--scope", "service", "--out", out);
    expect(r.code).toBe(0);
    const cases = JSON.parse(readFileSync(join(out, "cases.json"), "utf8")) as { replication: number; referralDay: number; firstContactDay: number | null; outcome: string; sessions: number }[];
    for (const rep of [0, 1]) {
      const mine = cases.filter((c) => c.replication === rep);
      const d = loadActivityFile(join(out, "cases.csv"), small, { replication: rep });
      expect(d).toMatchObject({ dialect: "cases", replication: rep, rowsRead: mine.length, dropped: {} });
      expect(d.records.map((x) => x.referralDay)).toEqual(mine.map((c) => c.referralDay));
      expect(d.records.map((x) => x.firstContactDay)).toEqual(mine.map((c) => c.firstContactDay));
      expect(d.records.map((x) => x.attended)).toEqual(mine.map((c) => c.sessions));
      const reason = { completed: "completed", steppedUp: "steppedUp", withdrawn: "withdrawn", open: "open", waiting: "open", inTriage: "open", signposted: null, declined: null } as Record<string, string | null>;
      expect(d.records.map((x) => x.dischargeReason)).toEqual(mine.map((c) => reason[c.outcome]));
      expect(d.records.filter((x) => x.triageOutcome === "signposted").length).toBe(mine.filter((c) => c.outcome === "signposted").length);
      expect(d.period).toEqual({ fromDay: 0, toDay: 364 });
    }
    expect(() => loadActivityFile(join(out, "cases.csv"), small, { replication: 5 })).toThrow(/--replication 5: the file has no rows of it \(replications 0 to 1\)/);
  });

  it("keeps activity.schema.json in step with the column table", () => {
    expect(JSON.parse(readFileSync("scenarios/activity.schema.json", "utf8"))).toEqual(activityJsonSchema());
  });
});
