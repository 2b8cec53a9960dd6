/**
 * "Kinh phí" of a class or a plan line (issue 11 point 2): estimate against actual by category, the
 * cost per learner and per person-time, the estimate's items (lecturers' fees from the rates with
 * their source), the vouchers, and — when the server's `actions` allow — the forms to change the
 * estimate and to record a voucher.
 */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BUDGET_CATEGORIES, BUDGET_CATEGORY_LABELS, type Budget, type CostEntriesInput, type EstimateInput } from '@nang-tam/contracts';
import type { Dayjs } from 'dayjs';
import { budgetsApi, type HolderKind } from '../../api/budgets';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { VI_DATE_FORMATS, notInFuture, toIso } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { PageError } from '../../shared/PageState';
import { useDong } from '../reimbursement/common';

type Category = (typeof BUDGET_CATEGORIES)[number];

export function BudgetPanel({ kind, id }: { kind: HolderKind; id: number }) {
  const { t, locale, formatNumber } = useI18n();
  const dong = useDong();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<Budget['entries'][number] | null>(null);
  const q = useQuery({ queryKey: ['budget', kind, id], queryFn: ({ signal }) => budgetsApi.get(kind, id, signal) });
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  if (!b) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  const f = b.figures;
  const cat = (c: Category) => BUDGET_CATEGORY_LABELS[c][locale];
  const rows = BUDGET_CATEGORIES.map((c) => ({ key: c, label: cat(c), estimate: f.estimateByCategory[c], actual: f.actualByCategory[c] }));
  const compare: TableColumnsType<(typeof rows)[number]> = [
    { key: 'label', title: t('budget.category'), dataIndex: 'label' },
    { key: 'estimate', title: t('budget.estimate'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.estimate)}</span> },
    { key: 'actual', title: t('budget.actual'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.actual)}</span> },
    { key: 'diff', title: t('budget.difference'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.actual - r.estimate)}</span> },
  ];
  const entryColumns: TableColumnsType<Budget['entries'][number]> = [
    { key: 'date', title: t('budget.spentOn'), render: (_, e) => <span className="nt-num">{formatDate(e.spentOn)}</span> },
    { key: 'doc', title: t('budget.documentNo'), dataIndex: 'documentNo' },
    { key: 'cat', title: t('budget.category'), render: (_, e) => cat(e.category) },
    { key: 'desc', title: t('budget.description'), render: (_, e) => [e.description, e.class?.name].filter(Boolean).join(' — ') },
    {
      key: 'amount',
      title: t('budget.amount'),
      align: 'right',
      render: (_, e) => (
        <Typography.Text className="nt-num" delete={e.voided !== null}>
          {dong(e.amount)}
        </Typography.Text>
      ),
    },
    {
      key: 'by',
      title: t('budget.recordedBy'),
      render: (_, e) =>
        e.voided ? (
          <Space direction="vertical" size={0}>
            <span>{e.recordedBy}</span>
            <Typography.Text type="danger">{t('budget.voidedBy', { name: e.voided.by ?? '', date: formatDate(e.voided.at.slice(0, 10)), reason: e.voided.reason })}</Typography.Text>
          </Space>
        ) : (
          e.recordedBy
        ),
    },
    // a voucher entered by mistake is voided on its own holder (a line's classes' vouchers on the class)
    ...(b.actions.includes('recordCost')
      ? [
          {
            key: 'void',
            title: t('common.actions'),
            render: (_: unknown, e: Budget['entries'][number]) =>
              e.voided === null && e.class === null ? (
                <Button size="small" danger onClick={() => setVoiding(e)}>
                  {t('budget.void')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={16} data-testid="budget-panel">
      <Flex gap={8} wrap>
        {b.actions.includes('editEstimate') && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {b.estimate ? t('budget.editEstimate') : t('budget.newEstimate')}
          </Button>
        )}
        {b.actions.includes('recordCost') && <Button onClick={() => setRecording(true)}>{t('budget.recordCost')}</Button>}
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t('budget.estimateTotal')}>
          <strong className="nt-num" data-testid="budget-estimate">{dong(f.estimate)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.actualTotal')}>
          <strong className="nt-num" data-testid="budget-actual">{dong(f.actual)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.difference')}>
          <span className="nt-num" data-testid="budget-difference">{dong(f.difference)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.learners')}>
          <span className="nt-num">{formatNumber(f.learners)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.perLearner')}>
          <span className="nt-num">{f.costPerLearner === null ? '—' : dong(f.costPerLearner)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.perPersonTime')}>
          <span className="nt-num">{f.costPerPersonTime === null ? '—' : dong(f.costPerPersonTime)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table rowKey="key" size="small" pagination={false} columns={compare} dataSource={rows} aria-label={t('budget.compareTable')} />
      <Typography.Text type="secondary">{b.roundingNote}</Typography.Text>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('budget.estimateItems')}
      </Typography.Title>
      {b.estimate ? (
        <>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={b.estimate.items}
            columns={[
              { key: 'cat', title: t('budget.category'), render: (_, i) => cat(i.category) },
              { key: 'desc', title: t('budget.description'), dataIndex: 'description' },
              { key: 'amount', title: t('budget.amount'), align: 'right', render: (_, i) => <span className="nt-num">{dong(i.amount)}</span> },
            ]}
          />
          <Typography.Text type="secondary">
            {t('budget.estimateBy', { who: b.estimate.updatedBy ?? '', date: formatDate(b.estimate.updatedAt.slice(0, 10)), asOf: formatDate(b.asOf) })}
          </Typography.Text>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('budget.noEstimate')} />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('budget.entries')}
      </Typography.Title>
      <Table rowKey="id" size="small" pagination={false} columns={entryColumns} dataSource={b.entries} scroll={{ x: 700 }} locale={{ emptyText: t('budget.noEntries') }} />
      {editing && <EstimateModal kind={kind} id={id} budget={b} onClose={() => setEditing(false)} />}
      {recording && <CostModal kind={kind} id={id} onClose={() => setRecording(false)} />}
      {voiding && <VoidModal kind={kind} id={id} entry={voiding} onClose={() => setVoiding(null)} />}
    </Flex>
  );
}

interface EstimateForm {
  lecturers: { rateCategory: string; sessions: number }[];
  learners: number;
  supportPerLearner: number;
  venue: number;
  materials: number;
  other: number;
  note?: string;
}

const money = { min: 0, step: 100_000, style: { width: '100%' }, formatter: (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.'), parser: (v: string | undefined) => Number((v ?? '').replace(/\./g, '')) } as const;

function EstimateModal({ kind, id, budget, onClose }: { kind: HolderKind; id: number; budget: Budget; onClose: () => void }) {
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const e = budget.estimate;
  const item = (c: Category) => e?.items.filter((i) => i.category === c) ?? [];
  const initial: EstimateForm = {
    lecturers: item('lecturers').map((i) => ({ rateCategory: i.rateCategory ?? '', sessions: i.quantity })),
    learners: e?.learners ?? budget.learnersNow,
    supportPerLearner: item('support')[0]?.unitAmount ?? 0,
    venue: item('venue')[0]?.amount ?? 0,
    materials: item('materials')[0]?.amount ?? 0,
    other: item('other')[0]?.amount ?? 0,
    note: e?.note ?? undefined,
  };
  const inForce = budget.rates.filter((r) => r.effectiveFrom <= budget.asOf && (r.effectiveTo === null || r.effectiveTo >= budget.asOf));
  const save = async (v: EstimateForm) => {
    const body: EstimateInput = { version: e?.version ?? null, ...v, lecturers: v.lecturers ?? [], note: v.note || undefined };
    const b = await budgetsApi.saveEstimate(kind, id, body);
    qc.setQueryData(['budget', kind, id], b);
    void qc.invalidateQueries({ queryKey: ['budgets'] });
    message.success(t('budget.saved'));
  };
  return (
    <FormModal<EstimateForm>
      open
      name="budget-estimate"
      title={e ? t('budget.editEstimate') : t('budget.newEstimate')}
      okText={t('budget.saveEstimate')}
      onSubmit={save}
      onClose={onClose}
      initialValues={initial}
      width={760}
      fields={['lecturers', 'learners', 'supportPerLearner', 'venue', 'materials', 'other', 'note']}
    >
      {() => (
      <>
      <Typography.Paragraph type="secondary">{t('budget.ratesAsOf', { date: formatDate(budget.asOf) })}</Typography.Paragraph>
      <Form.List name="lecturers">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('budget.lecturerFees')}</Typography.Text>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'rateCategory']} rules={[{ required: true, message: t('budget.rateRequired') }]} style={{ minWidth: 380 }}>
                  <Select
                    aria-label={t('budget.rateCategory')}
                    placeholder={t('budget.rateCategory')}
                    options={inForce.map((r) => ({ value: r.category, label: `${r.label} — ${formatNumber(r.amount)} đ/${t(r.per === 'day' ? 'budget.perDay' : 'budget.perSession')} (${r.source.code})` }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'sessions']} rules={[{ required: true, type: 'integer', min: 1, message: t('budget.sessionsInvalid') }]}>
                  <InputNumber min={1} precision={0} aria-label={t('budget.sessions')} placeholder={t('budget.sessions')} addonAfter={t('budget.perSession')} />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('action.remove')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sessions: 1 })} style={{ alignSelf: 'flex-start' }}>
              {t('budget.addLecturer')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Flex gap={12} wrap style={{ marginTop: 12 }}>
        <Form.Item name="learners" label={t('budget.learners')} rules={[{ required: true, type: 'integer', min: 0 }]}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="supportPerLearner" label={t('budget.supportPerLearner')} rules={[{ required: true, type: 'number', min: 0, message: t('budget.amountInvalid') }]} style={{ minWidth: 220 }}>
          <InputNumber {...money} addonAfter="đ" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        {(['venue', 'materials', 'other'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`budget.cat.${k}`)} rules={[{ required: true, type: 'number', min: 0, message: t('budget.amountInvalid') }]} style={{ minWidth: 200 }}>
            <InputNumber {...money} addonAfter="đ" />
          </Form.Item>
        ))}
      </Flex>
      <Form.Item name="note" label={t('budget.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {e && <Alert type="info" showIcon message={t('budget.replaceNote')} />}
      </>
      )}
    </FormModal>
  );
}

interface CostForm {
  category: Category;
  spentOn: Dayjs;
  amount: number;
  documentNo: string;
  description?: string;
}

function CostModal({ kind, id, onClose }: { kind: HolderKind; id: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = async (v: CostForm) => {
    const body: CostEntriesInput = { entries: [{ category: v.category, spentOn: toIso(v.spentOn)!, amount: v.amount, documentNo: v.documentNo, description: v.description || undefined }] };
    const b = await budgetsApi.recordCosts(kind, id, body);
    qc.setQueryData(['budget', kind, id], b);
    void qc.invalidateQueries({ queryKey: ['budgets'] });
    message.success(t('budget.recorded'));
  };
  return (
    <FormModal<CostForm> open name="budget-cost" title={t('budget.recordCost')} okText={t('budget.recordCostOk')} onSubmit={save} onClose={onClose} fields={['category', 'spentOn', 'amount', 'documentNo', 'description']}>
      {() => (
      <>
      <Form.Item name="category" label={t('budget.category')} rules={[{ required: true, message: t('budget.categoryRequired') }]}>
        <Select options={BUDGET_CATEGORIES.map((c) => ({ value: c, label: BUDGET_CATEGORY_LABELS[c][locale] }))} />
      </Form.Item>
      <Form.Item name="spentOn" label={t('budget.spentOn')} rules={[{ required: true, message: t('budget.dateRequired') }]}>
        <DatePicker format={VI_DATE_FORMATS} disabledDate={notInFuture} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="amount" label={t('budget.amount')} rules={[{ required: true, type: 'number', min: 1, message: t('budget.amountPositive') }]}>
        <InputNumber {...money} min={1} addonAfter="đ" />
      </Form.Item>
      <Form.Item name="documentNo" label={t('budget.documentNo')} rules={[{ required: true, whitespace: true, message: t('budget.documentRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('budget.description')}>
        <Input maxLength={500} />
      </Form.Item>
      </>
      )}
    </FormModal>
  );
}

function VoidModal({ kind, id, entry, onClose }: { kind: HolderKind; id: number; entry: Budget['entries'][number]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dong = useDong();
  const save = async (v: { reason: string }) => {
    const b = await budgetsApi.voidCost(kind, id, entry.id, { reason: v.reason.trim() });
    qc.setQueryData(['budget', kind, id], b);
    void qc.invalidateQueries({ queryKey: ['budgets'] });
    message.success(t('budget.voided'));
  };
  return (
    <FormModal<{ reason: string }>
      open
      name="budget-void"
      title={t('budget.voidTitle', { documentNo: entry.documentNo })}
      okText={t('budget.void')}
      intro={<Typography.Paragraph type="secondary">{t('budget.voidIntro', { amount: dong(entry.amount), date: formatDate(entry.spentOn) })}</Typography.Paragraph>}
      onSubmit={save}
      onClose={onClose}
      fields={['reason']}
    >
      {() => (
        <Form.Item name="reason" label={t('budget.voidReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}
