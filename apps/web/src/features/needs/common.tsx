import { Alert, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { NeedsAnswer } from '@nang-tam/contracts';
import { needsApi } from '../../api/needs';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate } from '../../shared/format';

type AnswerStatus = NeedsAnswer['status'];
const STATUS_COLOR: Record<AnswerStatus, string> = { not_started: 'default', draft: 'gold', submitted: 'green', returned: 'red' };

export function AnswerStatusTag({ status, late }: { status: AnswerStatus; late?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={STATUS_COLOR[status]}>{t(`needs.status.${status}` as MessageKey)}</Tag>
      {late && <Tag color="volcano">{t('needs.late')}</Tag>}
    </>
  );
}

export function CampaignStatusTag({
  status,
  deadline,
  pastDeadline,
}: {
  status: 'open' | 'closed';
  deadline: string;
  pastDeadline: boolean;
}) {
  const { t } = useI18n();
  if (status === 'closed') return <Tag>{t('needs.campaign.closed')}</Tag>;
  return (
    <Tag color={pastDeadline ? 'volcano' : 'blue'}>
      {pastDeadline
        ? t('needs.campaign.pastDeadline', { date: formatDate(deadline) })
        : t('needs.campaign.open', { date: formatDate(deadline) })}
    </Tag>
  );
}

const SHOWN = 6;

/**
 * The reminders of the officer's units that have not submitted (recorded by the background job at
 * D-3 and D+1), with a link to each answer. Shown on the needs page and the officer's home screen.
 */
export function NeedsRemindersBanner() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const enabled = me.permissions.includes('needs.write');
  const q = useQuery({ queryKey: ['needs', 'reminders'], queryFn: needsApi.reminders, enabled });
  if (!enabled || !q.data || q.data.items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={t('needs.reminders.title', { n: q.data.items.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {q.data.items.slice(0, SHOWN).map((r) => (
            <li key={`${r.campaignId}-${r.unit.id}-${r.kind}`}>
              <Link to={`/needs/${r.campaignId}/units/${r.unit.id}`}>{r.message}</Link>
            </li>
          ))}
          {q.data.items.length > SHOWN && <li>{t('needs.reminders.more', { n: q.data.items.length - SHOWN })}</li>}
        </ul>
      }
    />
  );
}
