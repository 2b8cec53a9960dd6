import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { PlanComparison } from '@nang-tam/contracts';
import { plansApi } from '../../api/plans';
import { useI18n } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/common';
import { FIELD_LABELS, formatVnd } from './plan-view';

type Brief = PlanComparison['added'][number];

/** Two versions of a plan line by line: added, removed, changed (each field before → after). */
export function ComparisonCard({ from, to, onClose }: { from: number; to: number; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const q = useQuery({ queryKey: ['plans', 'compare', from, to], queryFn: () => plansApi.compare(from, to) });
  const describe = (l: Brief) =>
    `${l.programmeName} · ${modeLabel(t, l.mode)} · ${t('plans.quarterValue', { q: l.quarter })} · ${formatNumber(l.classes)} ${t('realisation.classes').toLowerCase()} · ${formatNumber(l.learners)} ${t('plans.col.learners').toLowerCase()} · ${l.organiser} · ${formatVnd(l.estimatedCost, locale)}`;
  const show = (field: string, v: string | number | boolean | null) => {
    if (v === null) return '—';
    if (field === 'mode') return modeLabel(t, String(v));
    if (field === 'estimatedCost') return formatVnd(Number(v), locale);
    if (field === 'siteKind') return t(`plans.siteKind.${v === 'local' ? 'local' : 'school'}`);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    return typeof v === 'number' ? formatNumber(v) : v;
  };
  return (
    <Card size="small" title={t('plans.compareTitle')} extra={<Button onClick={onClose}>{t('action.close')}</Button>}>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-comparison">
          <Typography.Text>
            {t('plans.totals', {
              lines: `${formatNumber(q.data.totals.before.lines)} → ${formatNumber(q.data.totals.after.lines)}`,
              classes: `${formatNumber(q.data.totals.before.classes)} → ${formatNumber(q.data.totals.after.classes)}`,
              learners: `${formatNumber(q.data.totals.before.learners)} → ${formatNumber(q.data.totals.after.learners)}`,
              cost: `${formatVnd(q.data.totals.before.estimatedCost, locale)} → ${formatVnd(q.data.totals.after.estimatedCost, locale)}`,
            })}
          </Typography.Text>
          {q.data.added.length + q.data.removed.length + q.data.changed.length === 0 && <Empty description={t('plans.noDifference')} />}
          {q.data.added.length > 0 && (
            <List size="small" header={<Tag color="green">{t('plans.added')}</Tag>} dataSource={q.data.added} renderItem={(l) => <List.Item>{describe(l)}</List.Item>} />
          )}
          {q.data.removed.length > 0 && (
            <List size="small" header={<Tag color="red">{t('plans.removed')}</Tag>} dataSource={q.data.removed} renderItem={(l) => <List.Item>{describe(l)}</List.Item>} />
          )}
          {q.data.changed.length > 0 && (
            <List
              size="small"
              header={<Tag color="orange">{t('plans.changed')}</Tag>}
              dataSource={q.data.changed}
              renderItem={(c) => (
                <List.Item>
                  <Space direction="vertical" size={2}>
                    <Typography.Text strong>{describe(c.after)}</Typography.Text>
                    {c.fields.map((f) => (
                      <Typography.Text key={f.field}>
                        {t('plans.fieldChange', { field: FIELD_LABELS[f.field] ? t(FIELD_LABELS[f.field]!) : f.field, before: show(f.field, f.before), after: show(f.field, f.after) })}
                      </Typography.Text>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Typography.Text type="secondary">{t('plans.unchanged', { n: formatNumber(q.data.unchanged) })}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
