import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, List, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { EnrolmentProgress } from '@nang-tam/contracts';
import { enrolmentsApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ConductReportModal, type ConductTarget } from '../my-learners/ConductReportModal';
import { ClassificationTag, formatGradeValue, MarkTag, percent, sessionLabel, VerdictIcon } from './common';
import { MakeUpModal, type MakeUpTarget } from './MakeUpModal';
import { RecallModal, type RecallTarget } from './RecallModal';

type Check = EnrolmentProgress['graduation']['checks'][number];

/** A condition with its verdict and the server's Vietnamese sentence. */
export function CheckList({ checks }: { checks: readonly Check[] }) {
  const { t, locale } = useI18n();
  return (
    <List
      size="small"
      dataSource={[...checks]}
      renderItem={(c) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex gap={10} align="start">
            <VerdictIcon passed={c.passed} />
            <Flex vertical gap={0}>
              <strong>{locale === 'en' ? t(`gradcheck.${c.code}` as MessageKey) : c.label}</strong>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {c.detail}
              </Typography.Text>
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}

// in their own module: the learner's page shows them without loading this drawer (docs/decisions/0060)
import { EnrolmentStatusTag, OutcomeTag } from './status-tags';
export { EnrolmentStatusTag, OutcomeTag };

/**
 * One learner's course: attendance by session, recalls and the make-up they require, grades, the
 * home agency's conduct report, and the conditions of the exam and of graduation, each explained.
 * The school records recalls and make-ups here; the agency records recalls and fills the report.
 */
export function ProgressDrawer({ enrolmentId, onClose }: { enrolmentId: number | null; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [recall, setRecall] = useState<RecallTarget | null>(null);
  const [makeUp, setMakeUp] = useState<MakeUpTarget | null>(null);
  const [conduct, setConduct] = useState<ConductTarget | null>(null);
  const q = useQuery({
    queryKey: ['enrolments', enrolmentId, 'progress'],
    queryFn: () => enrolmentsApi.progress(enrolmentId!),
    enabled: enrolmentId !== null,
  });
  const p = q.data;
  const canRecall = allows(p, 'recall');
  const canMakeUp = allows(p, 'makeUp');
  const canConduct = allows(p, 'fillConductReport') && !!p?.conductReport;

  const body = () => {
    if (q.isPending) return <PageLoading />;
    if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
    const e = p!.enrolment;
    const outstanding = p!.makeUps.required.filter((m) => !m.madeUpOn);
    const a = p!.attendance;
    return (
      <Flex vertical gap={20}>
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'class', label: t('progress.class'), children: `${e.class.name} (${e.class.programme.name})` },
            { key: 'status', label: t('progress.status'), children: <EnrolmentStatusTag status={e.status} /> },
            {
              key: 'att',
              label: t('progress.attendance'),
              children: (
                <span>
                  {t('progress.attendanceValue', {
                    attended: formatNumber(a.attended),
                    held: formatNumber(a.held),
                    rate: percent(a.rate, formatNumber),
                  })}
                  {a.minRate !== null && ` · ${t('progress.minRate', { rate: percent(a.minRate, formatNumber) })}`}
                </span>
              ),
            },
            { key: 'avg', label: t('progress.average'), children: <span className="nt-num">{formatGradeValue(p!.grades.average)}</span> },
            ...(e.classification || e.graduatedOn
              ? [
                  {
                    key: 'cls',
                    label: t('progress.classification'),
                    children: (
                      <Flex gap={8} align="center">
                        <ClassificationTag classification={e.classification} />
                        {e.graduatedOn && <span>{t('progress.graduatedOn', { date: formatDate(e.graduatedOn) })}</span>}
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />

        <section aria-label={t('progress.graduationTitle')}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('progress.graduationTitle')}
            </Typography.Title>
            <OutcomeTag kind="graduation" outcome={p!.graduation.outcome} />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {p!.graduation.summary}
          </Typography.Paragraph>
          <CheckList checks={p!.graduation.checks} />
          <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
            <Typography.Text strong>{t('progress.examTitle')}:</Typography.Text>
            <OutcomeTag kind="exam" outcome={p!.examEligibility.outcome} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {p!.examEligibility.summary}
          </Typography.Text>
        </section>

        <section aria-label={t('progress.recallsTitle')}>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('progress.recallsTitle')}
            </Typography.Title>
            {canRecall && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() =>
                  setRecall({
                    enrolmentId: e.id,
                    personName: e.person.fullName,
                    classId: e.class.id,
                    className: e.class.name,
                    startDate: e.class.startDate,
                    endDate: e.class.endDate,
                  })
                }
              >
                {t('recall.add')}
              </Button>
            )}
          </Flex>
          {p!.recalls.length === 0 ? (
            <Typography.Text type="secondary">{t('progress.noRecalls')}</Typography.Text>
          ) : (
            <List
              size="small"
              bordered
              dataSource={p!.recalls}
              renderItem={(r) => (
                <List.Item>
                  <Flex vertical gap={0}>
                    <strong className="nt-num">{t('recall.period', { from: formatDate(r.fromDate), to: formatDate(r.toDate) })}</strong>
                    <span>{r.reason}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('progress.recordedBy', { who: r.recordedBy ?? '—', at: formatDateTime(r.recordedAt, locale) })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </section>

        <section aria-label={t('progress.makeUpsTitle')}>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('progress.makeUpsTitle')}
              {outstanding.length > 0 && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('progress.outstanding', { n: outstanding.length })}
                </Tag>
              )}
            </Typography.Title>
            {canMakeUp && outstanding.length > 0 && (
              <Button
                size="small"
                type="primary"
                icon={<EditOutlined />}
                onClick={() =>
                  setMakeUp({
                    enrolmentId: e.id,
                    classId: e.class.id,
                    personName: e.person.fullName,
                    sessions: outstanding.map((m) => m.session),
                  })
                }
              >
                {t('makeup.add')}
              </Button>
            )}
          </Flex>
          {p!.makeUps.required.length === 0 ? (
            <Typography.Text type="secondary">{t('progress.noMakeUps')}</Typography.Text>
          ) : (
            <List
              size="small"
              bordered
              dataSource={p!.makeUps.required}
              renderItem={(m) => {
                const record = p!.makeUps.records.find((r) => r.session.id === m.session.id);
                return (
                  <List.Item>
                    <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                      <Flex vertical gap={0}>
                        <span className="nt-num">{sessionLabel(t, m.session)}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`makeup.reason.${m.reason}` as MessageKey)}
                          {record?.note ? ` · ${record.note}` : ''}
                        </Typography.Text>
                      </Flex>
                      {m.madeUpOn ? (
                        <Tag color="green">{t('makeup.doneOnValue', { date: formatDate(m.madeUpOn) })}</Tag>
                      ) : (
                        <Tag color="orange">{t('makeup.notYet')}</Tag>
                      )}
                    </Flex>
                  </List.Item>
                );
              }}
            />
          )}
        </section>

        <section aria-label={t('progress.conductTitle')}>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('progress.conductTitle')}
            </Typography.Title>
            {canConduct && (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() =>
                  setConduct({
                    enrolmentId: e.id,
                    classId: e.class.id,
                    personName: e.person.fullName,
                    className: e.class.name,
                    dueOn: p!.conductReport?.dueOn ?? null,
                    report: p!.conductReport,
                  })
                }
              >
                {p!.conductReport?.status === 'received' ? t('conduct.edit') : t('conduct.fill')}
              </Button>
            )}
          </Flex>
          <ConductSummary report={p!.conductReport} />
        </section>

        <section aria-label={t('progress.gradesTitle')}>
          <Typography.Title level={5}>{t('progress.gradesTitle')}</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={[
              ...p!.grades.modules.map((g) => ({
                key: `m${g.module.id}`,
                label: `${g.module.code} — ${g.module.name}`,
                value: g.value,
                passed: g.passed,
              })),
              ...(p!.grades.finalExam.kind !== 'none'
                ? [
                    {
                      key: 'final',
                      label: t(`grades.final.${p!.grades.finalExam.kind}` as MessageKey),
                      value: p!.grades.finalExam.value,
                      passed: p!.grades.finalExam.passed,
                    },
                  ]
                : []),
            ]}
            renderItem={(g) => (
              <List.Item>
                <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
                  <span>{g.label}</span>
                  <Flex gap={6} align="center">
                    <strong className="nt-num">{formatGradeValue(g.value)}</strong>
                    <VerdictIcon passed={g.passed} size={14} />
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        </section>

        <section aria-label={t('progress.sessionsTitle')}>
          <Typography.Title level={5}>{t('progress.sessionsTitle')}</Typography.Title>
          {a.sessions.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.noSessions')} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={a.sessions}
              renderItem={(s) => (
                <List.Item>
                  <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
                    <span className="nt-num">{sessionLabel(t, s.session)}</span>
                    <Flex gap={6} align="center">
                      {s.source === 'qr' && s.checkedInAt && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('attendance.qrAt', { at: formatDateTime(s.checkedInAt, locale) })}
                        </Typography.Text>
                      )}
                      <MarkTag mark={s.mark} />
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </section>
      </Flex>
    );
  };

  return (
    <Drawer
      open={enrolmentId !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      title={p ? t('progress.title', { name: p.enrolment.person.fullName }) : t('progress.titleEmpty')}
      destroyOnHidden
    >
      {body()}
      <RecallModal target={recall} onClose={() => setRecall(null)} />
      <MakeUpModal target={makeUp} onClose={() => setMakeUp(null)} />
      <ConductReportModal target={conduct} onClose={() => setConduct(null)} />
    </Drawer>
  );
}

/** The conduct report's state and content, as the school and the agency read it. */
export function ConductSummary({ report }: { report: EnrolmentProgress['conductReport'] }) {
  const { t, locale } = useI18n();
  if (!report) return <Typography.Text type="secondary">{t('conduct.notRequested')}</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        <ConductStatusTag report={report} />
        <Typography.Text type="secondary">
          {report.status === 'received'
            ? t('conduct.receivedOn', { at: formatDateTime(report.receivedAt, locale), who: report.filledBy ?? '—' })
            : t('conduct.dueOnText', { date: formatDate(report.dueOn) })}
        </Typography.Text>
      </Flex>
      {report.content && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'c', label: t('conduct.conduct'), children: report.content.conduct },
            { key: 'd', label: t('conduct.discipline'), children: report.content.discipline },
            ...(report.content.workDuringCourse ? [{ key: 'w', label: t('conduct.work'), children: report.content.workDuringCourse }] : []),
          ]}
        />
      )}
      {report.overdue && (
        <Alert type="warning" showIcon title={t('conduct.overdueText', { date: formatDate(report.dueOn), n: report.reminders })} />
      )}
    </Flex>
  );
}

/** Chưa gửi / Quá hạn / Đạt yêu cầu / Không đạt yêu cầu. */
export function ConductStatusTag({
  report,
}: {
  report: Pick<NonNullable<EnrolmentProgress['conductReport']>, 'status' | 'overdue' | 'satisfactory'> | null;
}) {
  const { t } = useI18n();
  if (!report) return <Tag style={{ marginInlineEnd: 0 }}>{t('conduct.status.notRequested')}</Tag>;
  if (report.status === 'received') {
    return report.satisfactory ? (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {t('conduct.status.satisfactory')}
      </Tag>
    ) : (
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {t('conduct.status.unsatisfactory')}
      </Tag>
    );
  }
  return report.overdue ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('conduct.status.overdue')}
    </Tag>
  ) : (
    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
      {t('conduct.status.pending')}
    </Tag>
  );
}
