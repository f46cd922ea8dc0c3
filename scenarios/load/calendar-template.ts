import type { Term } from "../../sim/model/config.js";
import { addDays, onOrAfter, onOrBefore, weekday, ymd } from "./dates.js";

const MON = 0;
const FRI = 4;

/**
 * The England term template for the school year starting in September of `year`: three terms
 * with a Monday-to-Friday half-term each, and the early-May bank holiday as a closure. The rules
 * follow the usual local-authority pattern (assumption: real dates differ by a few days).
 * @example englandYear(2025).terms[0] // { name: "autumn", start: "2025-09-01", end: "2025-12-19", ... }
 */
export function englandYear(year: number): { terms: Term[]; closures: string[] } {
  const week = (monday: string) => ({ start: monday, end: addDays(monday, 4) });
  const springEnd = onOrBefore(ymd(year + 1, 3, 31), FRI);
  let summerEnd = ymd(year + 1, 7, 22);
  while (weekday(summerEnd) > FRI) summerEnd = addDays(summerEnd, -1);
  const terms: Term[] = [
    {
      name: "autumn",
      start: onOrAfter(ymd(year, 9, 1), MON),
      end: onOrBefore(ymd(year, 12, 20), FRI),
      halfTerm: week(onOrBefore(ymd(year, 10, 27), MON)),
    },
    {
      name: "spring",
      start: onOrAfter(ymd(year + 1, 1, 2), MON),
      end: springEnd,
      halfTerm: week(onOrAfter(ymd(year + 1, 2, 12), MON)),
    },
    {
      name: "summer",
      start: addDays(springEnd, 17),
      end: summerEnd,
      halfTerm: week(onOrBefore(ymd(year + 1, 5, 31), MON)),
    },
  ];
  return { terms, closures: [onOrAfter(ymd(year + 1, 5, 1), MON)] };
}
