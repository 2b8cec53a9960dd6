/**
 * A payment list (danh sách chi trả hỗ trợ): one row per learner with what they are owed (each item
 * explained by its rule), what was paid and what remains; the list's totals, the payments recorded,
 * the Excel/PDF export (a background job) and, from the server's `actions`, "record a payment".
 */
import { useRef, useState } from 'react';
import { Alert, DatePicker, Flex, Form, Input, InputNumber, Table, Tag, Typography, Button, type TableColumnsType } from 'antd';
import { DollarOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { SUPPORT_ITEM_LABELS, type Job, type SupportList, type SupportRow } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { VI_DATE_FORMATS, notInFuture, toIso } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { useFocusableTableScroll } from '../../shared/hooks';
import { ExportButton } from '../jobs/ExportButton';

export function useDong() {
  const { formatNumber } = useI18n();
  return (n: number) => `${formatNumber(n)} đ`;
}

const ITEM_EN: Record<string, string> = {
  daily: 'Per study day',
  accommodation: 'Accommodation',
  travel: 'Travel',
  tuition: 'Tuition',
  women: 'Extra for women',
  ethnic_minority: 'Extra for ethnic minorities',
  cap_course: 'Course cap',
  cap_year: 'Year cap',
};

export function useItemLabel() {
  const { locale } = useI18n();
  return (code: string) => (locale === 'en' ? (ITEM_EN[code] ?? code) : (SUPPORT_ITEM_LABELS as Record<string, string>)[code] ?? code);
}

/** The items of one row with their explanations (the rule each amount comes from). */
export function SupportItems({ row }: { row: SupportRow }) {
  const { t } = useI18n();
  const dong = useDong();
  const label = useItemLabel();
  return (
    <Flex vertical gap={4} data-testid="support-items">
      {row.items.map((i, n) => (
        <Typography.Text key={n}>
          <strong>{label(i.code)}</strong>: <span className="nt-num">{dong(i.amount)}</span> — {i.explanation}
        </Typography.Text>
      ))}
      <Typography.Text type="secondary">{row.explanation}</Typography.Text>
      {!row.covered && row.items.length === 0 && <Typography.Text type="secondary">{t('sup.notCovered')}</Typography.Text>}
    </Flex>
  );
}

interface Props {
  list: SupportList;
  /** Records one payment; resolves with the refreshed list. */
  pay: (row: SupportRow, body: { amount: number; paidOn: string; voucherNo?: string; note?: string }) => Promise<unknown>;
  startExport: (format: 'xlsx' | 'pdf') => Promise<Job>;
  /** Show the course of each row (a sending decision's people each have their own). */
  showCourse?: boolean;
}

export function SupportListView({ list, pay, startExport, showCourse }: Props) {
  const { t } = useI18n();
  const dong = useDong();
  const [paying, setPaying] = useState<SupportRow | null>(null);
  const first = list.rows[0];
  const ref = useRef<HTMLDivElement>(null);
  useFocusableTableScroll(ref);

  const columns: TableColumnsType<SupportRow> = [
    { key: 'no', title: t('sup.no'), width: 56, render: (_, __, i) => i + 1 },
    {
      key: 'name',
      title: t('sup.learner'),
      render: (_, r) => (
        <Flex vertical>
          <span>{r.person.fullName}</span>
          <Typography.Text type="secondary">{r.person.unit.name}</Typography.Text>
        </Flex>
      ),
    },
    ...(showCourse
      ? [{ key: 'course', title: t('sup.course'), render: (_: unknown, r: SupportRow) => `${r.course.name} (${formatDate(r.course.startDate)} – ${formatDate(r.course.endDate)})` }]
      : []),
    { key: 'days', title: t('sup.days'), align: 'right', render: (_, r) => <span className="nt-num">{r.course.studyDays}</span> },
    {
      key: 'policy',
      title: t('sup.policy'),
      render: (_, r) =>
        r.policy ? (
          <Flex gap={4} wrap>
            <span>{r.policy.sourceCode}</span>
            {!r.policy.verified && <Tag color="orange">{t('sup.unverified')}</Tag>}
          </Flex>
        ) : (
          <Tag>{t('sup.notCoveredShort')}</Tag>
        ),
    },
    { key: 'owed', title: t('sup.owed'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.owed)}</span> },
    { key: 'paid', title: t('sup.paid'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.paid)}</span> },
    { key: 'remaining', title: t('sup.remaining'), align: 'right', render: (_, r) => <span className="nt-num">{dong(r.remaining)}</span> },
    {
      key: 'actions',
      title: '',
      render: (_, r) =>
        r.actions.includes('recordPayment') ? (
          <Button size="small" icon={<DollarOutlined />} onClick={() => setPaying(r)} aria-label={t('sup.payFor', { name: r.person.fullName })}>
            {t('sup.pay')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12} ref={ref}>
      {!showCourse && first && (
        <Typography.Text type="secondary">
          {t('sup.courseLine', { days: first.course.studyDays, basis: first.course.daysBasis, from: formatDate(first.course.startDate), to: formatDate(first.course.endDate) })}
        </Typography.Text>
      )}
      <Flex gap={8} wrap justify="space-between" align="center">
        <Flex gap={16} wrap>
          <Typography.Text>
            {t('sup.totalOwed')}: <strong className="nt-num" data-testid="support-total">{dong(list.totals.owed)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('sup.totalPaid')}: <strong className="nt-num">{dong(list.totals.paid)}</strong>
          </Typography.Text>
          <Typography.Text>
            {t('sup.totalRemaining')}: <strong className="nt-num">{dong(list.totals.remaining)}</strong>
          </Typography.Text>
        </Flex>
        {list.actions.includes('export') && (
          <Flex gap={8}>
            <ExportButton start={() => startExport('xlsx')} total={list.rows.length} />
            <ExportButton start={() => startExport('pdf')} total={list.rows.length} label={t('sup.exportPdf')} icon={<FilePdfOutlined />} />
          </Flex>
        )}
      </Flex>
      <Table<SupportRow>
        rowKey={(r) => `${r.course.kind}-${r.course.id}-${r.person.id}`}
        columns={columns}
        dataSource={list.rows}
        pagination={list.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        size="small"
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (r) => <SupportItems row={r} />, rowExpandable: () => true }}
      />
      <Typography.Text type="secondary">{list.rounding}</Typography.Text>
      {list.payments.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('sup.payments')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list.payments}
            columns={[
              { key: 'person', title: t('sup.learner'), render: (_, p) => list.rows.find((r) => r.person.id === p.personId)?.person.fullName ?? p.personId },
              { key: 'paidOn', title: t('sup.paidOn'), render: (_, p) => formatDate(p.paidOn) },
              { key: 'amount', title: t('sup.amount'), align: 'right', render: (_, p) => <span className="nt-num">{dong(p.amount)}</span> },
              { key: 'voucher', title: t('sup.voucherNo'), render: (_, p) => p.voucherNo ?? '' },
              { key: 'by', title: t('sup.recordedBy'), render: (_, p) => p.recordedBy ?? '' },
            ]}
          />
        </>
      )}
      <FormModal<{ amount: number | null; paidOn: Dayjs | null; voucherNo?: string; note?: string }>
        open={paying !== null}
        name="support-payment"
        title={paying ? t('sup.payFor', { name: paying.person.fullName }) : ''}
        okText={t('action.save')}
        fields={['amount', 'paidOn', 'voucherNo', 'note']}
        initialValues={{ amount: paying?.remaining ?? null, paidOn: dayjs() }}
        intro={paying ? <Alert type="info" showIcon title={t('sup.payIntro', { owed: dong(paying.owed), paid: dong(paying.paid), remaining: dong(paying.remaining) })} /> : undefined}
        onClose={() => setPaying(null)}
        onSubmit={async (v) => {
          if (!paying) return;
          await pay(paying, {
            amount: v.amount ?? 0,
            paidOn: toIso(v.paidOn) ?? '',
            ...(v.voucherNo ? { voucherNo: v.voucherNo } : {}),
            ...(v.note ? { note: v.note } : {}),
          });
          setPaying(null);
        }}
      >
        {() => (
          <>
            <Form.Item name="amount" label={t('sup.amount')} rules={[{ required: true, message: t('out.required') }]}>
              <InputNumber min={1} precision={0} step={1000} style={{ width: '100%' }} addonAfter="đ" />
            </Form.Item>
            <Form.Item name="paidOn" label={t('sup.paidOn')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} disabledDate={notInFuture} />
            </Form.Item>
            <Form.Item name="voucherNo" label={t('sup.voucherNo')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('sup.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
