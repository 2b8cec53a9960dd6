import { Alert, Descriptions, Drawer, Flex, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { NOMINATION_STEP_LABELS, type NominationDetail } from '@nang-tam/contracts';
import { nominationsApi } from '../../api/classes';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { EligibilityResultView } from '../eligibility/EligibilityTab';
import { NominationStatusTag } from './common';
import { NominationActions } from './NominationActions';

type Step = NominationDetail['steps'][number];
const STEP_COLOR: Record<Step['decision'], string> = { approved: 'green', refused: 'red', recorded: 'blue' };

/** One nomination: the person, the approval chain so far, and the rules engine's explanation stored with it. */
export function NominationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const { t } = useI18n();
  return (
    <Drawer open={id !== null} onClose={onClose} destroyOnHidden size={isMobile ? '100%' : 720} title={t('nom.drawerTitle')}>
      {id !== null && <NominationView id={id} />}
    </Drawer>
  );
}

function NominationView({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const q = useQuery({ queryKey: ['nominations', id], queryFn: () => nominationsApi.get(id) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const n = q.data;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <Flex vertical gap={2}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {allows(n.person, 'view') ? <Link to={`/people/${n.person.id}`}>{n.person.fullName}</Link> : n.person.fullName}
          </Typography.Title>
          <Typography.Text type="secondary">
            {[formatDate(n.person.birthDate), n.person.title?.name, n.person.unit.name].filter(Boolean).join(' · ')}
          </Typography.Text>
          <span>
            <NominationStatusTag status={n.status} position={n.waitlistPosition} />
            {n.overridden && (
              <Tag color="magenta" style={{ marginInlineStart: 6 }}>
                {t('nom.overridden')}
              </Tag>
            )}
          </span>
        </Flex>
        <NominationActions n={n} classId={n.class.id} />
      </Flex>

      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'class', label: t('classes.class'), children: `${n.class.name} (${n.class.cohortCode})` },
          { key: 'by', label: t('nom.nominatedBy'), children: `${n.nominatedBy} · ${formatDateTime(n.nominatedAt, locale)}` },
          { key: 'approver', label: t('classForm.approver'), children: t(`approver.${n.class.approver}` as MessageKey) },
          ...(n.note ? [{ key: 'note', label: t('nom.note'), children: n.note }] : []),
        ]}
      />

      {n.override && (
        <Alert
          type="warning"
          showIcon
          title={t('nom.overrideTitle', { by: n.override.by })}
          description={
            <>
              {t('nom.overrideReason')}: {n.override.reason}
            </>
          }
        />
      )}

      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('nom.steps')}
        </Typography.Title>
        <Timeline
          items={n.steps.map((s, i) => ({
            key: i,
            color: STEP_COLOR[s.decision],
            content: (
              <Flex vertical gap={0}>
                <Flex gap={8} wrap align="center">
                  <strong>{NOMINATION_STEP_LABELS[s.step][locale]}</strong>
                  <Tag color={STEP_COLOR[s.decision]} style={{ marginInlineEnd: 0 }}>
                    {t(`nom.decision.${s.decision}` as MessageKey)}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[s.decidedBy, formatDateTime(s.decidedAt, locale)].filter(Boolean).join(' · ')}
                </Typography.Text>
                {s.note && <span>{s.note}</span>}
              </Flex>
            ),
          }))}
        />
      </div>

      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('nom.explanation', { date: formatDate(n.eligibility.asOf) })}
        </Typography.Title>
        <EligibilityResultView result={n.eligibility} />
      </div>
    </Flex>
  );
}
