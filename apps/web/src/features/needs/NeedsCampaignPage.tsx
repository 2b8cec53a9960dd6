import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { NeedsAggregate, NeedsCampaignDetail, NeedsTally } from '@nang-tam/contracts';
import { needsApi } from '../../api/needs';
import { allows } from '../../app/actions';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/facts';
import { ExportButton } from '../jobs/ExportButton';
import { FilePdfOutlined } from '@ant-design/icons';
import { AnswerStatusTag, CampaignStatusTag } from './common';

type UnitRow = NeedsCampaignDetail['units'][number];
const GROUPS = ['young', 'female', 'minority', 'planned'] as const;

function Num({ n }: { n: number }) {
  const { formatNumber } = useI18n();
  return <span className="nt-num">{formatNumber(n)}</span>;
}

/** The aggregated needs: by programme (modes, quarters, target groups), by unit with the subtree roll-up, and the units that have not answered. */
function AggregateView({ campaignId }: { campaignId: number }) {
  const { t, formatNumber } = useI18n();
  const q = useQuery({ queryKey: ['needs', 'aggregate', campaignId], queryFn: () => needsApi.aggregate(campaignId) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  type P = NeedsAggregate['byProgramme'][number];
  type U = NeedsAggregate['byUnit'][number];
  const groupColumns = GROUPS.map((g) => ({
    title: t(`needs.group.${g}` as MessageKey),
    key: g,
    width: 90,
    align: 'right' as const,
    render: (_: unknown, r: { total?: NeedsTally; subtree?: NeedsTally }) => <Num n={(r.total ?? r.subtree)![g]} />,
  }));
  const programmeColumns: TableColumnsType<P> = [
    { title: t('needs.programme'), key: 'p', render: (_, r) => r.programmeName, fixed: 'left', width: 240 },
    ...(['full_time', 'part_time', 'online'] as const).map((m) => ({
      title: modeLabel(t, m),
      key: m,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, r: P) => <Num n={r.byMode[m]} />,
    })),
    ...[0, 1, 2, 3].map((i) => ({
      title: t('needs.quarterN', { n: i + 1 }),
      key: `q${i}`,
      width: 70,
      align: 'right' as const,
      render: (_: unknown, r: P) => <Num n={r.byQuarter[i]!} />,
    })),
    {
      title: t('needs.people'),
      key: 'people',
      width: 90,
      align: 'right',
      render: (_, r) => <strong className="nt-num">{formatNumber(r.total.people)}</strong>,
    },
    { title: t('needs.named'), key: 'named', width: 90, align: 'right', render: (_, r) => <Num n={r.total.named} /> },
    ...groupColumns,
  ];
  const modeTotal = (m: 'full_time' | 'part_time' | 'online') => a.byMode.find((x) => x.mode === m)?.people ?? 0;
  const unitColumns: TableColumnsType<U> = [
    { title: t('needs.unit'), key: 'unit', render: (_, r) => <span style={{ paddingInlineStart: r.depth * 16 }}>{r.unit.name}</span> },
    { title: t('needs.status'), key: 'status', width: 150, render: (_, r) => (r.status ? <AnswerStatusTag status={r.status} /> : null) },
    { title: t('needs.ownPeople'), key: 'own', width: 110, align: 'right', render: (_, r) => <Num n={r.own.people} /> },
    {
      title: t('needs.subtreePeople'),
      key: 'subtree',
      width: 130,
      align: 'right',
      render: (_, r) => <strong className="nt-num">{formatNumber(r.subtree.people)}</strong>,
    },
    ...groupColumns,
  ];
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered>
        <Descriptions.Item label={t('needs.people')}>
          <strong className="nt-num" data-testid="needs-total-people">
            {formatNumber(a.total.people)}
          </strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('needs.answered')}>
          <span className="nt-num">{`${formatNumber(a.counts.submitted)} / ${formatNumber(a.counts.required)}`}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('needs.named')}>
          <Num n={a.total.named} />
        </Descriptions.Item>
        {GROUPS.map((g) => (
          <Descriptions.Item key={g} label={t(`needs.group.${g}` as MessageKey)}>
            <Num n={a.total[g]} />
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text type="secondary">
        {t('needs.groupsNote', { age: a.youngDefinition.maxAgeExclusive, date: formatDate(a.youngDefinition.judgedOn) })}
      </Typography.Text>
      <Table<P>
        rowKey="programmeCode"
        size="small"
        columns={programmeColumns}
        dataSource={a.byProgramme}
        pagination={false}
        scroll={{ x: 1200 }}
        aria-label={t('needs.byProgramme')}
        title={() => <strong>{t('needs.byProgramme')}</strong>}
        locale={{ emptyText: <Empty description={t('needs.aggregateEmpty')} /> }}
        summary={() =>
          a.byProgramme.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('needs.total')}</strong>
              </Table.Summary.Cell>
              {(['full_time', 'part_time', 'online'] as const).map((m, i) => (
                <Table.Summary.Cell key={m} index={1 + i} align="right">
                  <Num n={modeTotal(m)} />
                </Table.Summary.Cell>
              ))}
              {a.byQuarter.map((n, i) => (
                <Table.Summary.Cell key={i} index={4 + i} align="right">
                  <Num n={n} />
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={8} align="right">
                <strong className="nt-num">{formatNumber(a.total.people)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                <Num n={a.total.named} />
              </Table.Summary.Cell>
              {GROUPS.map((g, i) => (
                <Table.Summary.Cell key={g} index={10 + i} align="right">
                  <Num n={a.total[g]} />
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      <Table<U>
        rowKey={(r) => r.unit.id}
        size="small"
        columns={unitColumns}
        dataSource={a.byUnit}
        pagination={a.byUnit.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 900 }}
        aria-label={t('needs.byUnit')}
        title={() => <strong>{t('needs.byUnit')}</strong>}
      />
      <Card size="small" title={t('needs.notAnswered', { n: formatNumber(a.notAnswered.length) })}>
        {a.notAnswered.length === 0 ? (
          <Typography.Text>{t('needs.allAnswered')}</Typography.Text>
        ) : (
          <Space size={[4, 8]} wrap data-testid="needs-not-answered">
            {a.notAnswered.map((u) => (
              <Tag key={u.unit.id} color={u.late ? 'volcano' : u.status === 'returned' ? 'red' : 'default'}>
                {u.unit.name} · {t(`needs.status.${u.status}` as MessageKey)}
                {u.late ? ` · ${t('needs.late')}` : ''}
              </Tag>
            ))}
          </Space>
        )}
      </Card>
    </Flex>
  );
}

/**
 * One campaign: what it offers, each asked unit's answer (status, people, late, reminders) with a
 * link to it, and for the board: close or open it, reopen it for one unit, and the aggregation.
 */
export default function NeedsCampaignPage() {
  const { t, locale, formatNumber } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [reopen, setReopen] = useState<UnitRow | null>(null);
  const q = useQuery({ queryKey: ['needs', 'campaign', id], queryFn: () => needsApi.campaign(id) });
  usePageTitle(q.data?.title ?? t('needs.title'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['needs'] });
  const setStatus = async (status: 'open' | 'closed') => {
    try {
      await needsApi.update(c.id, { version: c.version, status });
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e, locale));
    }
  };
  const columns: TableColumnsType<UnitRow> = [
    { title: t('needs.unit'), key: 'unit', render: (_, u) => <Link to={`/needs/${c.id}/units/${u.unit.id}`}>{u.unit.name}</Link> },
    { title: t('needs.status'), key: 'status', width: 200, render: (_, u) => <AnswerStatusTag status={u.status} late={u.late} /> },
    { title: t('needs.people'), key: 'people', width: 100, align: 'right', render: (_, u) => <Num n={u.people} /> },
    {
      title: t('needs.reopenedUntil'),
      key: 'reopened',
      width: 150,
      render: (_, u) => (u.reopenedUntil ? <span className="nt-num">{formatDate(u.reopenedUntil)}</span> : null),
    },
    { title: t('needs.remindersCol'), key: 'rem', width: 110, align: 'right', render: (_, u) => <Num n={u.reminders.length} /> },
    ...(allows(c, 'reopenUnit')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, u: UnitRow) =>
              u.status !== 'submitted' && (c.status === 'closed' || c.pastDeadline) ? (
                <Button size="small" onClick={() => setReopen(u)}>
                  {t('needs.reopen')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  const unitsTable = (
    <Table<UnitRow>
      rowKey={(u) => u.unit.id}
      columns={columns}
      dataSource={c.units}
      size="small"
      pagination={c.units.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 800 }}
      aria-label={t('needs.unitsTab')}
    />
  );
  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <Space wrap>
            <CampaignStatusTag status={c.status} deadline={c.deadline} pastDeadline={c.pastDeadline} />
            <Typography.Text type="secondary">
              {t('needs.answeredOf', { n: formatNumber(c.submittedUnits), of: formatNumber(c.requiredUnits) })}
            </Typography.Text>
          </Space>
        </div>
        <Space wrap>
          {/* needs → plan (decision 0035): the plan's draft version proposes lines from this campaign */}
          {allows(c, 'viewAggregate') && me.permissions.includes('plans.write') && (
            <Link to={`/plans?year=${c.year}&fromNeeds=${c.id}`} data-testid="needs-to-plan">
              {t('fromNeeds.openPlan', { year: c.year })}
            </Link>
          )}
          {allows(c, 'export') && <ExportButton start={() => needsApi.exportAggregate(c.id, 'xlsx')} total={undefined} />}
          {allows(c, 'export') && (
            <ExportButton
              start={() => needsApi.exportAggregate(c.id, 'pdf')}
              total={undefined}
              label={t('needs.exportPdf')}
              icon={<FilePdfOutlined />}
            />
          )}
          {allows(c, 'update') && (
            <Popconfirm
              title={c.status === 'open' ? t('needs.closeConfirm') : t('needs.openConfirm')}
              okText={t('common.yes')}
              cancelText={t('common.no')}
              onConfirm={() => setStatus(c.status === 'open' ? 'closed' : 'open')}
            >
              <Button>{c.status === 'open' ? t('needs.close') : t('needs.openAgain')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Text strong>{t('needs.offers')}: </Typography.Text>
        {c.offers.map((o) => (
          <Tag key={o.programmeCode}>
            {o.programmeName} ({o.modes.map((m) => modeLabel(t, m)).join(', ')})
          </Tag>
        ))}
        {c.note && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{c.note}</Typography.Paragraph>}
      </Card>
      {allows(c, 'viewAggregate') ? (
        <Tabs
          items={[
            { key: 'aggregate', label: t('needs.aggregateTab'), children: <AggregateView campaignId={c.id} /> },
            { key: 'units', label: t('needs.unitsTab'), children: unitsTable },
          ]}
        />
      ) : (
        <Card title={t('needs.myUnitsTitle')}>{unitsTable}</Card>
      )}
      {reopen && (
        <FormModal<{ until: Dayjs }>
          open
          name="needs-reopen"
          title={t('needs.reopenTitle', { unit: reopen.unit.name })}
          okText={t('needs.reopen')}
          fields={['until']}
          onClose={() => setReopen(null)}
          onSubmit={async (v) => {
            await needsApi.reopen(c.id, reopen.unit.id, toIso(v.until));
            await refresh();
          }}
        >
          {() => (
            <Form.Item name="until" label={t('needs.reopenUntil')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </FormModal>
      )}
    </>
  );
}
