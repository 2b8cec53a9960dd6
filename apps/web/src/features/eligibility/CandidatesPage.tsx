import { useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Checkbox, Empty, Flex, Form, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SwapRightOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { Candidate, WhatIf } from '@nang-tam/contracts';
import { rulesApi, useProgrammes } from '../../api/rules';
import { ExportButton } from '../jobs/ExportButton';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { useDebounced, useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { UnitPicker } from '../../shared/UnitPicker';
import { formatDate } from '../../shared/format';
import { AsOfPicker, modeLabel, OutcomeTag, PlannedTitlesText, RuleRefs, today } from './common';
import { NominateCandidatesModal } from './NominateCandidatesModal';

const PRIORITY_COLOR = { planned: 'blue', post_requires: 'purple', other: 'default' } as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** People picked at once by "select all matching" (the top of the ranking; one page of the API). */
const SELECT_MATCHING_MAX = 200;

/** State of the page lives in the URL (shareable, survives reload). */
function usePageState() {
  const [sp, setSp] = useSearchParams();
  const get = (k: string) => sp.get(k);
  const state = {
    programme: get('programme'),
    mode: get('mode'),
    unitId: get('unitId') ? Number(get('unitId')) : null,
    asOf: get('asOf') && ISO.test(get('asOf')!) ? get('asOf')! : today(),
    young: get('young') === 'true',
    female: get('female') === 'true',
    minority: get('minority') === 'true',
    studyField: get('studyField')?.trim() || null,
    outcome: get('outcome') === 'cannot_decide' ? ('cannot_decide' as const) : ('eligible' as const),
    page: Math.max(1, Number(get('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(get('pageSize'))) ? Number(get('pageSize')) : 20,
    from: get('from') && ISO.test(get('from')!) ? get('from')! : '2025-08-28',
    to: get('to') && ISO.test(get('to')!) ? get('to')! : '2025-08-29',
    whatIfPage: Math.max(1, Number(get('wpage')) || 1),
  };
  const update = (patch: Record<string, string | number | boolean | null>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === false || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !('page' in patch)) next.delete('page');
    if (resetPage && !('wpage' in patch)) next.delete('wpage');
    setSp(next, { replace: true });
  };
  return { state, update };
}

function WhatIfPanel({ scope, from, to, page, onChange }: {
  scope: Record<string, string | number | boolean | null | undefined>;
  from: string;
  to: string;
  page: number;
  onChange: (patch: Record<string, string | number | null>) => void;
}) {
  const { t, formatNumber } = useI18n();
  const pageSize = 20;
  const params = { ...scope, from, to, limit: pageSize, offset: (page - 1) * pageSize };
  const q = useQuery({
    queryKey: ['candidates', 'what-if', params],
    queryFn: ({ signal }) => rulesApi.whatIf(params, signal),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const added = d ? d.rules.to.filter((r) => !d.rules.from.includes(r)) : [];
  const removed = d ? d.rules.from.filter((r) => !d.rules.to.includes(r)) : [];
  type Item = WhatIf['items'][number];
  const side = (s: Item['from']) => (
    <Flex vertical gap={2}>
      <span>
        <OutcomeTag outcome={s.outcome} />
      </span>
      {s.failed.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('whatif.failedRules', { list: s.failed.map((f) => `${f.description} (${f.source})`).join('; ') })}
        </Typography.Text>
      )}
    </Flex>
  );
  // Fixed widths: the two dates get equal room and the name stays in view when scrolling (issue 14).
  const dateTitle = (iso: string) => <span className="nt-num" style={{ whiteSpace: 'nowrap' }}>{formatDate(iso)}</span>;
  const columns: TableColumnsType<Item> = [
    {
      key: 'name',
      title: t('person.fullName'),
      width: 260,
      fixed: 'left',
      render: (_, i) => (
        <Flex vertical>
          <Link to={`/people/${i.person.id}`}>{i.person.fullName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.person.unit.name}
            {i.person.title ? ` · ${i.person.title.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'from', title: dateTitle(from), width: 340, render: (_, i) => side(i.from) },
    { key: 'to', title: dateTitle(to), width: 340, render: (_, i) => side(i.to) },
  ];
  return (
    <Card title={t('whatif.title')} size="small">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('whatif.intro')}</Typography.Text>
        <Space wrap>
          <span>{t('whatif.from')}</span>
          <AsOfPicker value={from} onChange={(v) => onChange({ from: v, wpage: null })} label={t('whatif.from')} />
          <SwapRightOutlined aria-hidden />
          <span>{t('whatif.to')}</span>
          <AsOfPicker value={to} onChange={(v) => onChange({ to: v, wpage: null })} label={t('whatif.to')} />
        </Space>
        {q.isError && <PageError error={q.error} onRetry={() => void q.refetch()} />}
        {d && (
          <>
            <Flex vertical gap={4}>
              {(added.length > 0 || removed.length > 0) && (
                <Typography.Text>
                  {removed.length > 0 && (
                    <>
                      {t('whatif.removed')}: <RuleRefs programme={String(scope.programme)} ids={removed} />{' '}
                    </>
                  )}
                  {added.length > 0 && (
                    <>
                      {t('whatif.added')}: <RuleRefs programme={String(scope.programme)} ids={added} />
                    </>
                  )}
                </Typography.Text>
              )}
              <Space wrap>
                {d.transitions.map((tr) => (
                  <Tag key={`${tr.from}-${tr.to}`}>
                    {t(`outcome.${tr.from}` as MessageKey)} → {t(`outcome.${tr.to}` as MessageKey)}: {formatNumber(tr.people)}
                  </Tag>
                ))}
              </Space>
              <Typography.Text strong>{d.total > 0 ? t('whatif.changed', { n: formatNumber(d.total) }) : t('whatif.none')}</Typography.Text>
            </Flex>
            {d.total > 0 && (
              <Table<Item>
                rowKey={(i) => i.person.id}
                size="small"
                columns={columns}
                dataSource={d.items}
                loading={q.isFetching}
                scroll={{ x: 940 }}
                pagination={{
                  current: page,
                  pageSize,
                  total: d.total,
                  showSizeChanger: false,
                  onChange: (p) => onChange({ wpage: p === 1 ? null : p }),
                  showTotal: (total) => t('cand.total', { n: formatNumber(total) }),
                }}
              />
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}

/**
 * True when the programme has a rule matching the field to be studied with the job position
 * (postgraduate): the list then needs that field, or everyone lacks it.
 */
function useAsksStudyField(programme: string | null): boolean {
  const q = useQuery({ queryKey: ['rules', programme], queryFn: () => rulesApi.rules(programme), enabled: !!programme, staleTime: 60_000 });
  return (q.data?.items ?? []).some((r) => r.kind === 'field_matches_job' && r.versions.some((v) => v.active && v.params.subject === 'study_field'));
}

/** The field to be studied: typed freely, or one of the fields the job positions accept. */
function StudyFieldInput({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [text, setText] = useState(value ?? '');
  const debounced = useDebounced(text.trim(), 400);
  useEffect(() => {
    if ((debounced || null) !== value) onChange(debounced || null);
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  const jobs = useQuery({ queryKey: ['job-positions'], queryFn: rulesApi.jobPositions, staleTime: 5 * 60_000 });
  const options = useMemo(
    () => [...new Set((jobs.data?.items ?? []).flatMap((j) => j.fields))].sort((a, b) => a.localeCompare(b, 'vi')).map((f) => ({ value: f, label: f })),
    [jobs.data],
  );
  return (
    <AutoComplete
      id="cand-study-field"
      value={text}
      onChange={(v: string) => setText(v ?? '')}
      options={options}
      showSearch={{ filterOption: foldedFilter }}
      placeholder={t('elig.studyFieldPlaceholder')}
      allowClear
      maxLength={200}
      style={{ width: isMobile ? '100%' : 260 }}
    />
  );
}

/** "Danh sách nguồn cử đi học": eligible people of a unit subtree for a programme, ranked, with a what-if comparison. */
export default function CandidatesPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t('cand.title'));
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const programmes = useProgrammes();
  const { state, update } = usePageState();
  const prog = programmes.data?.items.find((p) => p.code === state.programme);
  const modes = prog?.modes ?? [];
  const mode = state.mode && modes.includes(state.mode as (typeof modes)[number]) ? state.mode : (modes[0] ?? null);
  const asksStudyField = useAsksStudyField(state.programme);
  const studyField = asksStudyField ? state.studyField : null;

  const scope = useMemo(
    () => ({
      programme: state.programme,
      mode,
      unitId: state.unitId,
      young: state.young || undefined,
      female: state.female || undefined,
      minority: state.minority || undefined,
      studyField: studyField ?? undefined,
    }),
    [state.programme, mode, state.unitId, state.young, state.female, state.minority, studyField],
  );
  const listParams = { ...scope, asOf: state.asOf, outcome: state.outcome, limit: state.pageSize, offset: (state.page - 1) * state.pageSize };
  const list = useQuery({
    queryKey: ['candidates', listParams],
    queryFn: ({ signal }) => rulesApi.candidates(listParams, signal),
    enabled: !!state.programme && !!mode,
    placeholderData: keepPreviousData,
  });
  const d = list.data;
  // people picked for nominating, in rank order (kept across pages; cleared when the list changes)
  const [picked, setPicked] = useState<Map<number, number>>(new Map());
  const [nominating, setNominating] = useState<number[] | null>(null);
  const listKey = JSON.stringify({ ...scope, asOf: state.asOf, outcome: state.outcome });
  useEffect(() => setPicked(new Map()), [listKey]);
  const mayNominate = me.permissions.includes('nominations.write');
  const pickedIds = [...picked.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const rankOf = (i: number) => (state.page - 1) * state.pageSize + i;
  const selectMatching = useMutation({
    mutationFn: () =>
      rulesApi.candidates({ ...scope, asOf: state.asOf, outcome: state.outcome, limit: SELECT_MATCHING_MAX, offset: 0 }),
    onSuccess: (all) => setPicked(new Map(all.items.map((c, i) => [c.person.id, i]))),
  });

  const columns: TableColumnsType<Candidate> = [
    {
      key: 'rank',
      title: t('cand.rank'),
      width: 60,
      render: (_, __, i) => <span className="nt-num">{formatNumber((state.page - 1) * state.pageSize + i + 1)}</span>,
    },
    {
      key: 'name',
      title: t('person.fullName'),
      render: (_, c) => (
        <Flex vertical>
          <Link
            to={`/people/${c.person.id}?${new URLSearchParams({ tab: 'eligibility', programme: d!.programme.code, mode: d!.mode, asOf: d!.asOf, ...(studyField ? { studyField } : {}) })}`}
          >
            <strong>{c.person.fullName}</strong>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('person.ageYears', { n: c.age })}
            {c.person.ethnicity.minority ? ` · ${c.person.ethnicity.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'unit', title: t('person.unit'), render: (_, c) => c.person.unit.name },
    { key: 'title', title: t('person.title'), render: (_, c) => c.person.title?.name ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      key: 'priority',
      title: t('cand.priority'),
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={PRIORITY_COLOR[c.priority]}>{t(`cand.priority.${c.priority}` as MessageKey)}</Tag>
          </span>
          {c.plannedTitles.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <PlannedTitlesText items={c.plannedTitles} />
            </Typography.Text>
          )}
          {c.missingLabels.length > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('cand.missing')}: {c.missingLabels.join(', ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('cand.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('cand.subtitle')}</Typography.Text>
        </div>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex gap={12} wrap>
            <Form.Item label={t('elig.programme')} htmlFor="cand-programme" style={{ flex: '2 1 300px', marginBottom: 8 }}>
              <Select
                id="cand-programme"
                value={state.programme}
                onChange={(v) => update({ programme: v, mode: null })}
                placeholder={t('elig.chooseProgramme')}
                loading={programmes.isPending}
                showSearch={{ filterOption: foldedFilter }}
                options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
              />
            </Form.Item>
            <Form.Item label={t('cand.unit')} htmlFor="cand-unit" style={{ flex: '2 1 260px', marginBottom: 8 }}>
              <UnitPicker id="cand-unit" value={state.unitId} onChange={(v) => update({ unitId: v })} placeholder={me.unit.name} />
            </Form.Item>
            <Form.Item label={t('common.asOf')} htmlFor="cand-asof" style={{ flex: '0 1 160px', marginBottom: 8 }}>
              <AsOfPicker id="cand-asof" value={state.asOf} onChange={(v) => update({ asOf: v === today() ? null : v })} />
            </Form.Item>
            {asksStudyField && (
              <Form.Item label={t('elig.studyField')} htmlFor="cand-study-field" tooltip={t('cand.studyFieldHint')} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                <StudyFieldInput key={state.programme} value={state.studyField} onChange={(v) => update({ studyField: v })} />
              </Form.Item>
            )}
          </Flex>
          <Flex gap={16} wrap align="center">
            {modes.length > 0 && (
              <Form.Item label={t('elig.mode')} style={{ marginBottom: 8 }}>
                <Segmented value={mode ?? undefined} onChange={(v) => update({ mode: String(v) })} options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))} />
              </Form.Item>
            )}
            <Space wrap style={{ marginTop: isMobile ? 0 : 22 }}>
              <Checkbox checked={state.young} onChange={(e) => update({ young: e.target.checked })}>
                {t('cand.young')}
              </Checkbox>
              <Checkbox checked={state.female} onChange={(e) => update({ female: e.target.checked })}>
                {t('cand.female')}
              </Checkbox>
              <Checkbox checked={state.minority} onChange={(e) => update({ minority: e.target.checked })}>
                {t('cand.minority')}
              </Checkbox>
            </Space>
          </Flex>
        </Form>
      </Card>

      {programmes.isError && <PageError error={programmes.error} onRetry={() => void programmes.refetch()} />}
      {!state.programme ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cand.pickProgramme')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card size="small">
            {list.isError ? (
              <PageError error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <Flex vertical gap={12}>
                {d && (
                  <Alert
                    type="info"
                    title={
                      <Flex gap={8} wrap align="center" justify="space-between">
                        <span>
                          {d.programme.name} · {modeLabel(t, d.mode)} · {d.unit.name} · {formatDate(d.asOf)}
                          {studyField ? ` · ${t('cand.studyFieldShown', { field: studyField })}` : ''}
                        </span>
                      </Flex>
                    }
                    description={t('cand.counts', {
                      people: formatNumber(d.counts.people),
                      eligible: formatNumber(d.counts.eligible),
                      cannot: formatNumber(d.counts.cannotDecide),
                      not: formatNumber(d.counts.notEligible),
                    })}
                  />
                )}
                <Flex gap={12} wrap align="center" justify="space-between">
                  <Segmented
                    value={state.outcome}
                    onChange={(v) => update({ outcome: v === 'eligible' ? null : String(v) })}
                    options={[
                      { value: 'eligible', label: `${t('cand.listEligible')}${d ? ` (${formatNumber(d.counts.eligible)})` : ''}` },
                      { value: 'cannot_decide', label: `${t('cand.listCannotDecide')}${d ? ` (${formatNumber(d.counts.cannotDecide)})` : ''}` },
                    ]}
                  />
                  <Space wrap>
                    {d && <Typography.Text strong>{t('cand.total', { n: formatNumber(d.total) })}</Typography.Text>}
                    <ExportButton start={() => rulesApi.exportCandidates({ ...scope, asOf: state.asOf, outcome: state.outcome })} total={d?.total} />
                  </Space>
                </Flex>
                {mayNominate && d && d.total > d.items.length && picked.size > 0 && picked.size < Math.min(d.total, SELECT_MATCHING_MAX) && (
                  <Alert
                    type="info"
                    title={
                      <Flex gap={8} wrap align="center">
                        <span>{t('candNom.selected', { n: formatNumber(picked.size) })}</span>
                        <Button type="link" size="small" loading={selectMatching.isPending} onClick={() => selectMatching.mutate()}>
                          {d.total <= SELECT_MATCHING_MAX
                            ? t('candNom.selectMatching', { n: formatNumber(d.total) })
                            : t('candNom.selectMatchingLimit', { n: formatNumber(SELECT_MATCHING_MAX), max: formatNumber(SELECT_MATCHING_MAX) })}
                        </Button>
                      </Flex>
                    }
                  />
                )}
                <Table<Candidate>
                  aria-label={t('cand.listLabel')}
                  rowKey={(c) => c.person.id}
                  rowSelection={
                    mayNominate
                      ? {
                          selectedRowKeys: [...picked.keys()],
                          preserveSelectedRowKeys: true,
                          getCheckboxProps: (c) => ({ 'aria-label': t('candNom.selectRow', { name: c.person.fullName }) }),
                          onChange: (_, rows) => {
                            const onPage = new Set((d?.items ?? []).map((c) => c.person.id));
                            const next = new Map([...picked].filter(([id]) => !onPage.has(id)));
                            for (const c of rows) {
                              if (!c) continue;
                              const i = (d?.items ?? []).findIndex((x) => x.person.id === c.person.id);
                              next.set(c.person.id, picked.get(c.person.id) ?? rankOf(i));
                            }
                            setPicked(next);
                          },
                        }
                      : undefined
                  }
                  size="small"
                  columns={columns}
                  dataSource={d?.items ?? []}
                  loading={list.isFetching}
                  scroll={{ x: 760 }}
                  locale={{ emptyText: t('cand.empty') }}
                  pagination={{
                    current: state.page,
                    pageSize: state.pageSize,
                    total: d?.total ?? 0,
                    showSizeChanger: !isMobile,
                    pageSizeOptions: [10, 20, 50, 100],
                    onChange: (p, ps) => update({ page: p === 1 ? null : p, pageSize: ps === 20 ? null : ps }, false),
                    showTotal: (total, range) =>
                      t('registry.range', { from: formatNumber(range[0]), to: formatNumber(range[1]), total: formatNumber(total) }),
                    size: isMobile ? 'small' : undefined,
                  }}
                />
              </Flex>
            )}
          </Card>
          {mayNominate && picked.size > 0 && (
            <Flex
              justify="space-between"
              align="center"
              gap={8}
              wrap
              role="region"
              aria-label={t('candNom.barLabel')}
              style={{ position: 'sticky', bottom: 0, zIndex: 3, padding: '8px 12px', background: '#fff', borderTop: '1px solid #e5e7eb' }}
            >
              <Typography.Text>{t('candNom.selected', { n: formatNumber(picked.size) })}</Typography.Text>
              <Flex gap={8} wrap>
                <Button onClick={() => setPicked(new Map())}>{t('candNom.clear')}</Button>
                <Button type="primary" icon={<UserAddOutlined />} onClick={() => setNominating(pickedIds)}>
                  {t('candNom.nominate', { n: formatNumber(picked.size) })}
                </Button>
              </Flex>
            </Flex>
          )}
          {nominating && state.programme && (
            <NominateCandidatesModal
              programme={state.programme}
              personIds={nominating}
              onClose={() => setNominating(null)}
              onStarted={() => setPicked(new Map())}
            />
          )}
          {mode && (
            <WhatIfPanel
              scope={scope}
              from={state.from}
              to={state.to}
              page={state.whatIfPage}
              onChange={(patch) => update(patch, false)}
            />
          )}
        </Flex>
      )}
    </>
  );
}
