/** Shared pieces of the rules-engine screens: date picker "as of", source document, outcome tags, facts. */
import { useMemo } from 'react';
import { DatePicker, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import type { RuleVersion } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { useReference } from '../../api/reference';
import { rulesApi, useProgrammes } from '../../api/rules';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { codeNamesOf, type CodeNames } from './facts';

export { formatFacts, modeLabel } from './facts';
export type { CodeNames } from './facts';

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

export function useCodeNames(): CodeNames {
  const { data: ref } = useReference();
  const programmes = useProgrammes();
  return useMemo(() => codeNamesOf(ref, programmes.data?.items), [ref, programmes.data]);
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
