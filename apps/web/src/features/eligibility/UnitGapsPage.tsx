import { useState } from 'react';
import { Breadcrumb, Button, Card, Drawer, Empty, Flex, Form, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { UnitGapPeople, UnitGaps } from '@nang-tam/contracts';
import { QUALIFICATION_KINDS } from '@nang-tam/domain';
import { rulesApi } from '../../api/rules';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { UnitPicker } from '../../shared/UnitPicker';
import { AsOfPicker, today, useCodeNames } from './common';

type Row = UnitGaps['children'][number];
interface Need {
  kind: string;
  level: string;
  levelName: string;
}
interface Selection extends Need {
  unitId: number;
  unitName: string;
}

function GapPeopleDrawer({ sel, asOf, onClose }: { sel: Selection; asOf: string; onClose: () => void }) {
  const { t, label, formatNumber } = useI18n();
  const names = useCodeNames();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const params = { kind: sel.kind, level: sel.level, asOf, limit: pageSize, offset: (page - 1) * pageSize };
  const q = useQuery({
    queryKey: ['units', sel.unitId, 'gaps', 'people', params],
    queryFn: () => rulesApi.unitGapPeople(sel.unitId, params),
    placeholderData: keepPreviousData,
  });
  type P = UnitGapPeople['items'][number];
  const columns: TableColumnsType<P> = [
    { key: 'name', title: t('person.fullName'), render: (_, p) => <Link to={`/people/${p.id}?tab=gaps`}>{p.fullName}</Link> },
    { key: 'unit', title: t('person.unit'), render: (_, p) => p.unit.name },
    { key: 'title', title: t('person.title'), render: (_, p) => p.title?.name ?? '—' },
    {
      key: 'needs',
      title: t('unitGaps.needs'),
      render: (_, p) => (
        <Flex vertical gap={2}>
          {p.needs.map((n) => (
            <span key={n.kind}>
              <Tag color={n.kind === sel.kind ? 'error' : undefined}>{`${label(QUALIFICATION_KINDS, n.kind)}: ${n.levelName}`}</Tag>
              {n.forTargets.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('gaps.needFor', { targets: n.forTargets.map(names.target).join('; ') })}
                </Typography.Text>
              )}
            </span>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Drawer
      open
      onClose={onClose}
      size={isMobile ? '100%' : 980}
      title={
        <Flex vertical>
          <span>{t('unitGaps.peopleTitle', { what: `${label(QUALIFICATION_KINDS, sel.kind)}: ${sel.levelName}` })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {sel.unitName}
          </Typography.Text>
        </Flex>
      }
    >
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<P>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 640 }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (total) => t('cand.total', { n: formatNumber(total) }),
          }}
        />
      )}
    </Drawer>
  );
}

/** "Khoảng trống tiêu chuẩn": per unit and child unit, how many people lack which qualification. */
export default function UnitGapsPage() {
  const { t, label, formatNumber } = useI18n();
  usePageTitle(t('unitGaps.title'));
  const me = useCurrentUser();
  const [unitId, setUnitId] = useState<number>(me.unit.id);
  // Units opened from the table, outermost first (a breadcrumb back up), and the picker's label for them.
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const [picked, setPicked] = useState<{ key: number; label: string }>({ key: 0, label: me.unit.name });
  const goTo = (unit: { id: number; name: string }, nextTrail: { id: number; name: string }[]) => {
    setUnitId(unit.id);
    setTrail(nextTrail);
    setPicked((p) => ({ key: p.key + 1, label: unit.name }));
  };
  const [asOf, setAsOf] = useState(today);
  const [sel, setSel] = useState<Selection | null>(null);
  const q = useQuery({
    queryKey: ['units', unitId, 'gaps', asOf],
    queryFn: () => rulesApi.unitGaps(unitId, asOf),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  // Child units with nobody in them (units closed by the 2025 merger, empty ones) have no gaps to show.
  const rows = d?.children.filter((c) => c.people > 0) ?? [];
  const hidden = (d?.children.length ?? 0) - rows.length;

  // Columns: one per (kind, level) seen anywhere.
  const needCols: Need[] = [];
  if (d) {
    const seen = new Set<string>();
    for (const n of [...d.totals.needs, ...d.children.flatMap((c) => c.needs)]) {
      const k = `${n.kind}|${n.level}`;
      if (!seen.has(k)) {
        seen.add(k);
        needCols.push(n);
      }
    }
    const kindOrder = QUALIFICATION_KINDS.map((k) => k.code as string);
    needCols.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  }

  const countCell = (n: number | undefined, need: Need, unit: { id: number; name: string }) =>
    n ? (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSel({ ...need, unitId: unit.id, unitName: unit.name })}>
        <span className="nt-num">{formatNumber(n)}</span>
      </Button>
    ) : (
      <Typography.Text type="secondary">0</Typography.Text>
    );

  const columns: TableColumnsType<Row> = [
    {
      key: 'unit',
      title: t('unitGaps.unitCol'),
      fixed: 'left',
      width: 220,
      render: (_, r) =>
        r.unit ? (
          <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} onClick={() => d && goTo(r.unit!, [...trail, d.unit])}>
            {r.unit.name}
          </Button>
        ) : (
          <Typography.Text italic>{t('unitGaps.direct', { unit: d?.unit.name ?? '' })}</Typography.Text>
        ),
    },
    { key: 'people', title: t('unitGaps.people'), align: 'right', render: (_, r) => <span className="nt-num">{formatNumber(r.people)}</span> },
    { key: 'withStandards', title: t('unitGaps.withStandards'), align: 'right', render: (_, r) => <span className="nt-num">{formatNumber(r.withStandards)}</span> },
    { key: 'withGaps', title: t('unitGaps.withGaps'), align: 'right', render: (_, r) => <strong className="nt-num">{formatNumber(r.withGaps)}</strong> },
    ...needCols.map<TableColumnsType<Row>[number]>((need) => ({
      key: `${need.kind}|${need.level}`,
      title: (
        <span>
          {label(QUALIFICATION_KINDS, need.kind)}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {need.levelName}
          </Typography.Text>
        </span>
      ),
      align: 'right',
      render: (_, r) => {
        const n = r.needs.find((x) => x.kind === need.kind && x.level === need.level)?.people;
        // People placed directly in the unit: the list of the unit itself would also show its children, so only counts of child units link.
        return r.unit ? countCell(n, need, r.unit) : <span className="nt-num">{formatNumber(n ?? 0)}</span>;
      },
    })),
  ];

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('unitGaps.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('unitGaps.subtitle')}</Typography.Text>
        </div>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex gap={12} wrap>
            <Form.Item label={t('cand.unit')} htmlFor="gaps-unit" style={{ flex: '2 1 280px', marginBottom: 0 }}>
              <UnitPicker
                key={picked.key}
                id="gaps-unit"
                value={unitId}
                initialLabel={picked.label}
                onChange={(v) => {
                  if (v === null) goTo(me.unit, []);
                  else {
                    setUnitId(v);
                    setTrail([]);
                  }
                }}
              />
            </Form.Item>
            <Form.Item label={t('common.asOf')} htmlFor="unit-gaps-asof" style={{ marginBottom: 0 }}>
              <AsOfPicker id="unit-gaps-asof" value={asOf} onChange={setAsOf} />
            </Form.Item>
          </Flex>
        </Form>
      </Card>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : d ? (
        <Flex vertical gap={16} style={{ opacity: q.isFetching ? 0.6 : 1 }}>
          {trail.length > 0 && (
            <nav aria-label={t('unitGaps.trail')}>
              <Breadcrumb
                items={[
                  ...trail.map((u, i) => ({
                    key: u.id,
                    title: (
                      <a
                        href="#"
                        onClick={(e) => {
                          e.preventDefault();
                          goTo(u, trail.slice(0, i));
                        }}
                      >
                        {u.name}
                      </a>
                    ),
                  })),
                  { key: d.unit.id, title: d.unit.name },
                ]}
              />
            </nav>
          )}
          <Card size="small" title={`${d.unit.name} — ${t('unitGaps.byNeed')}`}>
            <Flex gap={16} wrap>
              <Flex vertical>
                <Typography.Text type="secondary">{t('unitGaps.people')}</Typography.Text>
                <Typography.Title level={4} style={{ margin: 0 }} className="nt-num">
                  {formatNumber(d.totals.people)}
                </Typography.Title>
              </Flex>
              <Flex vertical>
                <Typography.Text type="secondary">{t('unitGaps.withStandards')}</Typography.Text>
                <Typography.Title level={4} style={{ margin: 0 }} className="nt-num">
                  {formatNumber(d.totals.withStandards)}
                </Typography.Title>
              </Flex>
              <Flex vertical>
                <Typography.Text type="secondary">{t('unitGaps.withGaps')}</Typography.Text>
                <Typography.Title level={4} style={{ margin: 0, color: '#dc2626' }} className="nt-num">
                  {formatNumber(d.totals.withGaps)}
                </Typography.Title>
              </Flex>
            </Flex>
            {d.totals.needs.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unitGaps.none')} />
            ) : (
              <Flex gap={8} wrap style={{ marginTop: 12 }}>
                {d.totals.needs.map((n) => (
                  <Button
                    key={`${n.kind}|${n.level}`}
                    onClick={() => setSel({ ...n, unitId: d.unit.id, unitName: d.unit.name })}
                    style={{ whiteSpace: 'normal', height: 'auto', minHeight: 32, maxWidth: '100%', textAlign: 'left' }}
                  >
                    {label(QUALIFICATION_KINDS, n.kind)}: {n.levelName} — <strong className="nt-num">{formatNumber(n.people)}</strong>
                  </Button>
                ))}
              </Flex>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t('unitGaps.clickHint')}
            </Typography.Text>
          </Card>
          {rows.length > 0 && (
            <Card size="small">
              <Table<Row>
                aria-label={t('unitGaps.tableLabel', { unit: d.unit.name })}
                rowKey={(r) => r.unit?.id ?? 0}
                size="small"
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 560 + needCols.length * 110 }}
              />
              {hidden > 0 && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
                  {t('unitGaps.hiddenEmpty', { n: formatNumber(hidden) })}
                </Typography.Text>
              )}
            </Card>
          )}
        </Flex>
      ) : null}
      {sel && <GapPeopleDrawer key={`${sel.unitId}|${sel.kind}|${sel.level}`} sel={sel} asOf={asOf} onClose={() => setSel(null)} />}
    </>
  );
}
