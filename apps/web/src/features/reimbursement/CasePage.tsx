/**
 * One reimbursement case: who, which training, the amount and how it was computed, its steps, and
 * the buttons its `actions` allow (agree, record a payment, waive with a decision).
 */
import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Popconfirm, Result, Select, Timeline, Typography } from 'antd';
import { CheckOutlined, DollarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { CASE_STEP_LABELS, EXEMPTION_GROUNDS, type CaseDetail } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { reimbursementApi } from '../../api/reimbursement';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { CaseStatusTag, useDong, useReimbursementLabels } from './common';

export default function CasePage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dong = useDong();
  const labels = useReimbursementLabels();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useQuery({ queryKey: ['reimbursement', id], queryFn: () => reimbursementApi.get(id), enabled: valid });
  const [modal, setModal] = useState<'pay' | 'waive' | null>(null);
  const [agreeing, setAgreeing] = useState(false);
  usePageTitle(q.data ? `${q.data.person.fullName} · ${t('rb.title')}` : t('rb.title'));

  if (!valid || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('rb.notFound')}
        extra={
          <Link to="/reimbursement-cases">
            <Button type="primary">{t('rb.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const may = (a: CaseDetail['actions'][number]) => c.actions.includes(a);
  const done = (d: CaseDetail) => {
    qc.setQueryData(['reimbursement', d.id], d);
    void qc.invalidateQueries({ queryKey: ['reimbursement', 'list'] });
    void qc.invalidateQueries({ queryKey: ['commitments', d.person.id] });
    message.success(t('rb.done'));
  };
  const owed = c.amount - c.paid;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/reimbursement-cases">{t('rb.title')}</Link> }, { title: c.person.fullName }]} />
      <Card>
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Flex vertical gap={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              <Link to={`/people/${c.person.id}`}>{c.person.fullName}</Link>
            </Typography.Title>
            <Typography.Text type="secondary">{c.person.unit.name}</Typography.Text>
            <CaseStatusTag status={c.status} />
          </Flex>
          <Flex gap={8} wrap>
            {may('agree') && (
              <Popconfirm
                title={t('rb.confirmAgree', { amount: dong(c.amount) })}
                okText={t('rb.agree')}
                cancelText={t('action.cancel')}
                onConfirm={async () => {
                  setAgreeing(true);
                  try {
                    done(await reimbursementApi.step(c.id, { action: 'agree' }));
                  } catch (err) {
                    message.error(errorMessage(err, locale));
                  } finally {
                    setAgreeing(false);
                  }
                }}
              >
                <Button type="primary" icon={<CheckOutlined />} loading={agreeing}>
                  {t('rb.agree')}
                </Button>
              </Popconfirm>
            )}
            {may('recordPayment') && (
              <Button type="primary" icon={<DollarOutlined />} onClick={() => setModal('pay')}>
                {t('rb.recordPayment')}
              </Button>
            )}
            {may('waive') && (
              <Button icon={<SafetyCertificateOutlined />} onClick={() => setModal('waive')}>
                {t('rb.waive')}
              </Button>
            )}
          </Flex>
        </Flex>
        <Descriptions style={{ marginTop: 16 }} column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('cmt.programme')}>
            <Link to={`/outside-trainings/${c.outsideTrainingId}`}>{c.programme.name}</Link> · {c.institution}
          </Descriptions.Item>
          <Descriptions.Item label={t('rb.cause')}>{t(c.cause === 'left_service' ? 'rb.cause.left_service' : 'rb.cause.course_not_completed')}</Descriptions.Item>
          <Descriptions.Item label={t('cmt.cost')}>
            <span className="nt-num">{dong(c.cost)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cmt.source')}>{c.source}</Descriptions.Item>
          <Descriptions.Item label={t('rb.commitment')}>{t('rb.commitmentText', { months: c.commitmentMonths, served: c.monthsServed })}</Descriptions.Item>
          <Descriptions.Item label={t('rb.amount')}>
            <strong className="nt-num">{dong(c.amount)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('rb.paid')}>
            <span className="nt-num">{dong(c.paid)}</span>
          </Descriptions.Item>
          {c.waiver && (
            <Descriptions.Item label={t('rb.waiver')}>
              {labels.ground(c.waiver.ground)} · {c.waiver.decisionNo}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('rb.explanation')} span={2}>
            {c.explanation}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('rb.steps')}>
        <Timeline
          items={c.steps.map((s) => ({
            children: (
              <Flex vertical>
                <strong>
                  {CASE_STEP_LABELS[s.step][locale]}
                  {s.amount !== null ? ` · ${dong(s.amount)}` : ''}
                  {s.decisionNo ? ` · ${s.decisionNo}` : ''}
                </strong>
                {s.note && <Typography.Text type="secondary">{s.note}</Typography.Text>}
                <Typography.Text type="secondary">
                  {s.decidedBy ?? ''} · {formatDateTime(s.decidedAt, locale)}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>

      <FormModal<{ amount: number; note?: string }>
        open={modal === 'pay'}
        name="case-pay"
        title={t('rb.recordPayment')}
        okText={t('action.save')}
        fields={['amount', 'note']}
        initialValues={{ amount: owed }}
        intro={<Typography.Paragraph type="secondary">{t('rb.owedText', { amount: dong(owed) })}</Typography.Paragraph>}
        onClose={() => setModal(null)}
        onSubmit={async (v) => done(await reimbursementApi.step(c.id, { action: 'recordPayment', amount: v.amount, ...(v.note ? { note: v.note } : {}) }))}
      >
        {() => (
          <>
            <Form.Item name="amount" label={t('rb.paymentAmount')} rules={[{ required: true, message: t('out.required') }]}>
              <InputNumber<number> min={1} max={owed} step={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('cmt.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>

      <FormModal<{ ground: (typeof EXEMPTION_GROUNDS)[number]; decisionNo: string; note?: string }>
        open={modal === 'waive'}
        name="case-waive"
        title={t('rb.waive')}
        okText={t('rb.waive')}
        fields={['ground', 'decisionNo', 'note']}
        onClose={() => setModal(null)}
        onSubmit={async (v) => done(await reimbursementApi.step(c.id, { action: 'waive', ground: v.ground, decisionNo: v.decisionNo, ...(v.note ? { note: v.note } : {}) }))}
      >
        {() => (
          <>
            <Form.Item name="ground" label={t('rb.ground')} rules={[{ required: true, message: t('out.required') }]}>
              <Select options={EXEMPTION_GROUNDS.map((g) => ({ value: g, label: labels.ground(g) }))} />
            </Form.Item>
            <Form.Item name="decisionNo" label={t('rb.waiverDecision')} rules={[{ required: true, whitespace: true, message: t('out.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('cmt.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
