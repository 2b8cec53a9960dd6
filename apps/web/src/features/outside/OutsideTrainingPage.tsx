import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { MessageKey } from '../../i18n';
import { isApiError } from '../../api/client';
import { outsideApi } from '../../api/outside';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/common';
import { EligibilityResultView } from '../eligibility/EligibilityTab';
import { institutionText, outsideDates, OutsideStatusTag, useResultText } from './common';
import { OutsideActions } from './OutsideActions';

const STEP_COLOUR = { approved: 'green', refused: 'red', recorded: 'blue' } as const;

/** One record of training outside the province's classes: what, where, the chain so far, the eligibility answer, and the actions the server allows. */
export default function OutsideTrainingPage() {
  const { t, locale, formatNumber } = useI18n();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const q = useQuery({ queryKey: ['outside', id], queryFn: () => outsideApi.get(id), enabled: valid });
  const resultText = useResultText();
  usePageTitle(q.data ? `${q.data.person.fullName} · ${q.data.programme.name}` : t('out.title'));

  if (!valid || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('out.notFoundTitle')}
        subTitle={t('out.notFoundText')}
        extra={
          <Link to="/outside-trainings">
            <Button type="primary">{t('out.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/outside-trainings">{t('out.title')}</Link> }, { title: r.person.fullName }]} />
      <Card>
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Flex vertical gap={4}>
            <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
              {allows(r.person, 'view') ? <Link to={`/people/${r.person.id}`}>{r.person.fullName}</Link> : r.person.fullName}
            </Typography.Title>
            <Typography.Text type="secondary">
              {r.person.unit.name} · {formatDate(r.person.birthDate)}
            </Typography.Text>
            <Flex gap={6} wrap>
              <OutsideStatusTag status={r.status} />
              <Tag>{t(`out.approver.${r.approver}`)}</Tag>
              {r.outsidePlan && <Tag color="purple">{t('out.outsidePlan')}</Tag>}
            </Flex>
          </Flex>
          <OutsideActions r={r} />
        </Flex>
        <Descriptions style={{ marginTop: 16 }} column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('out.programme')}>{r.programme.name}</Descriptions.Item>
          <Descriptions.Item label={t('out.mode')}>{modeLabel(t, r.mode)}</Descriptions.Item>
          <Descriptions.Item label={t('out.institution')}>{institutionText(r)}</Descriptions.Item>
          <Descriptions.Item label={t('out.dates')}>
            <span className="nt-num">{outsideDates(r)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('out.cost')}>
            <span className="nt-num">{r.cost === null ? t('out.costUnknown') : formatNumber(r.cost)}</span>
          </Descriptions.Item>
          {r.studyField && <Descriptions.Item label={t('out.studyField')}>{r.studyField}</Descriptions.Item>}
          <Descriptions.Item label={t('out.decision')}>
            {r.decision
              ? t('out.decisionText', { number: r.decision.number, date: formatDate(r.decision.date), signer: r.decision.signer })
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('out.result')}>
            {r.result ? (
              <Flex vertical gap={2}>
                <span>
                  {resultText(r.result)} · {formatDate(r.result.date)}
                  {r.result.certificateNo ? ` · ${r.result.certificateNo}` : ''}
                </span>
                {r.result.qualificationId !== null && <Typography.Text type="success">{t('out.qualificationWritten')}</Typography.Text>}
              </Flex>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {r.note && <Descriptions.Item label={t('out.note')}>{r.note}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title={t('out.steps')}>
        <Typography.Paragraph type="secondary">
          {t('out.proposedBy', { name: r.proposedBy, at: formatDateTime(r.proposedAt, locale) })}
        </Typography.Paragraph>
        {r.override && <Typography.Paragraph>{t('out.override', { reason: r.override.reason, by: r.override.by })}</Typography.Paragraph>}
        <Timeline
          items={r.steps.map((s, i) => ({
            key: i,
            color: STEP_COLOUR[s.decision],
            content: (
              <Flex vertical gap={0}>
                <strong>
                  {s.decision === 'refused'
                    ? t('out.step.refused', { step: t(`out.step.${s.step}` as MessageKey) })
                    : t(`out.step.${s.step}` as MessageKey)}
                </strong>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[s.decidedBy, formatDateTime(s.decidedAt, locale)].filter(Boolean).join(' · ')}
                </Typography.Text>
                {s.note && <span>{s.note}</span>}
              </Flex>
            ),
          }))}
        />
      </Card>

      <Card title={t('out.eligibility')}>
        <EligibilityResultView result={r.eligibility} />
      </Card>
    </Flex>
  );
}
