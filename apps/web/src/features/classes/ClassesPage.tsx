import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, Pagination, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { ClassBoardFacts, ClassSummary } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { classesApi } from '../../api/classes';
import { useProgrammes } from '../../api/rules';
import { allows } from '../../app/actions';
import { useCurrentUser } from '../../app/session';
import { intlTag, useI18n, type MessageKey } from '../../i18n';
import { useDebounced, useIsMobile, usePageTitle, useUrlState } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { useColumnChoice, type ChoosableColumn } from '../../shared/ColumnPicker';
import { foldedFilter } from '../../shared/select';
import { modeLabel } from '../eligibility/common';
import { ClassFormDrawer } from './ClassFormDrawer';
import { CarriedOverTag, ClassStatusTag, classStatusLabel, dateRange, PlacesCell, type ClassStatus } from './common';

const PAGE_SIZES = [10, 20, 50, 100];

type BoardKey = 'attendance' | 'conduct' | 'grades' | 'exam';

/** One of the board's figures of a class: "…" while the board loads, "—" when it has no row for the class. */
function BoardFigure({ facts, kind, loading }: { facts: ClassBoardFacts | undefined; kind: BoardKey; loading: boolean }) {
  const { t, locale, formatNumber } = useI18n();
  const percent = useMemo(() => new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 1 }), [locale]);
  if (!facts) return <Typography.Text type="secondary">{loading ? '…' : '—'}</Typography.Text>;
  switch (kind) {
    case 'attendance':
      return facts.attendance.rate === null ? (
        <Typography.Text type="secondary" title={t('classes.board.noSessions')}>
          —
        </Typography.Text>
      ) : (
        <span className="nt-num" data-testid="board-attendance">
          {percent.format(facts.attendance.rate)}
        </span>
      );
    case 'conduct':
      return (
        <span className="nt-num" data-testid="board-conduct">
          {formatNumber(facts.conductReports.missing)}
          {facts.conductReports.overdue > 0 && (
            <>
              {' · '}
              <Typography.Text type="danger">
                {t('classes.board.conductOverdue', { n: formatNumber(facts.conductReports.overdue) })}
              </Typography.Text>
            </>
          )}
        </span>
      );
    case 'grades':
      return (
        <span className="nt-num" data-testid="board-grades">
          {formatNumber(facts.grades.pending + facts.grades.finalExam.pending)}
        </span>
      );
    case 'exam':
      return (
        <span
          className="nt-num"
          data-testid="board-exam-eligible"
          aria-label={t('classes.board.examEligibleAria', {
            n: formatNumber(facts.examEligibility.eligible),
            enrolled: formatNumber(facts.enrolled),
          })}
        >
          {formatNumber(facts.examEligibility.eligible)} / {formatNumber(facts.enrolled)}
        </span>
      );
  }
}

const BOARD_COLUMNS: { key: BoardKey; label: MessageKey; width: number }[] = [
  { key: 'attendance', label: 'classes.board.attendance', width: 110 },
  { key: 'conduct', label: 'classes.board.conductMissing', width: 150 },
  { key: 'grades', label: 'classes.board.gradesPending', width: 120 },
  { key: 'exam', label: 'classes.board.examEligible', width: 140 },
];
const STATUSES: ClassStatus[] = ['open', 'closed', 'finished'];

/** The list's state lives in the URL: year (default this year; "all"), programme, status, q, paging. */
function usePageState() {
  const [sp, update] = useUrlState();
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const yearParam = sp.get('year');
  const year = yearParam === 'all' ? null : Number(yearParam) >= 1990 && Number(yearParam) <= 2200 ? Number(yearParam) : thisYear;
  const status = sp.get('status');
  const state = {
    thisYear,
    year,
    programme: sp.get('programme'),
    status: STATUSES.includes(status as ClassStatus) ? (status as ClassStatus) : null,
    q: sp.get('q') ?? '',
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(Number(sp.get('pageSize'))) ? Number(sp.get('pageSize')) : 20,
  };
  return { state, update };
}

/** "Lớp học": the registrar's class board of a school year, with filters; the school opens classes here. */
export default function ClassesPage() {
  const { t, formatNumber } = useI18n();
  const me = useCurrentUser();
  usePageTitle(t('classes.title'));
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const { state, update } = usePageState();
  const [creating, setCreating] = useState(false);

  const [search, setSearch] = useState(state.q);
  const debounced = useDebounced(search.trim(), 400);
  useEffect(() => {
    if (debounced !== state.q.trim()) update({ q: debounced || null });
    // only when the typed text settles
  }, [debounced]);

  const params = {
    year: state.year,
    programme: state.programme,
    status: state.status,
    q: state.q || null,
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  };
  const list = useQuery({
    queryKey: ['classes', 'list', params],
    queryFn: ({ signal }) => classesApi.list(params, signal),
    placeholderData: keepPreviousData,
  });
  const d = list.data;
  // the board's figures of the year's classes, joined to the list's rows by class id
  const board = useQuery({
    queryKey: ['classes', 'board', state.year],
    queryFn: ({ signal }) => classesApi.board(state.year as number, signal),
    enabled: state.year !== null,
  });
  const factsOf = useMemo(() => new Map((board.data?.items ?? []).map((r) => [r.class.id, r.facts])), [board.data]);
  const withBoard = state.year !== null;
  const boardLoading = board.isPending && withBoard;
  const years = Array.from({ length: 7 }, (_, i) => state.thisYear + 1 - i);
  if (state.year !== null && !years.includes(state.year)) years.push(state.year);

  const nameCell = (c: ClassSummary) => (
    <Flex vertical gap={2}>
      <Flex gap={6} wrap align="center">
        <Link to={`/classes/${c.id}`}>
          <strong>{c.name}</strong>
        </Link>
        {c.carriedOver && <CarriedOverTag />}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('classes.cohort')}: {c.cohortCode} · {c.site}
      </Typography.Text>
    </Flex>
  );

  // Default columns fit 1440 px (issue 14): with the class board on, the programme, mode and waiting
  // list give way to the board's figures; the column picker brings them back.
  const all: ChoosableColumn<ClassSummary>[] = [
    { key: 'name', title: t('classes.class'), pickerLabel: t('classes.class'), width: 240, render: (_, c) => nameCell(c) },
    {
      key: 'programme',
      title: t('classes.programme'),
      pickerLabel: t('classes.programme'),
      width: 220,
      hiddenByDefault: withBoard,
      render: (_, c) => c.programme.name,
    },
    {
      key: 'mode',
      title: t('classes.mode'),
      pickerLabel: t('classes.mode'),
      width: 130,
      hiddenByDefault: withBoard,
      render: (_, c) => modeLabel(t, c.mode),
    },
    {
      key: 'dates',
      title: t('classes.dates'),
      pickerLabel: t('classes.dates'),
      render: (_, c) => <span className="nt-num">{dateRange(c.startDate, c.endDate)}</span>,
      width: 190,
    },
    {
      key: 'places',
      title: t('classes.places'),
      pickerLabel: t('classes.places'),
      render: (_, c) => <PlacesCell taken={c.placesTaken} capacity={c.capacity} />,
      width: 120,
    },
    {
      key: 'waitlist',
      title: t('classes.waitlist'),
      pickerLabel: t('classes.waitlist'),
      hiddenByDefault: withBoard,
      align: 'right',
      width: 120,
      render: (_, c) => (c.waitlisted > 0 ? <Tag color="gold">{formatNumber(c.waitlisted)}</Tag> : <span className="nt-num">0</span>),
    },
    ...(withBoard
      ? BOARD_COLUMNS.map((b): ChoosableColumn<ClassSummary> => ({
          key: `board-${b.key}`,
          title: t(b.label),
          pickerLabel: t(b.label),
          align: 'right',
          width: b.width,
          render: (_, c) => <BoardFigure facts={factsOf.get(c.id)} kind={b.key} loading={boardLoading} />,
        }))
      : []),
    {
      key: 'status',
      title: t('classes.status'),
      pickerLabel: t('classes.status'),
      render: (_, c) => <ClassStatusTag status={c.displayStatus} />,
      width: 130,
    },
  ];
  const choice = useColumnChoice(me.id, withBoard ? 'classes-board' : 'classes', all);

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={state.programme || state.status || state.q ? t('classes.noMatch') : t('classes.emptyYear', { year: state.year ?? '' })}
    >
      {allows(d, 'create') && !state.programme && !state.status && !state.q && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('classes.open')}
        </Button>
      )}
    </Empty>
  );

  const pagination = {
    current: state.page,
    pageSize: state.pageSize,
    total: d?.total ?? 0,
    showSizeChanger: !isMobile,
    pageSizeOptions: PAGE_SIZES,
    onChange: (p: number, ps: number) => update({ page: p === 1 ? null : p, pageSize: ps === 20 ? null : ps }),
    showTotal: (total: number, range: [number, number]) =>
      t('registry.range', { from: formatNumber(range[0]), to: formatNumber(range[1]), total: formatNumber(total) }),
    size: isMobile ? ('small' as const) : undefined,
  };

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('classes.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('classes.subtitle')}</Typography.Text>
        </div>
        {allows(d, 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('classes.open')}
          </Button>
        )}
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex gap={12} wrap>
            <Form.Item label={t('classes.year')} htmlFor="classes-year" style={{ flex: '1 1 120px', maxWidth: 180, marginBottom: 8 }}>
              <Select
                id="classes-year"
                value={state.year ?? 'all'}
                onChange={(v) => update({ year: v === state.thisYear ? null : v })}
                options={[
                  ...years.map((y) => ({ value: y as number | 'all', label: String(y) })),
                  { value: 'all', label: t('classes.allYears') },
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('classes.status')}
              htmlFor="classes-status"
              style={{ flex: '1 1 160px', maxWidth: isMobile ? undefined : 220, marginBottom: 8 }}
            >
              <Select
                id="classes-status"
                value={state.status}
                onChange={(v) => update({ status: v ?? null })}
                allowClear
                placeholder={t('classes.allStatuses')}
                options={STATUSES.map((s) => ({ value: s, label: classStatusLabel(t, s) }))}
              />
            </Form.Item>
            <Form.Item label={t('classes.programme')} htmlFor="classes-programme" style={{ flex: '2 1 280px', marginBottom: 8 }}>
              <Select
                id="classes-programme"
                value={state.programme}
                onChange={(v) => update({ programme: v ?? null })}
                allowClear
                placeholder={t('classes.allProgrammes')}
                loading={programmes.isPending}
                showSearch={{ filterOption: foldedFilter }}
                options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
              />
            </Form.Item>
            <Form.Item label={t('classes.search')} htmlFor="classes-search" style={{ flex: '2 1 240px', marginBottom: 8 }}>
              <Input
                id="classes-search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                allowClear
                prefix={<SearchOutlined aria-hidden />}
                placeholder={t('classes.searchPlaceholder')}
                maxLength={100}
                data-testid="classes-search"
              />
            </Form.Item>
          </Flex>
        </Form>
      </Card>

      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('classes.listLabel')} aria-busy={list.isFetching}>
          {list.isPending ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : d && d.items.length === 0 ? (
            <Card>{empty}</Card>
          ) : (
            <>
              {d && (
                <Typography.Text strong>
                  {state.year !== null
                    ? t('classes.totalYear', { n: formatNumber(d.total), year: state.year })
                    : t('classes.total', { n: formatNumber(d.total) })}
                </Typography.Text>
              )}
              {d?.items.map((c) => (
                <Card key={c.id} size="small" role="listitem" hoverable onClick={() => navigate(`/classes/${c.id}`)}>
                  <Flex justify="space-between" align="start" gap={8}>
                    {nameCell(c)}
                    <ClassStatusTag status={c.displayStatus} />
                  </Flex>
                  <Typography.Text style={{ display: 'block', marginTop: 4 }}>{c.programme.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {modeLabel(t, c.mode)} · <span className="nt-num">{dateRange(c.startDate, c.endDate)}</span>
                  </Typography.Text>
                  <Flex gap={12} align="center" style={{ marginTop: 6 }}>
                    <Typography.Text type="secondary">{t('classes.places')}:</Typography.Text>
                    <PlacesCell taken={c.placesTaken} capacity={c.capacity} waitlisted={c.waitlisted} compact />
                  </Flex>
                  {withBoard && (
                    <Flex gap="2px 12px" wrap style={{ marginTop: 4, fontSize: 13 }} data-testid="class-card-board">
                      {BOARD_COLUMNS.map((b) => (
                        <span key={b.key}>
                          <Typography.Text type="secondary">{t(b.label)}:</Typography.Text>{' '}
                          <BoardFigure facts={factsOf.get(c.id)} kind={b.key} loading={boardLoading} />
                        </span>
                      ))}
                    </Flex>
                  )}
                </Card>
              ))}
              {d && d.total > state.pageSize && (
                <Flex justify="center">
                  <Pagination {...pagination} simple />
                </Flex>
              )}
            </>
          )}
        </Flex>
      ) : (
        <Card size="small">
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            {d ? (
              <Typography.Text strong data-testid="classes-total">
                {state.year !== null
                  ? t('classes.totalYear', { n: formatNumber(d.total), year: state.year })
                  : t('classes.total', { n: formatNumber(d.total) })}
              </Typography.Text>
            ) : (
              <span />
            )}
            {choice.picker}
          </Flex>
          <Table<ClassSummary>
            aria-label={t('classes.listLabel')}
            rowKey="id"
            size="small"
            columns={choice.columns}
            dataSource={d?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: choice.scrollX }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={pagination}
          />
        </Card>
      )}
      {allows(d, 'create') && (
        <ClassFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/classes/${c.id}`)} />
      )}
    </>
  );
}
