import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { FiveYearPlan } from '@nang-tam/contracts';
import { plansApi, type FiveYearTargetInput } from '../../api/plans';
import { useProgrammes } from '../../api/rules';
import { useI18n } from '../../i18n';
import { FormModal } from '../../shared/FormModal';
import { formatDate } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { periodStartOf, periodYears } from './plan-view';

/** The five-year plans (2021–2025, 2026–2030): targets per year and programme beside the annual plans and what was done. */
export default function FiveYearPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const list = useQuery({ queryKey: ['plans', 'five-year'], queryFn: plansApi.fiveYearList });
  const [createOpen, setCreateOpen] = useState(false);
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;
  const chosen = Number(sp.get('id')) || list.data.items[0]?.id || null;
  const nextStart = periodStartOf(new Date().getFullYear());
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('fiveYear.title')}
        </Typography.Title>
        <Space>
          {list.data.items.length > 0 && (
            <Select
              aria-label={t('fiveYear.title')}
              value={chosen}
              style={{ minWidth: 200 }}
              options={list.data.items.map((p) => ({ value: p.id, label: t('fiveYear.period', { from: p.startYear, to: p.endYear }) }))}
              onChange={(id: number) => setSp({ id: String(id) })}
            />
          )}
          {list.data.actions.includes('create') && <Button onClick={() => setCreateOpen(true)}>{t('fiveYear.create')}</Button>}
        </Space>
      </Flex>
      {chosen ? <FiveYearView id={chosen} /> : <Empty description={t('fiveYear.none')} />}
      <FormModal<{ startYear: number; title: string }>
        open={createOpen}
        name="fiveYearCreate"
        title={t('fiveYear.create')}
        okText={t('action.save')}
        onClose={() => setCreateOpen(false)}
        fields={['startYear', 'title']}
        initialValues={{ startYear: nextStart, title: `Kế hoạch đào tạo, bồi dưỡng cán bộ giai đoạn ${nextStart}–${nextStart + 4}` }}
        onSubmit={async (v) => {
          const made = await plansApi.fiveYearCreate(v);
          await qc.invalidateQueries({ queryKey: ['plans', 'five-year'] });
          setSp({ id: String(made.id) });
        }}
      >
        {() => (
          <>
            <Form.Item name="startYear" label={t('fiveYear.startYear')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={2000} max={2200} precision={0} />
            </Form.Item>
            <Form.Item name="title" label={t('plans.planTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={300} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Space>
  );
}

function FiveYearView({ id }: { id: number }) {
  const { t, formatNumber } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['plans', 'five-year', id], queryFn: () => plansApi.fiveYear(id) });
  const [editOpen, setEditOpen] = useState(false);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  type Target = FiveYearPlan['targets'][number];
  return (
    <Card
      title={p.title}
      extra={p.actions.includes('update') && <Button onClick={() => setEditOpen(true)}>{t('fiveYear.edit')}</Button>}
    >
      {p.decisionNumber && (
        <Typography.Paragraph>
          {t('plans.decision')}: {p.decisionNumber}
          {p.decisionDate ? ` — ${formatDate(p.decisionDate)}` : ''}
        </Typography.Paragraph>
      )}
      <Table<Target>
        size="small"
        rowKey={(r) => `${r.year}-${r.programme.code}`}
        pagination={false}
        dataSource={p.targets}
        locale={{ emptyText: t('fiveYear.none') }}
        columns={[
          { key: 'year', title: t('plans.col.year'), dataIndex: 'year' },
          { key: 'programme', title: t('plans.col.programme'), render: (_, r) => r.programme.name },
          { key: 'target', title: `${t('fiveYear.target')} (${t('realisation.classes').toLowerCase()} / ${t('plans.col.learners').toLowerCase()})`, align: 'right', render: (_, r) => `${formatNumber(r.classes)} / ${formatNumber(r.learners)}` },
          { key: 'plan', title: t('fiveYear.annualPlan'), align: 'right', render: (_, r) => (r.plannedClasses === null ? t('fiveYear.noAnnualPlan') : `${formatNumber(r.plannedClasses)} / ${formatNumber(r.plannedLearners ?? 0)}`) },
          { key: 'done', title: t('fiveYear.done'), align: 'right', render: (_, r) => `${formatNumber(r.doneClasses)} / ${formatNumber(r.doneLearners)}` },
          { key: 'pp', title: t('fiveYear.planPercent'), align: 'right', render: (_, r) => r.planPercent.text },
          { key: 'dp', title: t('fiveYear.donePercent'), align: 'right', render: (_, r) => r.donePercent.text },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(`realisation.note.rounding.${p.rounding.mode}`, { decimals: p.rounding.decimals })}
      </Typography.Paragraph>
      {editOpen && (
        <TargetsModal
          plan={p}
          onClose={() => setEditOpen(false)}
          onSaved={async (saved) => {
            qc.setQueryData(['plans', 'five-year', id], saved);
          }}
        />
      )}
    </Card>
  );
}

function TargetsModal({ plan, onClose, onSaved }: { plan: FiveYearPlan; onClose: () => void; onSaved: (p: FiveYearPlan) => Promise<void> }) {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const years = periodYears(plan.startYear);
  return (
    <FormModal<{ title: string; decisionNumber: string; targets: FiveYearTargetInput[] }>
      open
      width={760}
      name="fiveYearTargets"
      title={t('fiveYear.edit')}
      okText={t('action.save')}
      onClose={onClose}
      fields={['title', 'decisionNumber', 'targets']}
      initialValues={{
        title: plan.title,
        decisionNumber: plan.decisionNumber ?? '',
        targets: plan.targets.map((x) => ({ year: x.year, programmeCode: x.programme.code, classes: x.classes, learners: x.learners })),
      }}
      onSubmit={async (v) => {
        const saved = await plansApi.fiveYearUpdate(plan.id, {
          version: plan.version,
          title: v.title,
          decisionNumber: v.decisionNumber?.trim() || null,
          decisionDate: plan.decisionDate,
          targets: v.targets ?? [],
        });
        await onSaved(saved);
      }}
    >
      {() => (
        <>
          <Row gutter={12}>
            <Col span={16}>
              <Form.Item name="title" label={t('plans.planTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="decisionNumber" label={t('plans.decisionNumber')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('fiveYear.targets')}</Typography.Text>
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} align="middle">
                    <Col span={4}>
                      <Form.Item name={[f.name, 'year']} rules={[{ required: true, message: t('validation.required') }]}>
                        <Select aria-label={t('plans.col.year')} options={years.map((y) => ({ value: y, label: String(y) }))} />
                      </Form.Item>
                    </Col>
                    <Col span={10}>
                      <Form.Item name={[f.name, 'programmeCode']} rules={[{ required: true, message: t('validation.required') }]}>
                        <Select
                          aria-label={t('plans.col.programme')}
                          showSearch={{ filterOption: foldedFilter }}
                          options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[f.name, 'classes']} rules={[{ required: true, message: t('validation.required') }]}>
                        <InputNumber aria-label={t('plans.col.classes')} min={0} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[f.name, 'learners']} rules={[{ required: true, message: t('validation.required') }]}>
                        <InputNumber aria-label={t('plans.col.learners')} min={0} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Button type="text" aria-label={t('action.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ year: years[0], classes: 0, learners: 0 })}>
                  {t('fiveYear.addTarget')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
