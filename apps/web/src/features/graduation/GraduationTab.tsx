import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Modal, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { training } from '@nang-tam/domain';
import { TrophyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ClassDetail, ErrorDetail, GraduationPreview, GraduationResult } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { graduationApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { notInFuture, toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ClassificationTag, formatGradeValue, LearnerCell, today, VerdictIcon, VerdictLegend } from '../learning/common';
import { CheckList, OutcomeTag, ProgressDrawer } from '../learning/ProgressDrawer';

type Learner = GraduationPreview['learners'][number];
type CheckCode = Learner['decision']['checks'][number]['code'];
const CHECK_ORDER: CheckCode[] = ['modules_passed', 'attendance', 'make_up', 'conduct_report', 'final_exam'];

/** A 409 GRADUATION_PENDING's details, one line per learner: "Nguyễn Văn An: còn thiếu điểm học phần CV.1; …". */
export function pendingByLearner(details: readonly ErrorDetail[]): { enrolmentId: number; name: string; missing: string[] }[] {
  const out = new Map<number, { enrolmentId: number; name: string; missing: string[] }>();
  for (const d of details) {
    const id = Number(/^enrolments\.(\d+)\./.exec(d.path)?.[1] ?? NaN);
    const m = /^(.*?): còn thiếu (.*?)\.?$/.exec(d.message);
    const name = m?.[1] ?? '';
    const what = m?.[2] ?? d.message;
    const key = Number.isNaN(id) ? -out.size - 1 : id;
    const entry = out.get(key) ?? { enrolmentId: key, name, missing: [] };
    entry.missing.push(what);
    out.set(key, entry);
  }
  return [...out.values()];
}

export function PendingList({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  if (!isApiError(error)) return null;
  const pending = error.code === 'GRADUATION_PENDING' ? pendingByLearner(error.details) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, locale)}
      description={
        pending.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label={t('graduation.pendingList')}>
            {pending.map((p) => (
              <li key={p.enrolmentId}>
                <strong>{p.name}</strong>
                {p.name ? ': ' : ''}
                {t('graduation.missing', { list: p.missing.join('; ') })}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/**
 * "Tốt nghiệp": every learner's conditions (modules, attendance, make-up, the agency's report, the
 * final exam) green, red or still pending, with the server's explanation; the class graduates in one
 * action, which classifies the graduates and issues their certificates. A class with someone still
 * pending is refused, naming who and what is missing.
 */
export function GraduationTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const todayIso = today();
  const defaultAsOf = cls.endDate < todayIso ? cls.endDate : todayIso;
  const asOfParam = sp.get('asOf');
  const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : defaultAsOf;
  const setAsOf = (v: string) => {
    const next = new URLSearchParams(sp);
    if (v === defaultAsOf) next.delete('asOf');
    else next.set('asOf', v);
    setSp(next, { replace: true });
  };
  const finished = cls.status === 'finished';
  const q = useQuery({
    queryKey: ['classes', cls.id, 'graduation', asOf],
    queryFn: () => graduationApi.preview(cls.id, asOf),
    placeholderData: keepPreviousData,
  });
  const [confirming, setConfirming] = useState(false);
  const [decidedOn, setDecidedOn] = useState<string>(asOf);
  const [result, setResult] = useState<GraduationResult | null>(null);
  const [drawer, setDrawer] = useState<number | null>(null);

  const graduate = useMutation({
    mutationFn: (on: string) => graduationApi.graduate(cls.id, on),
    onSuccess: (r) => {
      setResult(r);
      setConfirming(false);
      message.success(t('graduation.done', { completed: formatNumber(r.completed), failed: formatNumber(r.failed) }));
      void qc.invalidateQueries({ queryKey: ['classes', cls.id] });
      void qc.invalidateQueries({ queryKey: ['classes', 'list'] });
    },
    onError: () => setConfirming(false),
  });

  const checkLabels = useMemo(() => {
    const m = new Map<CheckCode, string>();
    for (const l of q.data?.learners ?? []) for (const c of l.decision.checks) if (!m.has(c.code)) m.set(c.code, c.label);
    return m;
  }, [q.data]);
  const codes = CHECK_ORDER.filter((c) => checkLabels.has(c));

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;

  const columns: TableColumnsType<Learner> = [
    { key: 'n', title: '#', width: 44, render: (_, __, i) => <span className="nt-num">{i + 1}</span> },
    {
      key: 'learner',
      title: t('attendance.learner'),
      width: 220,
      render: (_, l) => (
        <LearnerCell
          person={l.person}
          extra={
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', alignSelf: 'start' }}
              onClick={() => setDrawer(l.enrolmentId)}
            >
              {t('graduation.details')}
            </Button>
          }
        />
      ),
    },
    ...codes.map((code) => ({
      key: code,
      title: locale === 'en' ? t(`gradcheck.${code}` as MessageKey) : checkLabels.get(code),
      width: 120,
      align: 'center' as const,
      render: (_: unknown, l: Learner) => {
        const c = l.decision.checks.find((x) => x.code === code);
        if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Tooltip title={c.detail}>
            <span tabIndex={0} aria-label={`${c.label}: ${c.detail}`} data-check={code} data-passed={String(c.passed)}>
              <VerdictIcon passed={c.passed} />
            </span>
          </Tooltip>
        );
      },
    })),
    {
      key: 'avg',
      title: t('grades.average'),
      width: 90,
      render: (_, l) => <span className="nt-num">{formatGradeValue(l.decision.average)}</span>,
    },
    {
      key: 'outcome',
      title: t('graduation.outcome'),
      width: 200,
      render: (_, l) => (
        <Flex vertical gap={4} align="start">
          <OutcomeTag kind="graduation" outcome={l.decision.outcome} />
          {l.decision.outcome === 'graduated' && <ClassificationTag classification={l.decision.classification} />}
        </Flex>
      ),
    },
  ];

  const canGraduate = allows(cls, 'graduate');
  const c = p.counts;

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <label htmlFor="graduation-asof">
            <strong>{t('graduation.asOf')}</strong>
          </label>
          <DatePicker
            id="graduation-asof"
            format={VI_DATE_FORMATS}
            value={toDayjs(asOf)}
            allowClear={false}
            disabledDate={notInFuture}
            onChange={(d) => setAsOf(toIso(d) ?? defaultAsOf)}
            style={{ width: 150 }}
          />
        </Flex>
        {canGraduate && (
          <Button
            type="primary"
            icon={<TrophyOutlined />}
            onClick={() => {
              setDecidedOn(asOf);
              graduate.reset();
              setConfirming(true);
            }}
          >
            {t('graduation.graduate')}
          </Button>
        )}
      </Flex>
      <Flex gap={6} wrap aria-label={t('graduation.counts')}>
        <Tag color="green">{t('graduation.countGraduated', { n: formatNumber(c.graduated) })}</Tag>
        <Tag color="red">{t('graduation.countNot', { n: formatNumber(c.notGraduated) })}</Tag>
        <Tag>{t('graduation.countPending', { n: formatNumber(c.pending) })}</Tag>
      </Flex>
      {finished ? (
        <Alert
          type="success"
          showIcon
          title={t('graduation.finished', { date: cls.graduatedAt ? formatDateTime(cls.graduatedAt, locale) : '' })}
        />
      ) : p.ready ? (
        <Alert type="info" showIcon title={t('graduation.ready', { date: formatDate(p.asOf) })} />
      ) : (
        <Alert type="warning" showIcon title={t('graduation.notReady', { n: formatNumber(c.pending) })} />
      )}
      {graduate.isError && <PendingList error={graduate.error} />}
      {result && (
        <Alert
          type="success"
          showIcon
          title={t('graduation.resultTitle', { date: formatDate(result.decidedOn) })}
          description={t('graduation.resultText', {
            completed: formatNumber(result.completed),
            failed: formatNumber(result.failed),
            certificates: formatNumber(result.certificates.length),
          })}
          action={
            <Button size="small" onClick={() => setSp({ tab: 'certificates' }, { replace: true })}>
              {t('graduation.toCertificates')}
            </Button>
          }
        />
      )}
      {p.learners.length > 0 && <VerdictLegend />}
      {p.learners.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noLearners')} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('graduation.listLabel')}>
          {p.learners.map((l) => (
            <div
              key={l.enrolmentId}
              role="listitem"
              style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fff' }}
            >
              <Flex justify="space-between" align="start" gap={8}>
                <LearnerCell person={l.person} />
                <Flex vertical gap={4} align="end">
                  <OutcomeTag kind="graduation" outcome={l.decision.outcome} />
                  {l.decision.outcome === 'graduated' && <ClassificationTag classification={l.decision.classification} />}
                </Flex>
              </Flex>
              <CheckList checks={l.decision.checks} />
            </div>
          ))}
        </Flex>
      ) : (
        <Table<Learner>
          aria-label={t('graduation.listLabel')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={p.learners}
          pagination={false}
          loading={q.isFetching}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (l) => (
              <Flex vertical gap={4} style={{ paddingInlineStart: 8 }}>
                <Typography.Text type="secondary">{l.decision.summary}</Typography.Text>
                <CheckList checks={l.decision.checks} />
              </Flex>
            ),
            expandRowByClick: false,
          }}
        />
      )}
      <Modal
        open={confirming}
        title={t('graduation.confirmTitle', { name: cls.name, classInside: training.classPhrase(cls.name) })}
        okText={t('graduation.confirmOk')}
        cancelText={t('action.cancel')}
        onCancel={() => setConfirming(false)}
        onOk={() => graduate.mutate(decidedOn)}
        confirmLoading={graduate.isPending}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Typography.Paragraph>
            {t('graduation.confirmText', {
              graduated: formatNumber(c.graduated),
              not: formatNumber(c.notGraduated),
              pending: formatNumber(c.pending),
            })}
          </Typography.Paragraph>
          <Form.Item
            label={t('graduation.decidedOn')}
            htmlFor="graduation-decided-on"
            extra={t('graduation.decidedOnHint', { start: formatDate(cls.startDate) })}
          >
            <DatePicker
              id="graduation-decided-on"
              format={VI_DATE_FORMATS}
              value={toDayjs(decidedOn)}
              allowClear={false}
              disabledDate={notInFuture}
              onChange={(d) => setDecidedOn(toIso(d) ?? asOf)}
              style={{ width: 160 }}
            />
          </Form.Item>
        </Form>
      </Modal>
      <ProgressDrawer enrolmentId={drawer} onClose={() => setDrawer(null)} />
    </Flex>
  );
}
