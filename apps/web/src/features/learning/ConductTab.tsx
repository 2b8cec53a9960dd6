import { useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Modal, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, MailOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { ClassDetail, ConductReport } from '@nang-tam/contracts';
import { conductApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { ConductReportModal, type ConductTarget } from '../my-learners/ConductReportModal';
import { LearnerCell } from './common';
import { ConductStatusTag, ConductSummary } from './ProgressDrawer';

type Filter = 'all' | 'pending' | 'overdue' | 'received';
const PAGE = 50;

export function conductTarget(r: ConductReport): ConductTarget {
  return {
    enrolmentId: r.enrolmentId,
    classId: r.class.id,
    personName: r.person.fullName,
    className: r.class.name,
    dueOn: r.dueOn,
    report: r,
  };
}

/** The school asks every learner's home agency for its report, with a due date. */
function RequestModal({ cls, open, onClose }: { cls: ClassDetail; open: boolean; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const todayDay = dayjs().startOf('day');
  const suggested = toDayjs(cls.endDate)?.isAfter(todayDay) ? toDayjs(cls.endDate)! : todayDay.add(7, 'day');
  const [due, setDue] = useState<Dayjs | null>(suggested);
  const send = useMutation({
    mutationFn: () => conductApi.request(cls.id, toIso(due)!),
    onSuccess: (r) => {
      message.success(
        r.alreadyRequested > 0
          ? t('conduct.requestedSome', { n: formatNumber(r.requested), already: formatNumber(r.alreadyRequested) })
          : t('conduct.requestedAll', { n: formatNumber(r.requested), date: formatDate(r.dueOn) }),
      );
      void qc.invalidateQueries({ queryKey: ['conduct-reports'] });
      void qc.invalidateQueries({ queryKey: ['classes', cls.id] });
      onClose();
    },
  });
  const fieldError = hasFieldDetails(send.error) ? send.error.details.map((d) => fieldErrorMessage(d, locale)).join(' ') : null;
  return (
    <Modal
      open={open}
      title={t('conduct.requestTitle')}
      okText={t('conduct.requestOk')}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => due && send.mutate()}
      okButtonProps={{ disabled: !due }}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('conduct.requestIntro')}</Typography.Paragraph>
      {send.isError && !fieldError && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorMessage(send.error, locale)} />
      )}
      <Form layout="vertical">
        <Form.Item
          label={t('conduct.dueOn')}
          htmlFor="conduct-due"
          validateStatus={fieldError ? 'error' : undefined}
          help={fieldError ?? undefined}
        >
          <DatePicker
            id="conduct-due"
            format={VI_DATE_FORMATS}
            value={due}
            onChange={setDue}
            disabledDate={(d) => d.isBefore(todayDay, 'day')}
            placeholder={t('common.datePlaceholder')}
            style={{ width: 180 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * "Nhận xét của cơ quan": the home agencies' reports on the class's learners — asked for with a
 * due date, received, or overdue (reminded daily). The school asks for all at once; an agency
 * officer fills in the reports of their own people.
 */
export function ConductTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [requesting, setRequesting] = useState(false);
  const [filling, setFilling] = useState<ConductTarget | null>(null);
  const params = {
    classId: cls.id,
    status: filter === 'received' ? ('received' as const) : filter === 'all' ? ('all' as const) : ('pending' as const),
    overdue: filter === 'overdue' || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const q = useQuery({
    queryKey: ['conduct-reports', params],
    queryFn: ({ signal }) => conductApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: ['conduct-reports', 'counts', cls.id],
    queryFn: async () => {
      const [all, pending, overdue] = await Promise.all([
        conductApi.list({ classId: cls.id, status: 'all', limit: 1, offset: 0 }),
        conductApi.list({ classId: cls.id, status: 'pending', limit: 1, offset: 0 }),
        conductApi.list({ classId: cls.id, status: 'pending', overdue: true, limit: 1, offset: 0 }),
      ]);
      return { all: all.total, pending: pending.total, overdue: overdue.total, received: all.total - pending.total };
    },
  });
  // the column exists when the user fills reports for this class; each row says whether this one is theirs
  const canFill = allows(cls, 'fillConductReports');
  const canRequest = allows(cls, 'requestConductReports');

  const fillButton = (r: ConductReport) =>
    allows(r, 'fillConductReport') && (
      <Button
        size="small"
        icon={<EditOutlined />}
        onClick={() => setFilling(conductTarget(r))}
        aria-label={t('conduct.fillOf', { name: r.person.fullName })}
      >
        {r.status === 'received' ? t('conduct.edit') : t('conduct.fill')}
      </Button>
    );

  const columns: TableColumnsType<ConductReport> = [
    { key: 'learner', title: t('attendance.learner'), render: (_, r) => <LearnerCell person={r.person} /> },
    { key: 'status', title: t('conduct.statusCol'), width: 150, render: (_, r) => <ConductStatusTag report={r} /> },
    {
      key: 'due',
      title: t('conduct.dueOn'),
      width: 150,
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span className="nt-num">{formatDate(r.dueOn)}</span>
          {r.reminders > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('conduct.reminders', { n: r.reminders })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'received',
      title: t('conduct.received'),
      width: 200,
      render: (_, r) =>
        r.receivedAt ? (
          <Flex vertical gap={0}>
            <span className="nt-num">{formatDateTime(r.receivedAt, locale)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.filledBy}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(canFill
      ? [
          {
            key: 'actions',
            title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
            width: 150,
            render: (_: unknown, r: ConductReport) => fillButton(r),
          },
        ]
      : []),
  ];

  const c = counts.data;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: `${t('conduct.filter.all')}${c ? ` (${formatNumber(c.all)})` : ''}` },
            { value: 'pending', label: `${t('conduct.filter.pending')}${c ? ` (${formatNumber(c.pending)})` : ''}` },
            { value: 'overdue', label: `${t('conduct.filter.overdue')}${c ? ` (${formatNumber(c.overdue)})` : ''}` },
            { value: 'received', label: `${t('conduct.filter.received')}${c ? ` (${formatNumber(c.received)})` : ''}` },
          ]}
        />
        {canRequest && (
          <Button type="primary" icon={<MailOutlined />} onClick={() => setRequesting(true)}>
            {t('conduct.request')}
          </Button>
        )}
      </Flex>
      {cls.graduationConditions.conductReportRequired ? (
        <Alert type="info" showIcon title={t('conduct.requiredHint')} />
      ) : (
        <Typography.Text type="secondary">{t('conduct.optionalHint')}</Typography.Text>
      )}
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data && q.data.total === 0 && filter === 'all' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canRequest ? t('conduct.emptySchool') : t('conduct.empty')} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('conduct.listLabel')}>
          {(q.data?.items ?? []).map((r) => (
            <div
              key={r.enrolmentId}
              role="listitem"
              style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fff' }}
            >
              <Flex justify="space-between" gap={8} align="start">
                <LearnerCell person={r.person} />
                <ConductStatusTag report={r} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('conduct.dueOnText', { date: formatDate(r.dueOn) })}
              </Typography.Text>
              {canFill && <div style={{ marginTop: 6 }}>{fillButton(r)}</div>}
            </div>
          ))}
        </Flex>
      ) : (
        <Table<ConductReport>
          aria-label={t('conduct.listLabel')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 800 }}
          expandable={{
            rowExpandable: (r) => r.status === 'received',
            expandedRowRender: (r) => <ConductSummary report={r} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          locale={{ emptyText: t('conduct.noneHere') }}
        />
      )}
      <RequestModal cls={cls} open={requesting} onClose={() => setRequesting(false)} />
      <ConductReportModal target={filling} onClose={() => setFilling(null)} />
    </Flex>
  );
}
