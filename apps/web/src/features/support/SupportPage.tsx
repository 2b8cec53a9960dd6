/**
 * "Hỗ trợ người học": the support policies (each version with its source document and effective
 * period; the board and home affairs add one) and the payment lists of the people sent to study
 * by one decision. The class lists are on each class's page.
 */
import { useRef, useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { PERSON_CATEGORIES } from '@nang-tam/domain';
import type { SupportPolicy, SupportPolicyInput } from '@nang-tam/contracts';
import { supportApi } from '../../api/support';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { VI_DATE_FORMATS, toIso } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { PageError, PageLoading } from '../../shared/PageState';
import { useFocusableTableScroll, usePageTitle, useUrlState } from '../../shared/hooks';
import { SupportListView, useDong } from './SupportListView';

function Policies() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dong = useDong();
  const [adding, setAdding] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useFocusableTableScroll(ref);
  const q = useQuery({ queryKey: ['support', 'policies'], queryFn: ({ signal }) => supportApi.policies(signal) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const place = (p: { inProvince: number; outsideProvince: number }) => `${dong(p.inProvince)} / ${dong(p.outsideProvince)}`;
  const columns: TableColumnsType<SupportPolicy> = [
    {
      key: 'name',
      title: t('sup.policyName'),
      render: (_, p) => (
        <Flex vertical>
          <strong>{p.name}</strong>
          <Typography.Text type="secondary">{`${p.source.code} — ${p.source.issuer}, ${formatDate(p.source.issuedOn)}`}</Typography.Text>
          <Flex gap={4} wrap>
            <Tag>{t('sup.version', { n: p.version })}</Tag>
            {p.inForce && <Tag color="green">{t('sup.inForce')}</Tag>}
            {p.supersededBy !== null && <Tag>{t('sup.superseded', { n: p.supersededBy })}</Tag>}
            {!p.verified && <Tag color="orange">{t('sup.unverified')}</Tag>}
          </Flex>
        </Flex>
      ),
    },
    { key: 'period', title: t('sup.period'), render: (_, p) => `${formatDate(p.period.from)} – ${p.period.to ? formatDate(p.period.to) : t('sup.open')}` },
    {
      key: 'coverage',
      title: t('sup.coverage'),
      render: (_, p) =>
        [
          p.coverage.courseKinds?.length ? p.coverage.courseKinds.map((k) => (k === 'class' ? t('sup.kindClass') : t('sup.kindOutside'))).join(', ') : null,
          p.coverage.categories?.length ? p.coverage.categories.map((c) => PERSON_CATEGORIES.find((x) => x.code === c)?.[locale] ?? c).join(', ') : null,
          p.coverage.modes?.length ? p.coverage.modes.join(', ') : null,
        ]
          .filter(Boolean)
          .join('; ') || t('sup.everyone'),
    },
    {
      key: 'rates',
      title: t('sup.rates'),
      render: (_, p) => (
        <Flex vertical>
          <span>{t('sup.rateDaily', { v: place(p.rates.daily.full_time) })}</span>
          <span>{t('sup.rateAccommodation', { v: place(p.rates.accommodationPerNight) })}</span>
          <span>{t('sup.rateTravel', { v: place(p.rates.travelPerCourse) })}</span>
          {p.rates.tuitionPercent > 0 && <span>{t('sup.rateTuition', { v: p.rates.tuitionPercent })}</span>}
          <span>{t('sup.rateWomen', { v: dong(p.rates.women.perDay), c: dong(p.rates.women.perCourse) })}</span>
          <span>{t('sup.rateEthnic', { v: dong(p.rates.ethnicMinority.perDay), c: dong(p.rates.ethnicMinority.perCourse) })}</span>
          {p.rates.capPerCourse !== null && <span>{t('sup.capCourse', { v: dong(p.rates.capPerCourse) })}</span>}
          {p.rates.capPerYear !== null && <span>{t('sup.capYear', { v: dong(p.rates.capPerYear) })}</span>}
        </Flex>
      ),
    },
  ];
  type V = {
    id: string;
    name: string;
    source: { code: string; title: string; issuer: string; issuedOn: Dayjs | null };
    verified: boolean;
    from: Dayjs | null;
    to: Dayjs | null;
    courseKinds?: ('class' | 'outside')[];
    categories?: string[];
    rates: SupportPolicyInput['rates'];
  };
  const money = (name: (string | number)[], label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('out.required') }]}>
      <InputNumber precision={0} style={{ width: '100%' }} addonAfter="đ" />
    </Form.Item>
  );
  return (
    <Flex vertical gap={12} ref={ref}>
      <Typography.Paragraph type="secondary">{t('sup.policiesIntro')}</Typography.Paragraph>
      {q.data.actions.includes('create') && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('sup.addPolicy')}
          </Button>
        </div>
      )}
      <Table<SupportPolicy> rowKey={(p) => `${p.id}@${p.version}`} columns={columns} dataSource={q.data.items} pagination={false} size="small" scroll={{ x: true }} />
      <FormModal<V>
        open={adding}
        name="support-policy"
        width={760}
        title={t('sup.addPolicy')}
        okText={t('action.save')}
        fields={['id', 'name', 'source', 'verified', 'period', 'rates', 'coverage']}
        intro={<Typography.Paragraph type="secondary">{t('sup.addIntro')}</Typography.Paragraph>}
        initialValues={{ verified: false, courseKinds: ['class'], rates: { capPerCourse: null, capPerYear: null, tuitionPercent: 0 } as never }}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const res = await supportApi.addPolicy({
            id: v.id,
            name: v.name,
            source: { code: v.source.code, title: v.source.title, issuer: v.source.issuer, issuedOn: toIso(v.source.issuedOn) ?? '' },
            verified: v.verified,
            coverage: { ...(v.courseKinds?.length ? { courseKinds: v.courseKinds } : {}), ...(v.categories?.length ? { categories: v.categories } : {}) },
            rates: { ...v.rates, capPerCourse: v.rates.capPerCourse ?? null, capPerYear: v.rates.capPerYear ?? null },
            period: { from: toIso(v.from) ?? '', to: toIso(v.to) },
          });
          qc.setQueryData(['support', 'policies'], res);
          message.success(t('sup.policySaved'));
          setAdding(false);
        }}
      >
        {() => (
          <>
            <Flex gap={8}>
              <Form.Item name="id" label={t('sup.policyId')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <Input maxLength={40} placeholder="LS_NQ09" />
              </Form.Item>
              <Form.Item name="name" label={t('sup.policyName')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 2 }}>
                <Input maxLength={300} />
              </Form.Item>
            </Flex>
            <Flex gap={8}>
              <Form.Item name={['source', 'code']} label={t('sup.sourceCode')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={['source', 'issuer']} label={t('sup.issuer')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={['source', 'issuedOn']} label={t('sup.issuedOn')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
              </Form.Item>
            </Flex>
            <Form.Item name={['source', 'title']} label={t('sup.sourceTitle')} rules={[{ required: true, message: t('out.required') }]}>
              <Input maxLength={500} />
            </Form.Item>
            <Flex gap={8}>
              <Form.Item name="from" label={t('sup.from')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="to" label={t('sup.to')} style={{ flex: 1 }}>
                <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="verified" valuePropName="checked" label=" " style={{ flex: 1 }}>
                <Checkbox>{t('sup.verified')}</Checkbox>
              </Form.Item>
            </Flex>
            <Flex gap={8}>
              <Form.Item name="courseKinds" label={t('sup.coverageKinds')} style={{ flex: 1 }}>
                <Select mode="multiple" options={[{ value: 'class', label: t('sup.kindClass') }, { value: 'outside', label: t('sup.kindOutside') }]} />
              </Form.Item>
              <Form.Item name="categories" label={t('sup.coverageCategories')} style={{ flex: 1 }}>
                <Select mode="multiple" options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: c[locale] }))} />
              </Form.Item>
            </Flex>
            <Typography.Text strong>{t('sup.ratesDaily')}</Typography.Text>
            {(['full_time', 'part_time', 'online'] as const).map((m) => (
              <Flex gap={8} key={m}>
                {money(['rates', 'daily', m, 'inProvince'], t(`sup.mode.${m}`) + ' — ' + t('sup.inProvince'))}
                {money(['rates', 'daily', m, 'outsideProvince'], t(`sup.mode.${m}`) + ' — ' + t('sup.outsideProvince'))}
              </Flex>
            ))}
            <Flex gap={8}>
              {money(['rates', 'accommodationPerNight', 'inProvince'], t('sup.accommodation') + ' — ' + t('sup.inProvince'))}
              {money(['rates', 'accommodationPerNight', 'outsideProvince'], t('sup.accommodation') + ' — ' + t('sup.outsideProvince'))}
            </Flex>
            <Flex gap={8}>
              {money(['rates', 'travelPerCourse', 'inProvince'], t('sup.travel') + ' — ' + t('sup.inProvince'))}
              {money(['rates', 'travelPerCourse', 'outsideProvince'], t('sup.travel') + ' — ' + t('sup.outsideProvince'))}
            </Flex>
            <Flex gap={8}>
              {money(['rates', 'women', 'perDay'], t('sup.womenPerDay'))}
              {money(['rates', 'women', 'perCourse'], t('sup.womenPerCourse'))}
            </Flex>
            <Flex gap={8}>
              {money(['rates', 'ethnicMinority', 'perDay'], t('sup.ethnicPerDay'))}
              {money(['rates', 'ethnicMinority', 'perCourse'], t('sup.ethnicPerCourse'))}
            </Flex>
            <Flex gap={8}>
              <Form.Item name={['rates', 'tuitionPercent']} label={t('sup.tuitionPercent')} rules={[{ required: true, message: t('out.required') }]} style={{ flex: 1 }}>
                <InputNumber precision={0} style={{ width: '100%' }} addonAfter="%" />
              </Form.Item>
              <Form.Item name={['rates', 'capPerCourse']} label={t('sup.capPerCourse')} style={{ flex: 1 }}>
                <InputNumber precision={0} style={{ width: '100%' }} addonAfter="đ" />
              </Form.Item>
              <Form.Item name={['rates', 'capPerYear']} label={t('sup.capPerYear')} style={{ flex: 1 }}>
                <InputNumber precision={0} style={{ width: '100%' }} addonAfter="đ" />
              </Form.Item>
            </Flex>
          </>
        )}
      </FormModal>
    </Flex>
  );
}

function Batches() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [sp, patch] = useUrlState();
  const decisionNo = sp.get('decisionNo');
  const batches = useQuery({ queryKey: ['support', 'batches'], queryFn: ({ signal }) => supportApi.batches(signal) });
  const key = ['support', 'batch', decisionNo];
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => supportApi.batch(decisionNo!, signal), enabled: !!decisionNo });
  if (batches.isError) return <PageError error={batches.error} onRetry={() => void batches.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Select
        style={{ maxWidth: 480 }}
        placeholder={t('sup.pickBatch')}
        aria-label={t('sup.pickBatch')}
        value={decisionNo ?? undefined}
        loading={batches.isPending}
        onChange={(v: string) => patch({ decisionNo: v })}
        options={(batches.data?.items ?? []).map((b) => ({ value: b.decisionNo, label: `${b.decisionNo}${b.decisionDate ? ` (${formatDate(b.decisionDate)})` : ''} — ${t('sup.people', { n: b.people })}` }))}
      />
      {!decisionNo ? (
        <Empty description={t('sup.pickBatchHint')} />
      ) : list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <SupportListView
          list={list.data}
          showCourse
          pay={async (row, body) => {
            qc.setQueryData(key, await supportApi.payOutside({ outsideTrainingId: row.course.id, ...body }));
            message.success(t('sup.paid.saved'));
          }}
          startExport={(format) => supportApi.exportList({ decisionNo, format })}
        />
      )}
    </Flex>
  );
}

export default function SupportPage() {
  const { t } = useI18n();
  usePageTitle(t('sup.title'));
  // two cards rather than tabs: a phone's tab bar would hide one behind an overflow menu
  return (
    <Flex vertical gap={12}>
      <h1 className="nt-h1">{t('sup.title')}</h1>
      <Typography.Paragraph type="secondary">{t('sup.intro')}</Typography.Paragraph>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('sup.tabBatches')}</h2>}>
        <Batches />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('sup.tabPolicies')}</h2>}>
        <Policies />
      </Card>
    </Flex>
  );
}
