/**
 * "Người đang cam kết phục vụ" (issue 11 point 5): an agency's people under a service commitment
 * after state-paid training — who, which programme, the commitment's first and last day, months
 * served and remaining — in the user's subtree.
 */
import { useState } from 'react';
import { Card, Flex, Input, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { COMMITMENT_STATE_LABELS, type CommitmentListItem, type CommitmentListQuery } from '@nang-tam/contracts';
import { reimbursementApi } from '../../api/reimbursement';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useDebounced, usePageTitle } from '../../shared/hooks';
import { PagedTable } from '../../shared/PagedTable';

const PAGE = 20;
const STATE_COLOUR: Record<CommitmentListItem['state'], string> = { in_course: 'blue', serving: 'green', fulfilled: 'default', left: 'red' };

export default function CommitmentsPage() {
  const { t, locale, formatNumber } = useI18n();
  usePageTitle(t('cmtList.title'));
  const [state, setState] = useState<CommitmentListQuery['state']>('serving');
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [page, setPage] = useState(1);
  const params = { state, q: q.trim() || null, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['commitments', 'list', params], queryFn: ({ signal }) => reimbursementApi.commitmentList(params, signal) });
  const columns: TableColumnsType<CommitmentListItem> = [
    {
      key: 'person',
      title: t('rb.person'),
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/people/${c.person.id}?tab=commitments`}>
            <strong>{c.person.fullName}</strong>
          </Link>
          <Typography.Text type="secondary">{c.person.unit.name}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'programme', title: t('cmt.programme'), render: (_, c) => `${c.programme.name} — ${c.institution}` },
    { key: 'period', title: t('cmt.period'), render: (_, c) => <span className="nt-num">{`${formatDate(c.from)} – ${formatDate(c.to)}`}</span> },
    { key: 'months', title: t('cmtList.months'), align: 'right', render: (_, c) => <span className="nt-num">{formatNumber(c.months)}</span> },
    { key: 'served', title: t('cmtList.served'), align: 'right', render: (_, c) => <span className="nt-num">{formatNumber(c.served)}</span> },
    { key: 'remaining', title: t('cmtList.remaining'), align: 'right', render: (_, c) => <span className="nt-num">{formatNumber(c.remaining)}</span> },
    { key: 'state', title: t('rb.status'), render: (_, c) => <Tag color={STATE_COLOUR[c.state]}>{COMMITMENT_STATE_LABELS[c.state][locale]}</Tag> },
    { key: 'source', title: t('cmt.source'), dataIndex: 'source' },
  ];
  return (
    <Flex vertical gap={16}>
      <h1 className="nt-h1">{t('cmtList.title')}</h1>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cmtList.intro', { date: list.data ? formatDate(list.data.asOf) : '' })}
      </Typography.Paragraph>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear aria-label={t('rb.search')} placeholder={t('rb.search')} style={{ maxWidth: 320 }} value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
          <Segmented<CommitmentListQuery['state']>
            aria-label={t('rb.status')}
            value={state}
            onChange={(v) => { setState(v); setPage(1); }}
            options={[
              { value: 'serving', label: t('cmtList.serving') },
              { value: 'in_course', label: t('cmtList.inCourse') },
              { value: 'all', label: t('cmtList.all') },
            ]}
          />
        </Flex>
        <PagedTable<CommitmentListItem>
          query={list}
          page={page}
          onPage={setPage}
          pageSize={PAGE}
          width={1000}
          empty={t('cmtList.empty')}
          rowKey="outsideTrainingId"
          columns={columns}
        />
      </Card>
    </Flex>
  );
}
