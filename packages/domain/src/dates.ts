/** Calendar dates as ISO strings "YYYY-MM-DD"; no time zones involved. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return false;
  // Gregorian calendar, without allocating a Date (this runs for every fact of every person in bulk checks)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** True for a real calendar date in ISO form ("2025-02-31" is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  return !!m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Parses "dd/mm/yyyy" (vi-VN) or "yyyy-mm-dd"; returns null for anything that is not a real date. */
export function parseDate(value: string): IsoDate | null {
  const s = value.trim();
  let m = ISO.exec(s);
  if (m) return isValidYmd(Number(m[1]), Number(m[2]), Number(m[3])) ? s : null;
  m = VN.exec(s);
  if (m) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    const y = Number(m[3]);
    return isValidYmd(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  return null;
}

/** A JS Date (as read from a spreadsheet cell, UTC midnight) to an ISO date. */
export function dateToIso(date: Date): IsoDate {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Today's date in Vietnam (UTC+7), whatever the server's time zone. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return dateToIso(new Date(now.getTime() + 7 * 3600_000));
}

/** Whole years between birth and asOf, counted on calendar dates (a birthday on asOf counts). */
export function ageOn(birthDate: IsoDate, asOf: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

/** The date `years` years before `date` (29 Feb falls back to 28 Feb). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${ny}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/** vi-VN display form "dd/mm/yyyy". */
export function formatViDate(date: IsoDate | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Birth dates of people aged minAge..maxAge (inclusive) on `asOf`:
 * born after `bornAfter` and on or before `bornOnOrBefore`.
 */
export function birthDateBounds(minAge: number, maxAge: number, asOf: IsoDate): { bornAfter: IsoDate; bornOnOrBefore: IsoDate } {
  return { bornAfter: addYears(asOf, -(maxAge + 1)), bornOnOrBefore: addYears(asOf, -minAge) };
}
