import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { MyLearner, MyLearners } from '@nang-tam/contracts';
import { meApi } from '../../api/learners';
import { useCurrentUser } from '../../app/session';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { LearnerCell, percent } from '../learning/common';
import { ProgressDrawer } from '../learning/ProgressDrawer';
import { RecallModal, type RecallTarget } from '../learning/RecallModal';
import { ConductReportModal, type ConductTarget } from './ConductReportModal';
import { NeedsRemindersBanner } from '../needs/common';

type Owed = MyLearners['owed']['items'][number];
const PAGE = 50;

function ConductDueTag({ c }: { c: MyLearner['conductReport'] }) {
  const { t } = useI18n();
  if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
  if (c.state === 'received') return <Tag color="green">{t('myl.conductReceived')}</Tag>;
  if (c.state === 'not_requested') return <Tag>{t('conduct.status.notRequested')}</Tag>;
  return (
    <Tooltip title={c.reminders > 0 ? t('conduct.reminders', { n: c.reminders }) : undefined}>
      <Tag color={c.overdue ? 'red' : 'gold'} tabIndex={0}>
        {c.overdue ? t('myl.conductOverdue', { date: formatDate(c.dueOn) }) : t('myl.conductDue', { date: formatDate(c.dueOn) })}
      </Tag>
    </Tooltip>
  );
}

/** Where the person is: the nomination's step (who acts next, waitlist place) or the enrolment. */
function WhereCell({ l }: { l: MyLearner }) {
  const { t } = useI18n();
  const n = l.nomination;
  return (
    <Flex vertical gap={2}>
      <Link to={`/classes/${l.class.id}`}>{l.class.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <span className="nt-num">
          {formatDate(l.class.startDate)} – {formatDate(l.class.endDate)}
        </span>
      </Typography.Text>
      <span>
        {l.enrolment ? (
          <Tag color="green">{t('myl.studying')}</Tag>
        ) : n ? (
          <Tag color={n.status === 'waitlisted' ? 'gold' : 'blue'}>
            {n.statusLabel}
            {n.waitlistPosition ? ` · ${t('nom.position', { n: n.waitlistPosition })}` : ''}
          </Tag>
        ) : null}
      </span>
      {n?.awaitingLabel && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('myl.awaiting', { who: n.awaitingLabel })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * "Học viên của đơn vị": the agency officer's people in classes — where each one is (awaiting which
 * approval, on the waitlist, studying), their attendance, recalls and make-ups — and what the agency
 * owes the school: conduct reports due or overdue, filled in here. A recall to work is recorded here.
 */
export default function MyLearnersPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t('myl.title'));
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const [drawer, setDrawer] = useState<number | null>(null);
  const [recall, setRecall] = useState<RecallTarget | null>(null);
  const [conduct, setConduct] = useState<ConductTarget | null>(null);
  const params = { limit: PAGE, offset: (page - 1) * PAGE };
  const q = useQuery({
    queryKey: ['my-learners', params],
    queryFn: ({ signal }) => meApi.learners(params, signal),
    placeholderData: keepPreviousData,
  });

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;

  const fillOwed = (o: Owed) =>
    setConduct({
      enrolmentId: o.enrolmentId,
      classId: o.class.id,
      personName: o.person.fullName,
      className: o.class.name,
      dueOn: o.dueOn,
      report: null,
    });
  const recallOf = (l: MyLearner) =>
    l.enrolment &&
    setRecall({
      enrolmentId: l.enrolment.id,
      personName: l.person.fullName,
      classId: l.class.id,
      className: l.class.name,
      startDate: l.class.startDate,
      endDate: l.class.endDate,
    });

  const actions = (l: MyLearner) =>
    l.enrolment && (
      <Space size={4} wrap>
        <Tooltip title={t('attendance.openLearner')}>
          <Button
            size="small"
            icon={<HistoryOutlined />}
            aria-label={t('attendance.openLearnerOf', { name: l.person.fullName })}
            onClick={() => setDrawer(l.enrolment!.id)}
          />
        </Tooltip>
        {allows(l, 'recall') && (
          <Button
            size="small"
            icon={<RollbackOutlined />}
            onClick={() => recallOf(l)}
            aria-label={t('myl.recallOf', { name: l.person.fullName })}
          >
            {t('myl.recall')}
          </Button>
        )}
        {allows(l, 'fillConductReport') && l.conductReport && l.conductReport.state !== 'not_requested' && (
          <Button
            size="small"
            icon={<EditOutlined />}
            type={l.conductReport.state === 'pending' ? 'primary' : 'default'}
            aria-label={t('conduct.fillOf', { name: l.person.fullName })}
            onClick={() =>
              l.conductReport!.state === 'pending'
                ? setConduct({
                    enrolmentId: l.enrolment!.id,
                    classId: l.class.id,
                    personName: l.person.fullName,
                    className: l.class.name,
                    dueOn: l.conductReport!.dueOn,
                    report: null,
                  })
                : setDrawer(l.enrolment!.id)
            }
          >
            {l.conductReport.state === 'pending' ? t('conduct.fill') : t('conduct.edit')}
          </Button>
        )}
      </Space>
    );

  const columns: TableColumnsType<MyLearner> = [
    { key: 'person', title: t('myl.person'), width: 220, render: (_, l) => <LearnerCell person={l.person} /> },
    { key: 'where', title: t('myl.where'), render: (_, l) => <WhereCell l={l} /> },
    {
      key: 'attendance',
      title: t('learning.attendance'),
      width: 120,
      render: (_, l) =>
        l.attendance ? (
          <Flex vertical gap={0}>
            <strong className="nt-num">{percent(l.attendance.rate, formatNumber)}</strong>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatNumber(l.attendance.attended)}/{formatNumber(l.attendance.held)}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'recalls',
      title: t('myl.recalls'),
      width: 190,
      render: (_, l) => (
        <Flex vertical gap={2}>
          {l.recalls.length === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            l.recalls.map((r) => (
              <span key={r.id} className="nt-num">
                {t('recall.period', { from: formatDate(r.fromDate), to: formatDate(r.toDate) })}
              </span>
            ))
          )}
          {(l.makeUpsOutstanding ?? 0) > 0 && <Tag color="orange">{t('progress.outstanding', { n: l.makeUpsOutstanding! })}</Tag>}
        </Flex>
      ),
    },
    { key: 'conduct', title: t('myl.conduct'), width: 170, render: (_, l) => <ConductDueTag c={l.conductReport} /> },
    { key: 'actions', title: <span className="nt-visually-hidden">{t('common.actions')}</span>, width: 230, render: (_, l) => actions(l) },
  ];

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">
            {t('myl.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('myl.subtitle', { unit: me.unit.name })}</Typography.Text>
        </div>
      </div>
      <NeedsRemindersBanner />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t('myl.owedTitle')}
          extra={
            <Space>
              <Tag color="gold">{t('myl.owedPending', { n: formatNumber(d.owed.pending) })}</Tag>
              <Tag color={d.owed.overdue > 0 ? 'red' : 'default'}>{t('myl.owedOverdue', { n: formatNumber(d.owed.overdue) })}</Tag>
            </Space>
          }
        >
          {d.owed.items.length === 0 ? (
            <Typography.Text type="secondary">{t('myl.owedNone')}</Typography.Text>
          ) : (
            <Flex vertical gap={8}>
              {d.owed.overdue > 0 && <Alert type="error" showIcon title={t('myl.owedOverdueText', { n: formatNumber(d.owed.overdue) })} />}
              <Flex vertical gap={8} role="list" aria-label={t('myl.owedTitle')}>
                {d.owed.items.map((o) => (
                  <Flex
                    key={o.enrolmentId}
                    role="listitem"
                    justify="space-between"
                    align="center"
                    gap={8}
                    wrap
                    style={{
                      border: `1px solid ${o.overdue ? '#fecaca' : '#e5e7eb'}`,
                      background: o.overdue ? '#fef2f2' : '#fff',
                      borderRadius: 8,
                      padding: '8px 10px',
                    }}
                  >
                    <Flex vertical gap={0} style={{ minWidth: 0 }}>
                      <strong>{o.person.fullName}</strong>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        <Link to={`/classes/${o.class.id}`}>{o.class.name}</Link>
                      </Typography.Text>
                    </Flex>
                    <Flex gap={8} align="center" wrap>
                      <Tag color={o.overdue ? 'red' : 'gold'}>
                        {o.overdue
                          ? t('myl.conductOverdue', { date: formatDate(o.dueOn) })
                          : t('myl.conductDue', { date: formatDate(o.dueOn) })}
                      </Tag>
                      {o.reminders > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('conduct.reminders', { n: o.reminders })}
                        </Typography.Text>
                      )}
                      {allows(d, 'fillConductReports') && (
                        <Button
                          size="small"
                          type="primary"
                          icon={<EditOutlined />}
                          onClick={() => fillOwed(o)}
                          aria-label={t('conduct.fillOf', { name: o.person.fullName })}
                        >
                          {t('conduct.fill')}
                        </Button>
                      )}
                    </Flex>
                  </Flex>
                ))}
              </Flex>
            </Flex>
          )}
        </Card>

        <Card size="small" title={t('myl.peopleTitle', { n: formatNumber(d.total) })}>
          {d.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myl.empty')} />
          ) : isMobile ? (
            <Flex vertical gap={8} role="list" aria-label={t('myl.listLabel')}>
              {d.items.map((l) => (
                <div
                  key={`${l.person.id}-${l.class.id}`}
                  role="listitem"
                  style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fff' }}
                >
                  <Flex vertical gap={6}>
                    <LearnerCell person={l.person} />
                    <WhereCell l={l} />
                    <Flex gap={8} wrap align="center">
                      {l.attendance && (
                        <Typography.Text>
                          {t('learning.attendance')}: <strong className="nt-num">{percent(l.attendance.rate, formatNumber)}</strong>
                        </Typography.Text>
                      )}
                      <ConductDueTag c={l.conductReport} />
                      {(l.makeUpsOutstanding ?? 0) > 0 && (
                        <Tag color="orange">{t('progress.outstanding', { n: l.makeUpsOutstanding! })}</Tag>
                      )}
                    </Flex>
                    {actions(l)}
                  </Flex>
                </div>
              ))}
            </Flex>
          ) : (
            <Table<MyLearner>
              aria-label={t('myl.listLabel')}
              rowKey={(l) => `${l.person.id}-${l.class.id}`}
              size="small"
              columns={columns}
              dataSource={d.items}
              loading={q.isFetching}
              scroll={{ x: 1100 }}
              pagination={{
                current: page,
                pageSize: PAGE,
                total: d.total,
                showSizeChanger: false,
                hideOnSinglePage: true,
                onChange: setPage,
              }}
            />
          )}
        </Card>
      </Flex>
      <ProgressDrawer enrolmentId={drawer} onClose={() => setDrawer(null)} />
      <RecallModal target={recall} onClose={() => setRecall(null)} />
      <ConductReportModal target={conduct} onClose={() => setConduct(null)} />
    </>
  );
}
