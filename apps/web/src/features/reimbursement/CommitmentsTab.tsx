/**
 * A person's service commitments after state-paid training (from, to, months served and remaining,
 * the source document), the recorded leaving, and any reimbursement case. The "record leaving"
 * button comes from the server's `actions`.
 */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Flex, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { LEAVING_REASONS, type LeavingInput, type PersonCommitments } from '@nang-tam/contracts';
import type { Dayjs } from 'dayjs';
import { reimbursementApi } from '../../api/reimbursement';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { VI_DATE_FORMATS, notInFuture, toIso } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { useCurrentUser } from '../../app/session';
import { PageError } from '../../shared/PageState';
import { CaseStatusTag, useDong, useReimbursementLabels } from './common';

type Commitment = PersonCommitments['commitments'][number];
type Case = PersonCommitments['cases'][number];

export function CommitmentsTab({ personId }: { personId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dong = useDong();
  const labels = useReimbursementLabels();
  const [leaving, setLeaving] = useState(false);
  // the outside-training pages are for those who send people to study (nominations.write)
  const seesOutside = useCurrentUser().permissions.includes('nominations.write');
  const key = ['commitments', personId];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => reimbursementApi.commitments(personId, signal) });
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;

  const columns: TableColumnsType<Commitment> = [
    { key: 'programme', title: t('cmt.programme'), render: (_, c) => (seesOutside ? <Link to={`/outside-trainings/${c.outsideTrainingId}`}>{c.programme.name}</Link> : c.programme.name) },
    { key: 'course', title: t('cmt.course'), render: (_, c) => <span className="nt-num">{`${formatDate(c.courseStart)} – ${formatDate(c.courseEnd)}`}</span> },
    { key: 'period', title: t('cmt.period'), render: (_, c) => <span className="nt-num">{`${formatDate(c.from)} – ${formatDate(c.to)}`}</span> },
    {
      key: 'months',
      title: t('cmt.months'),
      render: (_, c) => t('cmt.monthsText', { months: c.months, multiplier: c.multiplier, training: c.trainingMonths }),
    },
    {
      key: 'served',
      title: t('cmt.served'),
      render: (_, c) => (c.inProgress ? t('cmt.inProgress') : c.fulfilled ? t('cmt.fulfilled') : t('cmt.servedText', { served: c.served, remaining: c.remaining })),
    },
    { key: 'cost', title: t('cmt.cost'), align: 'right', render: (_, c) => <span className="nt-num">{dong(c.cost)}</span> },
    { key: 'source', title: t('cmt.source'), render: (_, c) => <Typography.Text title={c.sourceNote}>{c.source}</Typography.Text> },
  ];
  const caseColumns: TableColumnsType<Case> = [
    { key: 'programme', title: t('cmt.programme'), render: (_, c) => c.programme.name },
    { key: 'amount', title: t('rb.amount'), align: 'right', render: (_, c) => <span className="nt-num">{dong(c.amount)}</span> },
    { key: 'paid', title: t('rb.paid'), align: 'right', render: (_, c) => <span className="nt-num">{dong(c.paid)}</span> },
    { key: 'status', title: t('rb.status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'explanation', title: t('rb.explanation'), render: (_, c) => <Typography.Text type="secondary">{c.explanation}</Typography.Text> },
  ];

  return (
    <Flex vertical gap={16}>
      {d?.leaving && (
        <Alert
          type="warning"
          showIcon
          message={t('cmt.leftText', { date: formatDate(d.leaving.leftOn), reason: labels.reason(d.leaving.reason) })}
          description={[d.leaving.decisionNo, d.leaving.note].filter(Boolean).join(' · ') || undefined}
        />
      )}
      {d?.actions.includes('recordLeaving') && (
        <Flex justify="end">
          <Button icon={<LogoutOutlined />} onClick={() => setLeaving(true)}>
            {t('cmt.recordLeaving')}
          </Button>
        </Flex>
      )}
      <Table<Commitment>
        rowKey="outsideTrainingId"
        size="small"
        loading={q.isPending}
        columns={columns}
        dataSource={d?.commitments ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cmt.empty')} /> }}
      />
      {d && d.cases.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('rb.title')}
          </Typography.Title>
          <Table<Case> rowKey="id" size="small" columns={caseColumns} dataSource={d.cases} pagination={false} scroll={{ x: 800 }} />
        </>
      )}
      {d && <Descriptions size="small" items={[{ key: 'asOf', label: t('cmt.asOf'), children: formatDate(d.asOf) }]} />}

      <FormModal<{ leftOn: Dayjs | null; reason: LeavingInput['reason']; decisionNo?: string; note?: string }>
        open={leaving}
        name="leaving"
        title={t('cmt.recordLeaving')}
        okText={t('action.save')}
        fields={['leftOn', 'reason', 'decisionNo', 'note']}
        intro={<Typography.Paragraph type="secondary">{t('cmt.leavingIntro')}</Typography.Paragraph>}
        onClose={() => setLeaving(false)}
        onSubmit={async (v) => {
          const res = await reimbursementApi.recordLeaving(personId, {
            leftOn: toIso(v.leftOn) ?? '',
            reason: v.reason,
            ...(v.decisionNo ? { decisionNo: v.decisionNo } : {}),
            ...(v.note ? { note: v.note } : {}),
          });
          qc.setQueryData(key, res.commitments);
          void qc.invalidateQueries({ queryKey: ['reimbursement'] });
          message.success(res.openedCaseIds.length > 0 ? t('cmt.casesOpened', { n: res.openedCaseIds.length }) : t('cmt.leavingSaved'));
        }}
      >
        {() => (
          <>
            <Form.Item name="leftOn" label={t('cmt.leftOn')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} disabledDate={notInFuture} />
            </Form.Item>
            <Form.Item name="reason" label={t('cmt.reason')} rules={[{ required: true, message: t('out.required') }]}>
              <Select options={LEAVING_REASONS.map((r) => ({ value: r, label: labels.reason(r) }))} />
            </Form.Item>
            <Form.Item name="decisionNo" label={t('cmt.decisionNo')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('cmt.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
