import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/** What the date pickers show and accept when typed: 17/05/1980, 17/5/1980, 17051980. */
export const VI_DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY', 'YYYY-MM-DD'];

export function toDayjs(iso: string | null | undefined): Dayjs | null {
  if (!iso) return null;
  const d = dayjs(iso, 'YYYY-MM-DD', true);
  return d.isValid() ? d : null;
}

/** A picked date as the API wants it: "YYYY-MM-DD". */
export function toIso(d: Dayjs | null | undefined): string | null {
  return d && d.isValid() ? d.format('YYYY-MM-DD') : null;
}

export const notInFuture = (d: Dayjs) => d.isAfter(dayjs().endOf('day'));
