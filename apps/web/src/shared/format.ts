import { ageOn, formatViDate, todayInVietnam } from '@nang-tam/domain';
import { intlTag, type Locale } from '../i18n';

/** dd/mm/yyyy for an ISO calendar date; empty for none. */
export function formatDate(iso: string | null | undefined): string {
  return formatViDate(iso ?? null);
}

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
/** dd/mm/yyyy HH:mm in Vietnam time for a timestamp. */
export function formatDateTime(ts: string | null | undefined, locale: Locale): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(locale, f);
  }
  return f.format(d);
}

/** Age today (Vietnam calendar). */
export function ageToday(birthDate: string): number {
  return ageOn(birthDate, todayInVietnam());
}

/** Initials for an avatar: "Nguyễn Văn An" → "NA". */
export function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]!.charAt(0);
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : '';
  return (first + last).toUpperCase();
}
