import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Segmented, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileSearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { ClassDetail, NominationStatus, NominationSummary } from '@nang-tam/contracts';
import { nominationsApi } from '../../api/classes';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { OutcomeTag } from '../eligibility/common';
import { BulkDecisionBar, decidable } from './BulkDecisionBar';
import { BulkNominateModal } from './BulkNominateModal';
import { nominationsKey, NominationStatusTag, NOMINATION_STATUS_ORDER } from './common';
import { NominateDrawer } from './NominateDrawer';
import { NominationActions } from './NominationActions';
import { NominationDrawer } from './NominationDrawer';

const PAGE_SIZE = 20;
const WHOLE_PARAMS = { status: null, limit: 200, offset: 0 };
type Filter = NominationStatus | 'all';

/**
 * "Học viên / đề cử": the class's nominations by status with counts (each user sees the people of
 * their scope; the school sees its whole class), the approval steps each user may take, the waitlist
 * with its positions, and each nomination's eligibility explanation in a drawer. Agencies nominate here.
 */
export function NominationsTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const statusParam = sp.get('status');
  const filter: Filter = NOMINATION_STATUS_ORDER.includes(statusParam as NominationStatus) ? (statusParam as NominationStatus) : 'all';
  const page = Math.max(1, Number(sp.get('npage')) || 1);
  const [viewing, setViewing] = useState<number | null>(null);
  const [bulk, setBulk] = useState(false);
  /** Nominations picked for a bulk decision (kept across pages and filters, as the rows were when picked). */
  const [picked, setPicked] = useState<Map<number, NominationSummary>>(new Map());
  const nominating = sp.get('nominate') === '1';
  const setParams = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setSp(next, { replace: true });
  };

  // Up to WHOLE nominations are read at once (the usual class): counts and lists by status are made
  // here. A larger list is paged by the server, with one count request per status.
  const whole = useQuery({
    queryKey: [...nominationsKey(cls.id), 'list', WHOLE_PARAMS],
    queryFn: ({ signal }) => nominationsApi.list(cls.id, WHOLE_PARAMS, signal),
    placeholderData: keepPreviousData,
  });
  const local = whole.data !== undefined && whole.data.total <= WHOLE_PARAMS.limit;
  const paged = whole.data !== undefined && !local;
  const params = { status: filter === 'all' ? null : filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useQuery({
    queryKey: [...nominationsKey(cls.id), 'list', params],
    queryFn: ({ signal }) => nominationsApi.list(cls.id, params, signal),
    placeholderData: keepPreviousData,
    enabled: paged,
  });
  const counts = useQueries({
    queries: NOMINATION_STATUS_ORDER.map((s) => ({
      queryKey: [...nominationsKey(cls.id), 'count', s],
      queryFn: ({ signal }: { signal: AbortSignal }) => nominationsApi.list(cls.id, { status: s, limit: 1, offset: 0 }, signal),
      select: (r: { total: number }) => r.total,
      enabled: paged,
    })),
  });
  const countOf = (s: NominationStatus): number | undefined =>
    local ? whole.data!.items.filter((n) => n.status === s).length : counts[NOMINATION_STATUS_ORDER.indexOf(s)]?.data;
  const all = local
    ? whole.data!.total
    : counts.every((c) => c.data !== undefined)
      ? counts.reduce((sum, c) => sum + (c.data ?? 0), 0)
      : undefined;
  const matching = local ? whole.data!.items.filter((n) => filter === 'all' || n.status === filter) : null;
  /** The page shown, with the class and its places. */
  const d = local
    ? { ...whole.data!, total: matching!.length, items: matching!.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) }
    : paged
      ? list.data
      : undefined;
  const failed = whole.isError ? whole : list.isError ? list : null;
  const pending = whole.isPending || (paged && list.isPending);
  const fetching = whole.isFetching || list.isFetching;
  const page0 = d ?? whole.data;
  const canNominate = page0?.actions.includes('nominate') ?? false;
  const places = page0?.places;
  /** Whether the class still takes nominations, as the server says (null until it has). */
  const taking = page0 ? page0.class.takesNominations : null;

  const filters: Filter[] = ['all', ...NOMINATION_STATUS_ORDER.filter((s) => s !== 'approved_agency' || (countOf(s) ?? 0) > 0)];
  const filterLabel = (f: Filter) => {
    const n = f === 'all' ? all : countOf(f);
    const name = f === 'all' ? t('nom.filter.all') : t(`nom.filter.${f}` as MessageKey);
    return n === undefined ? name : `${name} (${formatNumber(n)})`;
  };

  const personCell = (n: NominationSummary) => (
    <Flex vertical gap={0}>
      {allows(n.person, 'view') ? (
        <Link to={`/people/${n.person.id}`}>
          <strong>{n.person.fullName}</strong>
        </Link>
      ) : (
        <strong>{n.person.fullName}</strong>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[formatDate(n.person.birthDate), n.person.title?.name, n.person.unit.name].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Flex>
  );
  const eligibilityCell = (n: NominationSummary) => (
    <Flex gap={4} wrap align="center">
      <OutcomeTag outcome={n.eligibilityOutcome} />
      {n.overridden && <Tag color="magenta">{t('nom.overridden')}</Tag>}
    </Flex>
  );
  const explainButton = (n: NominationSummary, withText: boolean) => (
    <Button
      type={withText ? 'link' : 'text'}
      size="small"
      icon={<FileSearchOutlined />}
      aria-label={withText ? undefined : t('nom.explainOf', { name: n.person.fullName })}
      title={t('nom.explain')}
      onClick={() => setViewing(n.id)}
    >
      {withText ? t('nom.explain') : undefined}
    </Button>
  );

  const columns: TableColumnsType<NominationSummary> = [
    {
      key: 'rank',
      title: '#',
      width: 56,
      render: (_, __, i) => <span className="nt-num">{formatNumber((page - 1) * PAGE_SIZE + i + 1)}</span>,
    },
    { key: 'person', title: t('person.fullName'), render: (_, n) => personCell(n) },
    {
      key: 'status',
      title: t('nom.statusCol'),
      width: 230,
      render: (_, n) => <NominationStatusTag status={n.status} position={n.waitlistPosition} />,
    },
    { key: 'eligibility', title: t('nom.eligibility'), width: 200, render: (_, n) => eligibilityCell(n) },
    {
      key: 'by',
      title: t('nom.nominatedBy'),
      width: 220,
      render: (_, n) => (
        <Flex vertical gap={0}>
          <span>{n.nominatedBy}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(n.nominatedAt, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 150,
      render: (_, n) => (
        <Flex gap={0} align="center">
          {explainButton(n, false)}
          <NominationActions n={n} classId={cls.id} compact />
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        {places ? (
          <Typography.Text data-testid="class-places">
            {t('nom.places', {
              capacity: formatNumber(places.capacity),
              taken: formatNumber(places.taken),
              free: formatNumber(places.free),
              waitlisted: formatNumber(places.waitlisted),
            })}
          </Typography.Text>
        ) : (
          <span />
        )}
        {canNominate && (
          <Flex gap={8} wrap>
            <Button icon={<FileExcelOutlined />} onClick={() => setBulk(true)}>
              {t('nom.bulk')}
            </Button>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setParams({ nominate: '1' })}>
              {t('nom.nominate')}
            </Button>
          </Flex>
        )}
      </Flex>
      {taking === false && <Alert type="info" showIcon title={t('nom.classNotTaking')} />}
      {places && places.free === 0 && taking === true && <Alert type="warning" showIcon title={t('nom.classFull')} />}

      <div style={{ overflowX: 'auto' }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => setParams({ status: v === 'all' ? null : v, npage: null })}
          options={filters.map((f) => ({ value: f, label: filterLabel(f) }))}
          aria-label={t('nom.filterLabel')}
        />
      </div>
      {filter === 'waitlisted' && <Typography.Text type="secondary">{t('nom.waitlistHint')}</Typography.Text>}

      {failed ? (
        <PageError error={failed.error} onRetry={() => void failed.refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('nom.listLabel')}>
          {pending ? (
            <Skeleton active />
          ) : d && d.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nom.empty')} />
          ) : (
            d?.items.map((n) => (
              <Card key={n.id} size="small" role="listitem">
                <Flex vertical gap={6}>
                  {personCell(n)}
                  <Flex gap={4} wrap>
                    <NominationStatusTag status={n.status} position={n.waitlistPosition} />
                    {eligibilityCell(n)}
                  </Flex>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    {explainButton(n, true)}
                    <NominationActions n={n} classId={cls.id} compact />
                  </Flex>
                </Flex>
              </Card>
            ))
          )}
          {d && d.total > PAGE_SIZE && (
            <Flex justify="center" gap={8}>
              <Button disabled={page === 1} onClick={() => setParams({ npage: page === 2 ? null : String(page - 1) })}>
                ‹
              </Button>
              <Typography.Text>{t('nom.pageOf', { page, pages: Math.ceil(d.total / PAGE_SIZE) })}</Typography.Text>
              <Button disabled={page * PAGE_SIZE >= d.total} onClick={() => setParams({ npage: String(page + 1) })}>
                ›
              </Button>
            </Flex>
          )}
        </Flex>
      ) : (
        <Table<NominationSummary>
          aria-label={t('nom.listLabel')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={d?.items ?? []}
          loading={fetching}
          scroll={{ x: 1000 }}
          rowSelection={
            (d?.items ?? []).some(decidable) || picked.size > 0
              ? {
                  selectedRowKeys: [...picked.keys()],
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (n) => ({ disabled: !decidable(n), 'aria-label': t('nomBulk.selectRow', { name: n.person.fullName }) }),
                  onChange: (_, rows) => {
                    const next = new Map<number, NominationSummary>();
                    for (const [id, n] of picked)
                      if (rows.some((r) => r?.id === id) || !(d?.items ?? []).some((i) => i.id === id)) next.set(id, n);
                    for (const r of rows) if (r) next.set(r.id, r);
                    setPicked(next);
                  },
                }
              : undefined
          }
          locale={{ emptyText: pending ? ' ' : t('nom.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: d?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => setParams({ npage: p === 1 ? null : String(p) }),
            showTotal: (total) => t('nom.total', { n: formatNumber(total) }),
          }}
        />
      )}

      {!isMobile && <BulkDecisionBar classId={cls.id} selected={[...picked.values()]} onDone={() => setPicked(new Map())} />}
      <NominationDrawer id={viewing} onClose={() => setViewing(null)} />
      {canNominate && <NominateDrawer cls={cls} open={nominating} onClose={() => setParams({ nominate: null })} />}
      {canNominate && bulk && <BulkNominateModal cls={cls} onClose={() => setBulk(false)} />}
    </Flex>
  );
}
