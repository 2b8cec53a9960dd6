import { Tag } from 'antd';
import type { EnrolmentProgress } from '@nang-tam/contracts';
import { useI18n, type MessageKey } from '../../i18n';

export function EnrolmentStatusTag({ status }: { status: EnrolmentProgress['enrolment']['status'] }) {
  const { t } = useI18n();
  const color = { enrolled: 'blue', completed: 'green', failed: 'red', withdrawn: 'default' }[status];
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {t(`enrolment.status.${status}` as MessageKey)}
    </Tag>
  );
}

const OUTCOME_COLOR = {
  graduated: 'success',
  not_graduated: 'error',
  pending: 'default',
  eligible: 'success',
  not_eligible: 'error',
} as const;

export function OutcomeTag({ outcome, kind }: { outcome: keyof typeof OUTCOME_COLOR; kind: 'graduation' | 'exam' }) {
  const { t } = useI18n();
  return (
    <Tag color={OUTCOME_COLOR[outcome]} style={{ marginInlineEnd: 0 }}>
      {t(`${kind}.outcome.${outcome}` as MessageKey)}
    </Tag>
  );
}
