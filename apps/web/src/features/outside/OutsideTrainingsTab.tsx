import { Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { OutsideSummary } from '@nang-tam/contracts';
import { outsideApi } from '../../api/outside';
import { useI18n } from '../../i18n';
import { PageError } from '../../shared/PageState';
import { institutionText, outsideDates, OutsideStatusTag, useResultText } from './common';

/**
 * A person's training outside the province's classes, among their training history on the
 * profile (the qualifications it wrote are on the qualifications tab, source "graduated").
 */
export function OutsideTrainingsTab({ personId }: { personId: number }) {
  const { t } = useI18n();
  const resultText = useResultText();
  const params = { personId, limit: 100, offset: 0 };
  const q = useQuery({ queryKey: ['outside', 'list', params], queryFn: ({ signal }) => outsideApi.list(params, signal) });
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const columns: TableColumnsType<OutsideSummary> = [
    {
      key: 'programme',
      title: t('out.programme'),
      render: (_, r) => (
        <Link to={`/outside-trainings/${r.id}`}>
          <strong>{r.programme.name}</strong>
        </Link>
      ),
    },
    { key: 'institution', title: t('out.institution'), render: (_, r) => institutionText(r) },
    { key: 'dates', title: t('out.dates'), width: 200, render: (_, r) => <span className="nt-num">{outsideDates(r)}</span> },
    { key: 'status', title: t('out.status'), width: 160, render: (_, r) => <OutsideStatusTag status={r.status} /> },
    {
      key: 'result',
      title: t('out.result'),
      render: (_, r) => (r.result ? resultText(r.result) : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];
  return (
    <Table<OutsideSummary>
      rowKey="id"
      size="small"
      loading={q.isPending}
      columns={columns}
      dataSource={q.data?.items ?? []}
      pagination={false}
      scroll={{ x: 800 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('out.tabEmpty')} /> }}
    />
  );
}
