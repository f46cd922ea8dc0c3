/** Day arithmetic on ISO dates (UTC, so no daylight-saving shifts). */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The ISO date of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO date of year-month-day (month 1..12). */
export function ymd(year: number, month: number, day: number): string {
  return isoOf(Math.round(Date.UTC(year, month - 1, day) / DAY_MS));
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  return isoOf(dayNumber(iso) + days);
}

/** Weekday of an ISO date: 0 = Monday .. 6 = Sunday. */
export function weekday(iso: string): number {
  return (dayNumber(iso) + 3) % 7; // 1970-01-01 was a Thursday
}

/** The first date on or after `iso` that falls on `wd` (0 = Monday). */
export function onOrAfter(iso: string, wd: number): string {
  return addDays(iso, (wd - weekday(iso) + 7) % 7);
}

/** The last date on or before `iso` that falls on `wd` (0 = Monday). */
export function onOrBefore(iso: string, wd: number): string {
  return addDays(iso, -((weekday(iso) - wd + 7) % 7));
}
