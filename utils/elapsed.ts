/**
 * How much time lies between two moments, counted in whole units and never rounded up: a lead
 * last contacted 19 months ago was contacted "1 year ago", never "2 years ago".
 *
 * Months and years are calendar months in UTC (12 March to 12 April is one month, 31 January to
 * 28 February too), so a year is always twelve of them; weeks, days and shorter units are fixed
 * lengths. UTC keeps the answer the same on every machine; a month boundary a few hours off in the
 * user's own zone does not change what a person reads.
 */

export interface Elapsed {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The same day of the month `months` later, at the same time; the month's last day when it is shorter. */
function addMonths(from: Date, months: number): number {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(from.getUTCDate(), lastDay),
    from.getUTCHours(),
    from.getUTCMinutes(),
    from.getUTCSeconds(),
    from.getUTCMilliseconds(),
  );
}

function wholeMonths(earlier: number, later: number): number {
  const from = new Date(earlier);
  const to = new Date(later);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return addMonths(from, months) > later ? months - 1 : months;
}

/** The whole units between `a` and `b` (milliseconds since the epoch), in either order. */
export function elapsedBetween(a: number, b: number): Elapsed {
  const earlier = Math.min(a, b);
  const later = Math.max(a, b);
  const span = later - earlier;
  const months = Math.max(0, wholeMonths(earlier, later));
  return {
    years: Math.floor(months / 12),
    months,
    weeks: Math.floor(span / WEEK),
    days: Math.floor(span / DAY),
    hours: Math.floor(span / HOUR),
    minutes: Math.floor(span / MINUTE),
    seconds: Math.floor(span / SECOND),
  };
}
