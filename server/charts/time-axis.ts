import type { SchoolCalendar } from "../../sim/model/index.js";
import { NHS_COLOURS } from "./palette.js";

const DAY_MS = 86_400_000;

/**
 * What a chart needs to put calendar dates on a week axis: the date of day 0 and the school
 * holidays (weeks with no in-term day: holidays and half-terms), from the scenario's own
 * calendar. Kept with a stored result, so charts drawn later need no scenario.
 */
export interface TimeAxis {
  /** ISO date of day 0 (the calendar's start date); week w starts 7w days later. */
  readonly startDate: string;
  /** Runs of holiday weeks: `from` is the first day of the first such week, `to` the day after the last (ISO dates). */
  readonly holidays: readonly { readonly from: string; readonly to: string }[];
}

/** ISO date of the first day of week `week` (day 0 = `startDate`). */
export function weekStart(axis: Pick<TimeAxis, "startDate">, week: number): string {
  const [y, m, d] = axis.startDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) + 7 * week * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The time axis of a scenario's calendar (from `buildCalendar` in sim/model): day 0's date and
 * every run of weeks that holds no in-term day.
 * @example timeAxisOf(buildCalendar(model.calendar)).holidays[0] // { from: "2025-10-27", to: "2025-11-03" }
 */
export function timeAxisOf(calendar: Pick<SchoolCalendar, "startDate" | "weeks" | "termWeek">): TimeAxis {
  const holidays: { from: string; to: string }[] = [];
  let from = -1;
  for (let w = 0; w <= calendar.weeks; w++) {
    const off = w < calendar.weeks && calendar.termWeek[7 * w] === 0;
    if (off && from < 0) from = w;
    if (!off && from >= 0) {
      holidays.push({ from: weekStart(calendar, from), to: weekStart(calendar, w) });
      from = -1;
    }
  }
  return { startDate: calendar.startDate, holidays };
}

/**
 * Vega-Lite x encoding of week-start dates: a tick each calendar month, a label every `every`
 * months ("Sep", "Nov", …), with the year on the first label shown and on each January
 * ("Sep 2025", …, "Jan 2026"). Use 2 on narrow panels so that no label is hidden.
 */
export function dateX(every: 1 | 2 = 1) {
  const d0 = "toDate(domain('x')[0])";
  const shown = every === 1 ? "true" : `(month(datum.value) - month(${d0})) % 2 === 0`;
  // The first label shown: the first tick, or with every other month from a domain that starts
  // after the 1st (its first tick hidden), the tick two months on.
  const first = every === 1 ? "datum.index === 0" : `(datum.index === 0 || (date(${d0}) !== 1 && month(datum.value) === (month(${d0}) + 2) % 12 && datum.value - ${d0} < 70 * 864e5))`;
  return {
    field: "date",
    type: "temporal",
    title: "Week starting (calendar month)",
    axis: {
      tickCount: "month",
      labelAngle: 0,
      // Each label starts at its month's tick and runs into that month, so neighbours never meet.
      labelAlign: "left",
      labelOverlap: false,
      labelFontSize: 10,
      labelExpr: `${shown} ? (${first} || month(datum.value) === 0 ? timeFormat(datum.value, '%b %Y') : timeFormat(datum.value, '%b')) : ''`,
    },
  } as const;
}

/**
 * The holiday shading layer of a chart whose data rows carry `holidayFrom` / `holidayTo`
 * (one row per holiday and panel): a pale rectangle over each holiday, behind the data.
 */
export const HOLIDAY_LAYER = {
  transform: [{ filter: "datum.holidayFrom != null" }],
  mark: { type: "rect", color: NHS_COLOURS.midGrey, opacity: 0.18 },
  encoding: { x: { field: "holidayFrom", type: "temporal" }, x2: { field: "holidayTo" } },
} as const;
