/** "Đền bù chi phí đào tạo": the board's reimbursement cases in its scope, filtered by status and name. */
import { useState } from 'react';
import { Card, Flex, Input, Select, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { CASE_STATUSES, type CaseSummary } from '@nang-tam/contracts';
import { reimbursementApi } from '../../api/reimbursement';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useDebounced, usePageTitle } from '../../shared/hooks';
import { PagedTable } from '../../shared/PagedTable';
import { CaseStatusTag, useDong, useReimbursementLabels } from './common';
import { ExportButton } from '../jobs/ExportButton';
import { FilePdfOutlined } from '@ant-design/icons';

const PAGE = 20;

export default function CasesPage() {
  const { t } = useI18n();
  const dong = useDong();
  const labels = useReimbursementLabels();
  usePageTitle(t('rb.title'));
  const [status, setStatus] = useState<CaseSummary['status'] | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const [page, setPage] = useState(1);
  const params = { status, q: q.trim() || null, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['reimbursement', 'list', params], queryFn: ({ signal }) => reimbursementApi.list(params, signal) });

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'person',
      title: t('rb.person'),
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/reimbursement-cases/${c.id}`}>
            <strong>{c.person.fullName}</strong>
          </Link>
          <Typography.Text type="secondary">{c.person.unit.name}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'programme', title: t('cmt.programme'), render: (_, c) => c.programme.name },
    { key: 'cause', title: t('rb.cause'), render: (_, c) => t(c.cause === 'left_service' ? 'rb.cause.left_service' : 'rb.cause.course_not_completed') },
    { key: 'amount', title: t('rb.amount'), align: 'right', render: (_, c) => <span className="nt-num">{dong(c.amount)}</span> },
    { key: 'paid', title: t('rb.paid'), align: 'right', render: (_, c) => <span className="nt-num">{dong(c.paid)}</span> },
    { key: 'status', title: t('rb.status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'opened', title: t('rb.openedAt'), render: (_, c) => <span className="nt-num">{formatDate(c.openedAt.slice(0, 10))}</span> },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('rb.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rb.intro')}
      </Typography.Paragraph>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('rb.search')}
            placeholder={t('rb.search')}
            style={{ maxWidth: 320 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select<CaseSummary['status'] | null>
            allowClear
            aria-label={t('rb.status')}
            placeholder={t('rb.allStatuses')}
            style={{ minWidth: 220 }}
            value={status}
            onChange={(v) => {
              setStatus(v ?? null);
              setPage(1);
            }}
            options={CASE_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          />
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <ExportButton start={() => reimbursementApi.exportCases(status, 'xlsx')} total={list.data?.total} />
            <ExportButton start={() => reimbursementApi.exportCases(status, 'pdf')} total={list.data?.total} label={t('plans.exportPdf')} icon={<FilePdfOutlined />} />
          </Flex>
        </Flex>
        <PagedTable<CaseSummary>
          query={list}
          page={page}
          onPage={setPage}
          pageSize={PAGE}
          empty={t('rb.empty')}
          rowKey="id"
          columns={columns}
        />
      </Card>
    </Flex>
  );
}
