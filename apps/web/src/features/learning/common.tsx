/**
 * Shared pieces of the learner screens (attendance, grades, graduation, certificates, the learner's
 * and the agency's pages): attendance marks, session names, verdict icons, grades and
 * classifications, the learner cell.
 */
import type { ReactNode } from 'react';
import { Flex, Tag } from 'antd';
import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { AttendanceMarkCode, SessionRef } from '@nang-tam/contracts';
import { training, todayInVietnam } from '@nang-tam/domain';
import { usePages } from '../../app/navigation';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { toDayjs } from '../../shared/dates';
import { formatDate } from '../../shared/format';

export const today = (): string => todayInVietnam();

export const ATTENDANCE_MARKS: AttendanceMarkCode[] = ['present', 'absent_excused', 'absent_unexcused', 'recalled'];
const MARK_COLOR: Record<AttendanceMarkCode, string> = {
  present: 'green',
  absent_excused: 'gold',
  absent_unexcused: 'red',
  recalled: 'purple',
};

export function markLabel(t: TFunction, mark: AttendanceMarkCode | null): string {
  return mark ? t(`mark.${mark}` as MessageKey) : t('mark.none');
}

/** "Có mặt", "Vắng có phép"… as a coloured tag; grey "Chưa điểm danh" for none. */
export function MarkTag({ mark, suffix }: { mark: AttendanceMarkCode | null; suffix?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Tag color={mark ? MARK_COLOR[mark] : 'default'} style={{ marginInlineEnd: 0 }}>
      {markLabel(t, mark)}
      {suffix}
    </Tag>
  );
}

/** "Thứ Hai, 26/10/2026". */
export function dayTitle(iso: string): string {
  const d = toDayjs(iso);
  if (!d) return formatDate(iso);
  const weekday = d.format('dddd');
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${formatDate(iso)}`;
}

/** "26/10/2026 · 07:30–11:00 · CV.1" (the module's code, or the kind for a field trip or exam). */
export function sessionLabel(
  t: TFunction,
  s: Pick<SessionRef, 'date' | 'startTime' | 'endTime' | 'module' | 'kind'>,
  withDay = false,
): string {
  const what = s.module ? s.module.code : t(`session.kind.${s.kind}` as MessageKey);
  return `${withDay ? dayTitle(s.date) : formatDate(s.date)} · ${s.startTime}–${s.endTime} · ${what}`;
}

/** What a session teaches: "CV.1 — Kiến thức chung…" or its kind. */
export function sessionSubject(t: TFunction, s: Pick<SessionRef, 'module' | 'kind'>): string {
  return s.module ? `${s.module.code} — ${s.module.name}` : t(`session.kind.${s.kind}` as MessageKey);
}

/** A condition's verdict: green passed, red not passed, grey not yet known. */
export function VerdictIcon({ passed, size = 18, decorative = false }: { passed: boolean | null; size?: number; decorative?: boolean }) {
  const { t } = useI18n();
  const style = { fontSize: size, flex: 'none' as const };
  // beside its own words (a legend) the icon is decoration; alone it is an image with a name
  const a11y = (name: string) => (decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': name });
  if (passed === true) return <CheckCircleFilled style={{ ...style, color: '#16a34a' }} {...a11y(t('verdict.passed'))} />;
  if (passed === false) return <CloseCircleFilled style={{ ...style, color: '#dc2626' }} {...a11y(t('verdict.failed'))} />;
  return <ClockCircleFilled style={{ ...style, color: '#9ca3af' }} {...a11y(t('verdict.pending'))} />;
}

/** The verdict icons with their words, above a table whose cells show icons only. */
export function VerdictLegend() {
  const { t } = useI18n();
  const items: [boolean | null, MessageKey][] = [
    [true, 'verdict.passed'],
    [false, 'verdict.failed'],
    [null, 'verdict.pending'],
  ];
  return (
    <Flex gap={12} wrap align="center" role="note" aria-label={t('verdict.legend')} data-testid="verdict-legend">
      <span className="nt-text-secondary">{t('verdict.legend')}:</span>
      {items.map(([passed, key]) => (
        <Flex key={key} gap={4} align="center">
          <VerdictIcon passed={passed} size={14} decorative />
          <span>{t(key)}</span>
        </Flex>
      ))}
    </Flex>
  );
}

/** A grade the Vietnamese way: "8,5"; "—" for none. */
export function formatGradeValue(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : training.formatGrade(v);
}

const BAND_COLOR: Record<string, string> = {
  xuat_sac: 'magenta',
  gioi: 'geekblue',
  kha: 'blue',
  trung_binh_kha: 'cyan',
  trung_binh: 'default',
};

export function ClassificationTag({ classification }: { classification: { code: string; label: string } | null }) {
  if (!classification) return <span className="nt-text-secondary">—</span>;
  return (
    <Tag color={BAND_COLOR[classification.code] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {classification.label}
    </Tag>
  );
}

/** The learner's name (a link to the profile for whoever may read it) and home unit. */
export function LearnerCell({ person, extra }: { person: { id: number; fullName: string; unit?: { name: string } }; extra?: ReactNode }) {
  const pages = usePages();
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      {pages.profiles ? (
        <Link to={`/people/${person.id}`}>
          <strong>{person.fullName}</strong>
        </Link>
      ) : (
        <strong>{person.fullName}</strong>
      )}
      {person.unit && (
        <span className="nt-text-secondary" style={{ fontSize: 12 }}>
          {person.unit.name}
        </span>
      )}
      {extra}
    </Flex>
  );
}

/** "85,5%" from a 0..1 share (numbers formatted in the UI language); "—" for none. */
export function percent(rate: number | null | undefined, formatNumber: (n: number) => string): string {
  return rate === null || rate === undefined ? '—' : `${formatNumber(Math.round(rate * 1000) / 10)}%`;
}
