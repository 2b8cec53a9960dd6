/**
 * The place-and-date line of an administrative document. As Nghị định 30/2020/NĐ-CP (Phụ lục I)
 * writes it, days below 10 and months below 3 take a leading zero: 'Long An, ngày 07 tháng 12 năm 2026',
 * 'ngày 05 tháng 02 năm 2026', 'ngày 05 tháng 4 năm 2026'.
 */

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(isoDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (!m || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not an ISO date (yyyy-mm-dd): ${isoDate}`);
  }
  return [y, mo, d];
}

/** 'ngày 07 tháng 12 năm 2026' ('7 December 2026' in English). */
export function officialDate(isoDate: string, locale: 'vi' | 'en' = 'vi'): string {
  const [y, m, d] = parts(isoDate);
  if (locale === 'en') return `${d} ${EN_MONTHS[m - 1]} ${y}`;
  return `ngày ${d < 10 ? `0${d}` : d} tháng ${m < 3 ? `0${m}` : m} năm ${y}`;
}

/** 'Long An, ngày 07 tháng 12 năm 2026'; without a place, the date alone. */
export function officialDateLine(place: string | undefined, isoDate: string, locale: 'vi' | 'en' = 'vi'): string {
  const date = officialDate(isoDate, locale);
  return place?.trim() ? `${place.trim()}, ${date}` : locale === 'vi' ? date.charAt(0).toLocaleUpperCase('vi') + date.slice(1) : date;
}
