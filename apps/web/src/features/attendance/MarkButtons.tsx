import { Avatar, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { AttendanceMarkCode } from '@nang-tam/contracts';
import { useI18n, type MessageKey } from '../../i18n';
import { ATTENDANCE_MARKS, LearnerCell, markLabel } from '../learning/common';
import { initialsOf } from './marking';

/**
 * One tap per learner: a row of large toggle buttons, one per mark ("Có mặt", "Có phép",
 * "Không phép", "Triệu tập"), each named for a screen reader "Nguyễn Văn An: có mặt" and
 * pressed when it is the learner's mark. At least 44×44 px (36 px high in the desktop table).
 */
export function MarkButtons({
  name,
  value,
  onChoose,
  disabled,
  compact = false,
}: {
  name: string;
  value: AttendanceMarkCode | null;
  onChoose: (mark: AttendanceMarkCode) => void;
  disabled: boolean;
  compact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t('attendance.markOf', { name })}
      className={`nt-att-marks${compact ? ' is-compact' : ''}`}
      style={{ ['--nt-att-n' as string]: ATTENDANCE_MARKS.length }}
    >
      {ATTENDANCE_MARKS.map((m) => (
        <button
          key={m}
          type="button"
          className={`nt-att-mark is-${m}`}
          aria-pressed={value === m}
          aria-label={t('attendance.markButton', { name, mark: markLabel(t, m).toLocaleLowerCase('vi-VN') })}
          disabled={disabled}
          onClick={() => onChoose(m)}
        >
          {t(`attendance.short.${m}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}

/** The learner as the sheet shows them: initials in a round badge, the name, the home unit. */
export function LearnerBadge({ person }: { person: { id: number; fullName: string; unit?: { name: string } } }) {
  return (
    <Flex gap={10} align="center" style={{ minWidth: 0 }}>
      <Avatar className="nt-att-avatar" size={40} aria-hidden>
        {initialsOf(person.fullName)}
      </Avatar>
      <LearnerCell person={person} />
    </Flex>
  );
}

/** A learner's large row on a phone: who, the mark buttons, notes and actions. */
export function AttendanceRowCard({
  person,
  changed,
  error,
  actions,
  note,
  children,
}: {
  person: { id: number; fullName: string; unit?: { name: string } };
  changed: boolean;
  error: string | undefined;
  actions: ReactNode;
  note: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div role="listitem" className={`nt-att-row${changed ? ' is-changed' : ''}${error ? ' has-error' : ''}`}>
      <Flex justify="space-between" gap={8} align="start">
        <LearnerBadge person={person} />
        <Flex gap={4} align="center">
          {changed && <Tag color="blue">{t('attendance.changed')}</Tag>}
          {actions}
        </Flex>
      </Flex>
      {children}
      {note}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
