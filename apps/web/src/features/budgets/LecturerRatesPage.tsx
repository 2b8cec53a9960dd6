import { useMemo, useState } from 'react';
import { AutoComplete, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { LecturerRateVersion } from '@nang-tam/contracts';
import { budgetsApi } from '../../api/budgets';
import { useI18n } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { useDong } from '../reimbursement/common';

interface RateForm {
  category: string;
  label: string;
  amount: number;
  per: 'session' | 'day';
  period: Dayjs | null;
  to: Dayjs | null;
  sourceCode: string;
  sourceTitle: string;
  note?: string;
}

/** What the modal starts from: a new rate (maybe of a known category) or the correction of one version. */
type Draft = { corrects?: LecturerRateVersion; category?: LecturerRateVersion };

/**
 * Kinh phí → Định mức thù lao giảng viên (decision 0063): each lecturer category's rates as versions
 * with their source and period; the board and home affairs add a rate from a date, a new category,
 * or correct a version. Estimates read the rate in force on a class's first day.
 */
export default function LecturerRatesPage() {
  const { t } = useI18n();
  usePageTitle(t('nav.lecturerRates'));
  const dong = useDong();
  const q = useQuery({ queryKey: ['lecturer-rates'], queryFn: ({ signal }) => budgetsApi.rates(signal) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const canCreate = q.data?.actions.includes('create') ?? false;
  const inUse = useMemo(() => (q.data?.items ?? []).filter((r) => r.supersededBy === null), [q.data]);

  const columns: TableColumnsType<LecturerRateVersion> = [
    {
      title: t('rates.category'),
      key: 'category',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{r.label}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.category} · {t('rates.version', { n: r.version })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('rates.amount'),
      key: 'amount',
      align: 'right',
      width: 170,
      render: (_, r) => (
        <Typography.Text delete={r.supersededBy !== null}>
          {dong(r.amount)}/{r.per === 'session' ? t('rates.perSession') : t('rates.perDay')}
        </Typography.Text>
      ),
    },
    {
      title: t('rates.period'),
      key: 'period',
      width: 210,
      render: (_, r) => `${formatDate(r.effectiveFrom)} – ${r.effectiveTo ? formatDate(r.effectiveTo) : t('rates.open')}`,
    },
    {
      title: t('rates.source'),
      key: 'source',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{r.source.code}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.source.title}
          </Typography.Text>
          {r.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('rates.state'),
      key: 'state',
      width: 150,
      render: (_, r) =>
        r.supersededBy !== null ? (
          <Tag>{t('rates.corrected', { n: r.supersededBy })}</Tag>
        ) : r.effectiveTo === null || r.effectiveTo >= (q.data?.asOf ?? '') ? (
          r.effectiveFrom <= (q.data?.asOf ?? '') ? <Tag color="green">{t('rates.inForce')}</Tag> : <Tag color="blue">{t('rates.upcoming')}</Tag>
        ) : (
          <Tag>{t('rates.ended')}</Tag>
        ),
    },
    ...(canCreate
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, r: LecturerRateVersion) =>
              r.supersededBy === null ? (
                <Space size={4} wrap>
                  {r.effectiveTo === null && (
                    <Button size="small" onClick={() => setDraft({ category: r })}>
                      {t('rates.newAmount')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setDraft({ corrects: r })}>
                    {t('rates.correct')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('nav.lecturerRates')}
        </Typography.Title>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDraft({})}>
            {t('rates.add')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rates.intro')}
      </Typography.Paragraph>
      <Card>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<LecturerRateVersion>
            rowKey="id"
            size="small"
            loading={q.isPending}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={false}
          />
        )}
      </Card>
      {draft && <RateModal draft={draft} categories={inUse} onClose={() => setDraft(null)} />}
    </Flex>
  );
}

function RateModal({ draft, categories, onClose }: { draft: Draft; categories: LecturerRateVersion[]; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const base = draft.corrects ?? draft.category;
  const known = useMemo(() => [...new Map(categories.map((c) => [c.category, c])).values()], [categories]);
  const initialValues: Partial<RateForm> = base
    ? {
        category: base.category,
        label: base.label,
        amount: draft.corrects ? base.amount : undefined,
        per: base.per,
        period: draft.corrects ? toDayjs(base.effectiveFrom) : null,
        to: draft.corrects ? toDayjs(base.effectiveTo) : null,
        sourceCode: draft.corrects ? base.source.code : '',
        sourceTitle: draft.corrects ? base.source.title : '',
      }
    : { per: 'session' };
  return (
    <FormModal<RateForm>
      open
      name="lecturerRate"
      width={640}
      title={draft.corrects ? t('rates.correctTitle', { n: draft.corrects.version }) : t('rates.addTitle')}
      okText={t('action.save')}
      intro={<Typography.Paragraph type="secondary">{draft.corrects ? t('rates.correctIntro') : t('rates.addIntro')}</Typography.Paragraph>}
      initialValues={initialValues}
      fields={['category', 'label', 'amount', 'per', 'period', 'note']}
      onClose={onClose}
      onSubmit={async (f) => {
        const list = await budgetsApi.addRate({
          category: f.category.trim(),
          label: f.label.trim(),
          amount: f.amount,
          per: f.per,
          source: { code: f.sourceCode.trim(), title: f.sourceTitle.trim() },
          period: { from: toIso(f.period) ?? '', to: toIso(f.to) },
          ...(draft.corrects ? { corrects: draft.corrects.version } : {}),
          ...(f.note?.trim() ? { note: f.note.trim() } : {}),
        });
        qc.setQueryData(['lecturer-rates'], list);
        await qc.invalidateQueries({ queryKey: ['budget'] });
      }}
    >
      {(form) => (
        <>
          <Form.Item name="category" label={t('rates.categoryCode')} extra={t('rates.categoryHelp')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <AutoComplete
              disabled={base !== undefined}
              options={known.map((c) => ({ value: c.category, label: `${c.category} — ${c.label}` }))}
              onSelect={(v: string) => {
                const c = known.find((k) => k.category === v);
                if (c) form.setFieldsValue({ label: c.label, per: c.per });
              }}
              filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
            />
          </Form.Item>
          <Form.Item name="label" label={t('rates.label')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="amount" label={t('rates.amountDong')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1, minWidth: 200 }}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="per" label={t('rates.per')} style={{ width: 160 }}>
              <Select
                options={[
                  { value: 'session', label: t('rates.perSession') },
                  { value: 'day', label: t('rates.perDay') },
                ]}
              />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="period" label={t('rates.from')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: 1, minWidth: 200 }}>
              <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} disabled={draft.corrects !== undefined} />
            </Form.Item>
            <Form.Item name="to" label={t('rates.to')} style={{ flex: 1, minWidth: 200 }}>
              <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} disabled={draft.corrects !== undefined} />
            </Form.Item>
          </Flex>
          <Form.Item name="sourceCode" label={t('rates.sourceCode')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={100} placeholder="06/2023/TT-BTC" />
          </Form.Item>
          <Form.Item name="sourceTitle" label={t('rates.sourceTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
          <Form.Item name="note" label={t('rates.note')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
