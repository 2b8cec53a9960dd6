/** Shared pieces of the indicator pages: status tag, value and target in words. */
import { Tag } from 'antd';
import type { IndicatorSummary } from '@nang-tam/contracts';
import { useI18n, type MessageKey } from '../../i18n';

const STATUS_COLOURS: Record<IndicatorSummary['status'], string> = { met: 'green', on_track: 'blue', at_risk: 'red' };

export function StatusTag({ status }: { status: IndicatorSummary['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`ind.status.${status}` as MessageKey)}</Tag>;
}

/** "55,3%" or "120 người"; "—" when nobody is in the population. */
export function useIndicatorFormat() {
  const { t, formatNumber } = useI18n();
  const value = (kind: IndicatorSummary['target']['kind'], v: number | null | undefined) =>
    v === null || v === undefined ? '—' : kind === 'share' ? `${formatNumber(v)}%` : t('ind.people', { n: formatNumber(v) });
  const target = (i: Pick<IndicatorSummary, 'target'>) =>
    `${t(i.target.comparison === 'above' ? 'ind.above' : 'ind.atLeast')} ${value(i.target.kind, i.target.value)}`;
  return { value, target };
}
