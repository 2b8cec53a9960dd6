/** Shared pieces of the rules-engine screens: date picker "as of", source document, outcome tags, facts. */
import { DatePicker, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { todayInVietnam } from '@nang-tam/domain';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';

export const today = (): string => todayInVietnam();

/** A vi-VN date picker whose value is an ISO date string; clearing it goes back to `fallback` (today). */
export function AsOfPicker({
  value,
  onChange,
  id,
  label,
  allowClear = false,
}: {
  value: string;
  onChange: (iso: string) => void;
  id?: string;
  label?: string;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  return (
    <DatePicker
      id={id}
      aria-label={label ?? t('common.asOf')}
      format={VI_DATE_FORMATS}
      placeholder={t('common.datePlaceholder')}
      value={toDayjs(value) ?? dayjs()}
      allowClear={allowClear}
      onChange={(d) => onChange(toIso(d) ?? today())}
      style={{ width: 150 }}
    />
  );
}

export interface SourceLike {
  code: string;
  title: string;
  issuer: string;
  issuedOn: string;
  article?: string;
}

/** "Căn cứ: 350-QĐ/TW, Điều 5 — Quy định về … (Ban Bí thư, ngày 28/08/2025) · Hiệu lực: 29/08/2025 – nay". */
export function SourceText({ source, period }: { source: SourceLike; period?: { from: string; to: string | null } | null }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('source.label')}: <strong>{source.code}</strong>
      {source.article ? `, ${source.article}` : ''} — {source.title} ({t('source.issued', { issuer: source.issuer, date: formatDate(source.issuedOn) })})
      {period && (
        <>
          {' · '}
          {t('source.effective', { from: formatDate(period.from), to: period.to ? formatDate(period.to) : t('source.open') })}
        </>
      )}
    </Typography.Text>
  );
}

export type Outcome = 'eligible' | 'not_eligible' | 'cannot_decide';
const OUTCOME_COLOR: Record<Outcome, string> = { eligible: 'success', not_eligible: 'error', cannot_decide: 'warning' };

export function OutcomeTag({ outcome, large = false }: { outcome: Outcome; large?: boolean }) {
  const { t } = useI18n();
  return (
    <Tag color={OUTCOME_COLOR[outcome]} style={large ? { fontSize: 15, padding: '4px 10px' } : undefined}>
      {t(`outcome.${outcome}` as MessageKey)}
    </Tag>
  );
}

export type CheckOutcome = 'pass' | 'fail' | 'missing_fact' | 'not_applicable';
export function CheckIcon({ outcome }: { outcome: CheckOutcome }) {
  const { t } = useI18n();
  const label = t(`check.${outcome}` as MessageKey);
  const style = { fontSize: 18 };
  if (outcome === 'pass') return <CheckCircleFilled style={{ ...style, color: '#16a34a' }} aria-label={label} role="img" />;
  if (outcome === 'fail') return <CloseCircleFilled style={{ ...style, color: '#dc2626' }} aria-label={label} role="img" />;
  if (outcome === 'missing_fact') return <QuestionCircleFilled style={{ ...style, color: '#9ca3af' }} aria-label={label} role="img" />;
  return <MinusCircleFilled style={{ ...style, color: '#d1d5db' }} aria-label={label} role="img" />;
}

export function modeLabel(t: TFunction, mode: string): string {
  return t(`mode.${mode}` as MessageKey);
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const FACT_KEYS = new Set([
  'age', 'birthDate', 'gender', 'mode', 'modes', 'min', 'max', 'years', 'minYears', 'since', 'partyJoinedOn', 'partyOfficialOn',
  'partyMember', 'required', 'held', 'kind', 'level', 'ethnicMinority', 'alternativeApplied', 'classifications', 'serviceStartedOn',
  'currentTitleCode', 'plannedTitles', 'matched', 'category', 'rankCode', 'jobPositionCode', 'jobFields', 'fields',
  'enrolledProgrammeCodes', 'checkedCodes',
]);

function factValue(t: TFunction, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('fact.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (ISO.test(v)) return formatDate(v);
    if ((key === 'mode' || key === 'modes') && ['full_time', 'part_time', 'online'].includes(v)) return modeLabel(t, v);
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? t('fact.empty') : v.map((x) => factValue(t, key, x)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('titleCode' in o && 'term' in o) return `${String(o.titleCode)} (${String(o.term)})`;
    if ('male' in o && 'female' in o) return `${String(o.male)}/${String(o.female)}`;
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${factValue(t, k, x)}`)
      .join(', ');
  }
  return String(v);
}

/** "Tuổi: 44, Giới hạn: 45" — the facts a rule used, labelled in the UI language. */
export function formatFacts(t: TFunction, facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .map(([k, v]) => `${FACT_KEYS.has(k) ? t(`fact.${k}` as MessageKey) : k}: ${factValue(t, k, v)}`)
    .join(', ');
}
