import { useEffect, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { OutsideStatus, OutsideSummary } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { outsideApi } from '../../api/outside';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { useDebounced, usePageTitle, useUrlState } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { institutionText, OUTSIDE_STATUSES, outsideDates, OutsideStatusTag, useResultText } from './common';
import { ProposeDrawer } from './ProposeDrawer';

const PAGE_SIZES = [10, 20, 50, 100];

/** The list's state lives in the URL: year ("all" by default), status, institution, q, paging. */
function usePageState() {
  const [sp, update] = useUrlState();
  const year = Number(sp.get('year'));
  const status = sp.get('status');
  const state = {
    year: year >= 1990 && year <= 2100 ? year : null,
    status: OUTSIDE_STATUSES.includes(status as OutsideStatus) ? (status as OutsideStatus) : null,
    institution: sp.get('institution'),
    q: sp.get('q') ?? '',
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(Number(sp.get('pageSize'))) ? Number(sp.get('pageSize')) : 20,
  };
  return { state, update };
}

/** "Đi học ngoài tỉnh": people of the user's scope sent to the national academy, universities or abroad. */
export default function OutsideTrainingsPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t('out.title'));
  const { state, update } = usePageState();
  const [proposing, setProposing] = useState(false);
  const [search, setSearch] = useState(state.q);
  const debounced = useDebounced(search.trim(), 400);
  useEffect(() => {
    if (debounced !== state.q.trim()) update({ q: debounced || null });
    // only when the typed text settles
  }, [debounced]);
  const resultText = useResultText();

  const params = {
    year: state.year,
    status: state.status,
    institution: state.institution,
    q: state.q || null,
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
  const list = useQuery({
    queryKey: ['outside', 'list', params],
    queryFn: ({ signal }) => outsideApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
  const d = list.data;
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  const columns: TableColumnsType<OutsideSummary> = [
    {
      key: 'person',
      title: t('out.person'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Link to={`/outside-trainings/${r.id}`}>
            <strong>{r.person.fullName}</strong>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.person.unit.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'programme', title: t('out.programme'), render: (_, r) => r.programme.name },
    { key: 'institution', title: t('out.institution'), render: (_, r) => institutionText(r) },
    { key: 'dates', title: t('out.dates'), width: 200, render: (_, r) => <span className="nt-num">{outsideDates(r)}</span> },
    {
      key: 'cost',
      title: t('out.cost'),
      align: 'right',
      width: 140,
      render: (_, r) => <span className="nt-num">{r.cost === null ? '—' : formatNumber(r.cost)}</span>,
    },
    {
      key: 'status',
      title: t('out.status'),
      width: 200,
      render: (_, r) => (
        <Flex vertical gap={2} align="start">
          <OutsideStatusTag status={r.status} />
          {r.result && <Typography.Text style={{ fontSize: 12 }}>{resultText(r.result)}</Typography.Text>}
          {r.outsidePlan && <Tag color="purple">{t('out.outsidePlan')}</Tag>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <div>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {t('out.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('out.intro')}</Typography.Text>
        </div>
        {allows(d, 'propose') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="outside-propose">
            {t('out.propose')}
          </Button>
        )}
      </Flex>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('out.searchPlaceholder')}
            aria-label={t('out.searchPlaceholder')}
            maxLength={100}
            style={{ width: 300 }}
          />
          <Select
            value={state.year ?? 'all'}
            style={{ width: 130 }}
            aria-label={t('out.dates')}
            onChange={(v) => update({ year: v === 'all' ? null : v })}
            options={[{ value: 'all' as const, label: t('out.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
          />
          <Select
            value={state.status ?? 'all'}
            style={{ width: 200 }}
            aria-label={t('out.status')}
            onChange={(v) => update({ status: v === 'all' ? null : v })}
            options={[
              { value: 'all', label: t('out.allStatuses') },
              ...OUTSIDE_STATUSES.map((s) => ({ value: s, label: t(`out.status.${s}`) })),
            ]}
          />
          <Select
            value={state.institution ?? 'all'}
            style={{ width: 320 }}
            showSearch={{ filterOption: foldedFilter }}
            aria-label={t('out.institution')}
            onChange={(v) => update({ institution: v === 'all' ? null : v })}
            options={[{ value: 'all', label: t('out.allInstitutions') }, ...(d?.institutions ?? []).map((i) => ({ value: i, label: i }))]}
          />
        </Flex>
        {d?.personTimes && (
          <Flex
            gap={32}
            wrap
            style={{ marginBottom: 12 }}
            aria-label={t('out.personTimes', { year: d.personTimes.year })}
            data-testid="outside-person-times"
          >
            <Typography.Text type="secondary">{t('out.personTimes', { year: d.personTimes.year })}</Typography.Text>
            <Statistic title={t('out.pt.sent')} value={d.personTimes.sent} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title={t('out.pt.started')} value={d.personTimes.started} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title={t('out.pt.carriedOver')} value={d.personTimes.carriedOver} formatter={(v) => formatNumber(Number(v))} />
            <Statistic title={t('out.pt.finished')} value={d.personTimes.finished} formatter={(v) => formatNumber(Number(v))} />
          </Flex>
        )}
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<OutsideSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={d?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('out.empty')} /> }}
            pagination={{
              current: state.page,
              pageSize: state.pageSize,
              total: d?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (n) => t('out.total', { n: formatNumber(n) }),
              onChange: (page, pageSize) => update({ page, pageSize }),
            }}
          />
        )}
      </Card>
      {d && allows(d, 'propose') && (
        <ProposeDrawer open={proposing} onClose={() => setProposing(false)} mayOverride={allows(d, 'override')} />
      )}
    </Flex>
  );
}
