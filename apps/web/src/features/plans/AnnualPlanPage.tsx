import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { AnnualPlan, PlanLine, PlanLineInput, PlanVersion } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { plansApi } from '../../api/plans';
import { useI18n } from '../../i18n';
import { toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { formatDate, formatDateTime } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/common';
import { LineModal } from './LineModal';
import { FromNeedsModal } from './FromNeedsModal';
import { ExportButton } from '../jobs/ExportButton';
import { FilePdfOutlined } from '@ant-design/icons';
import { ComparisonCard } from './ComparisonCard';
import { formatVnd, versionName } from './plan-view';
import { useFocusableTableScroll } from '../../shared/hooks';

const STATUS_COLOR = { draft: 'default', submitted: 'processing', approved: 'success' } as const;


/** The annual plan of a year: its versions, the chosen version's lines, the workflow, adjustments and comparison. */
export default function AnnualPlanPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || new Date().getFullYear();
  const list = useQuery({ queryKey: ['plans', 'list'], queryFn: plansApi.list });
  const plan = useQuery({
    queryKey: ['plans', 'annual', year],
    queryFn: () => plansApi.plan(year),
    retry: (n, err) => !(isApiError(err) && err.code === 'NOT_FOUND') && n < 2,
  });
  const notFound = isApiError(plan.error) && plan.error.code === 'NOT_FOUND';
  const years = useMemo(() => {
    const ys = new Set([year, new Date().getFullYear(), new Date().getFullYear() + 1, ...(list.data?.items.map((p) => p.year) ?? [])]);
    return [...ys].sort((a, b) => b - a);
  }, [list.data, year]);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('plans.title')}
        </Typography.Title>
        <Space>
          <Link to={`/plans/realisation?year=${year}`}>{t('nav.realisation')}</Link>
          <Select
            aria-label={t('plans.year')}
            value={year}
            style={{ width: 120 }}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            onChange={(y: number) => setSp({ year: String(y) })}
          />
        </Space>
      </Flex>
      {plan.isPending ? (
        <PageLoading />
      ) : notFound ? (
        <NoPlan year={year} canCreate={list.data?.actions.includes('create') ?? false} />
      ) : plan.isError ? (
        <PageError error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <PlanView plan={plan.data} />
      )}
    </Space>
  );
}

function NoPlan({ year, canCreate }: { year: number; canCreate: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <Empty description={t('plans.noPlan', { year })}>
        {canCreate && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('plans.create', { year })}
          </Button>
        )}
      </Empty>
      <FormModal<{ title: string }>
        open={open}
        name="planCreate"
        title={t('plans.createTitle')}
        okText={t('action.save')}
        onClose={() => setOpen(false)}
        fields={['title', 'year']}
        initialValues={{ title: t('plans.defaultTitle', { year }) }}
        onSubmit={async (v) => {
          await plansApi.create({ year, title: v.title });
          await qc.invalidateQueries({ queryKey: ['plans'] });
        }}
      >
        {() => (
          <Form.Item name="title" label={t('plans.planTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}

function PlanView({ plan }: { plan: AnnualPlan }) {
  const { t } = useI18n();
  const latest = plan.versions.at(-1)!;
  const [selected, setSelected] = useState<number>(latest.id);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  const versionId = plan.versions.some((v) => v.id === selected) ? selected : latest.id;
  return (
    <>
      <Card size="small" title={`${plan.title}`}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.versions}
          rowClassName={(v) => (v.id === versionId ? 'ant-table-row-selected' : '')}
          onRow={(v) => ({ onClick: () => setSelected(v.id), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'name', title: t('plans.versions'), render: (_, v) => versionName(t, v) },
            {
              key: 'status',
              title: t('classes.status'),
              render: (_, v) => (
                <Space>
                  <Tag color={STATUS_COLOR[v.status]}>{t(`plans.status.${v.status}`)}</Tag>
                  {v.id === plan.inForceVersionId && <Tag color="green">{t('plans.inForce')}</Tag>}
                </Space>
              ),
            },
            { key: 'decision', title: t('plans.decision'), render: (_, v) => (v.decisionNumber ? `${v.decisionNumber}${v.decisionDate ? ` (${formatDate(v.decisionDate)})` : ''}` : '') },
            { key: 'reason', title: t('plans.reason'), dataIndex: 'reason' },
            { key: 'lines', title: t('plans.lines'), dataIndex: 'lineCount', align: 'right' },
          ]}
        />
        {plan.versions.length > 1 && (
          <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
            <Typography.Text>{t('plans.action.compare')}:</Typography.Text>
            <CompareChooser plan={plan} onCompare={setCompare} />
          </Flex>
        )}
      </Card>
      {compare && <ComparisonCard from={compare.from} to={compare.to} onClose={() => setCompare(null)} />}
      <VersionCard versionId={versionId} plan={plan} onAdjusted={(id) => setSelected(id)} />
    </>
  );
}

function CompareChooser({ plan, onCompare }: { plan: AnnualPlan; onCompare: (c: { from: number; to: number }) => void }) {
  const { t } = useI18n();
  const n = plan.versions.length;
  const [from, setFrom] = useState(plan.versions[n - 2]!.id);
  const [to, setTo] = useState(plan.versions[n - 1]!.id);
  const options = plan.versions.map((v) => ({ value: v.id, label: versionName(t, v) }));
  return (
    <>
      <Select aria-label={t('plans.compareFrom')} value={from} onChange={setFrom} options={options} style={{ minWidth: 220 }} />
      <span>→</span>
      <Select aria-label={t('plans.compareTo')} value={to} onChange={setTo} options={options} style={{ minWidth: 220 }} />
      <Button onClick={() => onCompare({ from, to })}>{t('plans.action.compare')}</Button>
    </>
  );
}

function VersionCard({ versionId, plan, onAdjusted }: { versionId: number; plan: AnnualPlan; onAdjusted: (id: number) => void }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['plans', 'version', versionId], queryFn: () => plansApi.version(versionId) });
  const tableRef = useRef<HTMLDivElement>(null);
  useFocusableTableScroll(tableRef);
  const [lineModal, setLineModal] = useState<{ line: PlanLine | null } | null>(null);
  const [approveOpen, setApproveOpen] = useState(false);
  const [adjustOpen, setAdjustOpen] = useState(false);
  // needs → plan (decision 0035): opened from the button, or from a campaign's page (?fromNeeds=campaignId)
  const [sp, setSp] = useSearchParams();
  const fromNeedsParam = Number(sp.get('fromNeeds')) || undefined;
  const [fromNeedsOpen, setFromNeedsOpen] = useState(fromNeedsParam !== undefined);

  const refresh = async (v?: PlanVersion) => {
    if (v) qc.setQueryData(['plans', 'version', v.id], v);
    await qc.invalidateQueries({ queryKey: ['plans', 'annual', plan.year] });
    await qc.invalidateQueries({ queryKey: ['plans', 'list'] });
  };
  const onError = async (err: unknown) => {
    if (isApiError(err) && err.code === 'CONFLICT') {
      message.warning(t('plans.conflict'));
      await q.refetch();
      return;
    }
    message.error(errorMessage(err, locale));
  };
  const step = useMutation({
    mutationFn: (s: 'submit' | 'return') => plansApi.step(versionId, s, { rowVersion: q.data!.rowVersion }),
    onSuccess: async (v) => {
      await refresh(v);
      message.success(t('plans.saved'));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (lineId: number) => plansApi.deleteLine(versionId, lineId, q.data!.rowVersion),
    onSuccess: refresh,
    onError,
  });

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const can = (a: PlanVersion['actions'][number]) => v.actions.includes(a);
  const saveLine = async (input: PlanLineInput) => {
    const line = lineModal?.line;
    const saved = line ? await plansApi.updateLine(v.id, line.lineId, v.rowVersion, input) : await plansApi.addLines(v.id, v.rowVersion, [input]);
    await refresh(saved);
  };

  return (
    <Card
      title={
        <Space wrap>
          <span>{versionName(t, v)}</span>
          <Tag color={STATUS_COLOR[v.status]}>{t(`plans.status.${v.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {can('addLines') && (
            <Button onClick={() => setLineModal({ line: null })}>{t('plans.addLine')}</Button>
          )}
          {can('addLines') && (
            <Button onClick={() => setFromNeedsOpen(true)} data-testid="from-needs-open">
              {t('fromNeeds.button')}
            </Button>
          )}
          {can('submit') && (
            <Button type="primary" loading={step.isPending} onClick={() => step.mutate('submit')}>
              {t('plans.action.submit')}
            </Button>
          )}
          {can('return') && (
            <Button loading={step.isPending} onClick={() => step.mutate('return')}>
              {t('plans.action.return')}
            </Button>
          )}
          {can('approve') && (
            <Button type="primary" onClick={() => setApproveOpen(true)}>
              {t('plans.action.approve')}
            </Button>
          )}
          {can('adjust') && <Button onClick={() => setAdjustOpen(true)}>{t('plans.action.adjust')}</Button>}
          {can('export') && (
            <>
              <ExportButton start={() => plansApi.exportPlan(v.id, 'xlsx')} total={v.lines.length} />
              <ExportButton start={() => plansApi.exportPlan(v.id, 'pdf')} total={v.lines.length} label={t('plans.exportPdf')} icon={<FilePdfOutlined />} />
            </>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          ...(v.reason ? [{ key: 'reason', label: t('plans.reason'), children: v.reason }] : []),
          ...(v.decisionNumber ? [{ key: 'decision', label: t('plans.decision'), children: `${v.decisionNumber}${v.decisionDate ? ` — ${formatDate(v.decisionDate)}` : ''}` }] : []),
          ...(v.approvedAt ? [{ key: 'approved', label: t('plans.approvedBy'), children: `${v.approvedBy ?? ''} · ${formatDateTime(v.approvedAt, locale)}` }] : []),
        ]}
      />
      {v.status === 'approved' && <Alert type="info" showIcon style={{ margin: '8px 0' }} title={t('plans.frozen')} />}
      <div ref={tableRef}>
      <Table<PlanLine>
        size="small"
        rowKey="lineId"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={v.lines}
        locale={{ emptyText: t('plans.noLines') }}
        columns={[
          { key: 'programme', title: t('plans.col.programme'), render: (_, l) => l.programme.name },
          { key: 'mode', title: t('plans.col.mode'), render: (_, l) => modeLabel(t, l.mode) },
          { key: 'classes', title: t('plans.col.classes'), align: 'right', render: (_, l) => formatNumber(l.classes) },
          { key: 'learners', title: t('plans.col.learners'), align: 'right', render: (_, l) => formatNumber(l.learners) },
          { key: 'quarter', title: t('plans.col.quarter'), render: (_, l) => t('plans.quarterValue', { q: l.quarter }) },
          { key: 'organiser', title: t('plans.col.organiser'), render: (_, l) => l.organiser.name },
          { key: 'site', title: t('plans.col.site'), render: (_, l) => `${t(`plans.siteKind.${l.siteKind}`)} — ${l.site}` },
          { key: 'cost', title: t('plans.col.cost'), align: 'right', render: (_, l) => formatVnd(l.estimatedCost, locale) },
          { key: 'carried', title: t('plans.col.carriedOver'), render: (_, l) => (l.carriedOver ? t('common.yes') : '') },
          { key: 'note', title: t('plans.col.note'), dataIndex: 'note' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, l) => (
              <Space>
                <Link to={`/plans/lines/${l.lineId}/budget`}>{t('budget.tab')}</Link>
                {l.actions.includes('update') && (
                  <Button size="small" onClick={() => setLineModal({ line: l })}>
                    {t('plans.edit')}
                  </Button>
                )}
                {l.actions.includes('delete') && (
                  <Popconfirm title={t('plans.deleteConfirm')} onConfirm={() => remove.mutate(l.lineId)}>
                    <Button size="small" danger>
                      {t('plans.deleteLine')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      </div>
      <Typography.Paragraph strong style={{ marginTop: 12 }}>
        {t('plans.totals', {
          lines: formatNumber(v.totals.lines),
          classes: formatNumber(v.totals.classes),
          learners: formatNumber(v.totals.learners),
          cost: formatVnd(v.totals.estimatedCost, locale),
        })}
      </Typography.Paragraph>
      {lineModal && <LineModal open year={plan.year} line={lineModal.line} onClose={() => setLineModal(null)} onSubmit={saveLine} />}
      {fromNeedsOpen && can('addLines') && (
        <FromNeedsModal
          version={v}
          year={plan.year}
          campaignId={fromNeedsParam}
          onClose={() => {
            setFromNeedsOpen(false);
            if (fromNeedsParam !== undefined) setSp({ year: String(plan.year) }, { replace: true });
          }}
          onAdded={refresh}
        />
      )}
      <FormModal<{ decisionNumber: string; decisionDate: import('dayjs').Dayjs | null }>
        open={approveOpen}
        name="planApprove"
        title={t('plans.approveTitle')}
        okText={t('plans.action.approve')}
        onClose={() => setApproveOpen(false)}
        fields={['decisionNumber', 'decisionDate']}
        onSubmit={async (f) => {
          try {
            await refresh(await plansApi.step(v.id, 'approve', { rowVersion: v.rowVersion, decisionNumber: f.decisionNumber?.trim() || null, decisionDate: toIso(f.decisionDate) }));
          } catch (err) {
            if (isApiError(err) && err.code === 'CONFLICT') await q.refetch();
            throw err;
          }
        }}
      >
        {() => (
          <>
            <Form.Item name="decisionNumber" label={t('plans.decisionNumber')}>
              <Input maxLength={100} placeholder="125-QĐ/TU" />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('plans.decisionDate')}>
              <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<{ reason: string; decisionNumber: string; decisionDate: import('dayjs').Dayjs | null }>
        open={adjustOpen}
        name="planAdjust"
        title={t('plans.adjustTitle')}
        okText={t('plans.action.adjust')}
        intro={<Typography.Paragraph type="secondary">{t('plans.adjustIntro')}</Typography.Paragraph>}
        onClose={() => setAdjustOpen(false)}
        fields={['reason', 'decisionNumber', 'decisionDate']}
        onSubmit={async (f) => {
          const made = await plansApi.adjust(v.id, { rowVersion: v.rowVersion, reason: f.reason.trim(), decisionNumber: f.decisionNumber.trim(), decisionDate: toIso(f.decisionDate) ?? '' });
          await refresh(made);
          onAdjusted(made.id);
        }}
      >
        {() => (
          <>
            <Form.Item name="reason" label={t('plans.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
            <Form.Item name="decisionNumber" label={t('plans.decisionNumber')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('plans.decisionDate')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Card>
  );
}
