/** Shared pieces of the rules-engine screens: date picker "as of", source document, outcome tags, facts. */
import { useMemo } from 'react';
import { DatePicker, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import type { RuleVersion } from '@nang-tam/contracts';
import { APPRAISAL_CLASSIFICATIONS, GENDERS, PERSON_CATEGORIES, QUALIFICATION_KINDS, todayInVietnam, type Term } from '@nang-tam/domain';
import { levelName, useReference } from '../../api/reference';
import { rulesApi, useProgrammes } from '../../api/rules';
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
/** Facts whose value is a qualification level of the rule's `kind`. */
const LEVEL_KEYS = new Set(['required', 'held', 'level', 'alternativeApplied']);
const MODES = ['full_time', 'part_time', 'online'];

/** Names for the codes rule facts and answers carry (titles, job positions, ranks, programmes, levels). */
export interface CodeNames {
  title: (code: string) => string;
  jobPosition: (code: string) => string;
  rank: (code: string) => string;
  programme: (code: string) => string;
  level: (kind: string, code: string) => string;
  /** A title or a job position (gap targets name either). */
  target: (code: string) => string;
}

export function useCodeNames(): CodeNames {
  const { data: ref } = useReference();
  const programmes = useProgrammes();
  return useMemo(() => {
    const byCode = <T extends { code: string; name: string }>(list: readonly T[] | undefined) => {
      const m = new Map((list ?? []).map((x) => [x.code, x.name]));
      return (code: string) => m.get(code) ?? code;
    };
    const title = byCode(ref?.titles);
    const jobPosition = byCode(ref?.jobPositions);
    const titles = new Set((ref?.titles ?? []).map((x) => x.code));
    return {
      title,
      jobPosition,
      rank: byCode(ref?.ranks),
      programme: byCode(programmes.data?.items),
      level: (kind: string, code: string) => levelName(ref, kind, code),
      target: (code: string) => (titles.has(code) ? title(code) : jobPosition(code)),
    };
  }, [ref, programmes.data]);
}

type Label = (list: readonly Term[], code: string | null | undefined) => string;

function factValue(t: TFunction, label: Label, names: CodeNames, facts: Record<string, unknown>, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('fact.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (ISO.test(v)) return formatDate(v);
    if ((key === 'mode' || key === 'modes') && MODES.includes(v)) return modeLabel(t, v);
    if (key === 'kind') return label(QUALIFICATION_KINDS, v);
    if (key === 'gender') return label(GENDERS, v);
    if (key === 'category') return label(PERSON_CATEGORIES, v);
    if (key === 'rankCode') return names.rank(v);
    if (key === 'jobPositionCode') return names.jobPosition(v);
    if (key === 'currentTitleCode') return names.title(v);
    if (key === 'enrolledProgrammeCodes' || key === 'checkedCodes') return names.programme(v);
    if (key === 'since' && (v === 'joined' || v === 'official')) return t(`fact.since.${v}`);
    if (key === 'required' && (v === 'member' || v === 'official')) return t(`fact.required.${v}`);
    if (key === 'required' && APPRAISAL_CLASSIFICATIONS.some((c) => c.code === v)) return label(APPRAISAL_CLASSIFICATIONS, v);
    if (LEVEL_KEYS.has(key) && typeof facts.kind === 'string') return names.level(facts.kind, v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return t('fact.empty');
    // title names contain commas: list them with semicolons
    return v.map((x) => factValue(t, label, names, facts, key, x)).join(key === 'plannedTitles' ? '; ' : ', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('titleCode' in o) {
      const name = names.title(String(o.titleCode));
      return o.term ? `${name} (${t('gaps.term', { term: String(o.term) })})` : name;
    }
    if ('male' in o && 'female' in o) return t('fact.byGender', { male: String(o.male), female: String(o.female) });
    if (key === 'classifications') {
      return Object.entries(o)
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([year, c]) => `${year}: ${label(APPRAISAL_CLASSIFICATIONS, String(c))}`)
        .join('; ');
    }
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${factValue(t, label, names, facts, k, x)}`)
      .join(', ');
  }
  return String(v);
}

/** "Tuổi: 44 · Giới hạn: 45" — the facts a rule used, labelled and with names for codes, in the UI language. */
export function formatFacts(t: TFunction, label: Label, names: CodeNames, facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .map(([k, v]) => {
      const name = k === 'years' && Array.isArray(v) ? t('fact.yearsChecked') : FACT_KEYS.has(k) ? t(`fact.${k}` as MessageKey) : k;
      return `${name}: ${factValue(t, label, names, facts, k, v)}`;
    })
    .join(' · ');
}

/** "Phó Trưởng phòng chuyên môn thuộc UBND xã, phường (nhiệm kỳ 2025-2030)" for each planned title. */
export function PlannedTitlesText({ items }: { items: readonly { titleCode: string; term: string }[] }) {
  const { t } = useI18n();
  const names = useCodeNames();
  return <>{items.map((p) => `${names.title(p.titleCode)} (${t('gaps.term', { term: p.term })})`).join('; ')}</>;
}

/**
 * Rule versions ("TC_LLCT_57.target_post@1") named by their source document: one tag per document
 * with the number of conditions, the conditions themselves in the tag's tooltip.
 */
export function RuleRefs({ programme, ids }: { programme: string; ids: readonly string[] }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['rules', programme], queryFn: () => rulesApi.rules(programme), staleTime: 60_000 });
  const versions = new Map<string, RuleVersion>();
  for (const r of q.data?.items ?? []) for (const v of r.versions) versions.set(`${r.id}@${v.version}`, v);
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const v = versions.get(id);
    const key = v?.source.code ?? t('rules.unknownSource');
    groups.set(key, [...(groups.get(key) ?? []), v?.description ?? id]);
  }
  return (
    <>
      {[...groups].map(([code, descriptions]) => (
        <Tooltip key={code} title={descriptions.map((d, i) => <div key={i}>• {d}</div>)}>
          <Tag style={{ marginInlineEnd: 4 }}>{t('rules.docConditions', { code, n: descriptions.length })}</Tag>
        </Tooltip>
      ))}
    </>
  );
}
