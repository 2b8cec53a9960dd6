/** The learner's own support for training: per course, what they are owed (each item explained), what was paid. */
import { useRef } from 'react';
import { Card, Empty, Flex, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { SupportRow } from '@nang-tam/contracts';
import { supportApi } from '../../api/support';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useFocusableTableScroll, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { SupportItems, useDong } from './SupportListView';

export default function MySupportPage() {
  const { t } = useI18n();
  const dong = useDong();
  usePageTitle(t('sup.mineTitle'));
  const ref = useRef<HTMLDivElement>(null);
  useFocusableTableScroll(ref);
  const q = useQuery({ queryKey: ['support', 'mine'], queryFn: ({ signal }) => supportApi.mine(signal) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  return (
    <Flex vertical gap={12} ref={ref}>
      <h1 className="nt-h1">{t('sup.mineTitle')}</h1>
      <Card>
        <Flex gap={24} wrap>
          <Typography.Text>
            {t('sup.totalOwed')}: <strong className="nt-num">{dong(d.totals.owed)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('sup.totalPaid')}: <strong className="nt-num">{dong(d.totals.paid)}</strong>
          </Typography.Text>
        </Flex>
      </Card>
      {d.rows.length === 0 ? (
        <Empty description={t('sup.mineEmpty')} />
      ) : (
        <Table<SupportRow>
          rowKey={(r) => `${r.course.kind}-${r.course.id}`}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.rows}
          expandable={{ expandedRowRender: (r) => <SupportItems row={r} />, defaultExpandAllRows: true }}
          columns={[
            { key: 'course', title: t('sup.course'), render: (_, r) => r.course.name },
            { key: 'dates', title: t('sup.dates'), render: (_, r) => <span className="nt-num">{`${formatDate(r.course.startDate)} – ${formatDate(r.course.endDate)}`}</span> },
            { key: 'owed', title: t('sup.owed'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.owed)}</span> },
            { key: 'paid', title: t('sup.paid'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.paid)}</span> },
            { key: 'remaining', title: t('sup.remaining'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.remaining)}</span> },
          ]}
        />
      )}
      {d.payments.length > 0 && (
        <Card title={t('sup.payments')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.payments}
            columns={[
              { key: 'paidOn', title: t('sup.paidOn'), render: (_, p) => formatDate(p.paidOn) },
              { key: 'amount', title: t('sup.amount'), align: 'right', render: (_, p) => <span className="nt-num">{dong(p.amount)}</span> },
              { key: 'voucher', title: t('sup.voucherNo'), render: (_, p) => p.voucherNo ?? '' },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
