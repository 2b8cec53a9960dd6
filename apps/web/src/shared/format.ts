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

/**
 * Words that begin the name of an office or a role rather than a person ("Ban Tổ chức Tỉnh ủy",
 * "Cán bộ tổ chức Phường 2"). None is a Vietnamese family name.
 */
const INSTITUTION_HEADS = [
  'ban', 'sở', 'phòng', 'cán bộ', 'quản trị', 'trường', 'ủy ban', 'uỷ ban', 'văn phòng', 'bộ', 'cục',
  'chi cục', 'trung tâm', 'hội đồng', 'học viện', 'viện', 'đảng ủy', 'đảng uỷ', 'tỉnh ủy', 'tỉnh uỷ',
  'huyện ủy', 'huyện uỷ', 'thành ủy', 'thành uỷ', 'ubnd', 'khoa', 'cơ quan',
];

/**
 * Initials for an avatar. A person: the family and the given name, "Nguyễn Văn An" → "NA". An
 * office or role: its first two words, "Ban Tổ chức Tỉnh ủy" → "BT", "Sở Nội vụ" → "SN",
 * "Cán bộ tổ chức Phường 2" → "CB" (not "BỦ" or "C2"). Numbers and punctuation never count.
 */
export function initials(fullName: string): string {
  const words = fullName
    .normalize('NFC')
    .split(/[\s,;()/–-]+/u)
    .filter((w) => /^\p{L}/u.test(w));
  if (words.length === 0) return '?';
  const lower = words.join(' ').toLocaleLowerCase('vi');
  const institution = INSTITUTION_HEADS.some((h) => lower === h || lower.startsWith(`${h} `));
  const picked = institution || words.length === 1 ? words.slice(0, 2) : [words[0]!, words[words.length - 1]!];
  return picked.map((w) => w.charAt(0)).join('').toLocaleUpperCase('vi');
}
