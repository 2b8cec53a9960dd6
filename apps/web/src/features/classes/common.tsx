/** Shared pieces of the class screens: status tags, places, date ranges, lecturer names. */
import { Flex, Progress, Tag, Typography } from 'antd';
import type { ClassSummary, LecturerRef, NominationStatus } from '@nang-tam/contracts';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { formatDate } from '../../shared/format';

export type ClassStatus = ClassSummary['status'];
/** The status shown on a class (decided by the server from its stored status, dates and today). */
export type ClassDisplayStatus = ClassSummary['displayStatus'];

const CLASS_STATUS_COLOR: Record<ClassDisplayStatus, string> = {
  open: 'green',
  closed: 'orange',
  in_progress: 'blue',
  awaiting_graduation: 'gold',
  finished: 'default',
};

export function classStatusLabel(t: TFunction, status: ClassDisplayStatus): string {
  return t(`class.status.${status}` as MessageKey);
}

export function ClassStatusTag({ status }: { status: ClassDisplayStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={CLASS_STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {classStatusLabel(t, status)}
    </Tag>
  );
}

/** "Chuyển tiếp": a class started in an earlier year and still running in the year shown. */
export function CarriedOverTag() {
  const { t } = useI18n();
  return (
    <Tag color="purple" style={{ marginInlineEnd: 0 }} title={t('classes.carriedOverHint')}>
      {t('classes.carriedOver')}
    </Tag>
  );
}

/** "01/09/2026 – 30/11/2026". */
export function dateRange(from: string, to: string): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** "12 / 30" with a thin bar; full classes show red. */
export function PlacesCell({
  taken,
  capacity,
  waitlisted,
  compact = false,
}: {
  taken: number;
  capacity: number;
  waitlisted?: number;
  compact?: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const percent = capacity > 0 ? Math.min(100, Math.round((taken / capacity) * 100)) : 0;
  const full = taken >= capacity;
  return (
    <Flex vertical gap={0} style={{ minWidth: compact ? undefined : 110 }}>
      <span className="nt-num" aria-label={t('classes.placesAria', { taken: formatNumber(taken), capacity: formatNumber(capacity) })}>
        <strong>{formatNumber(taken)}</strong> / {formatNumber(capacity)}
      </span>
      {!compact && <Progress percent={percent} size="small" showInfo={false} status={full ? 'exception' : 'normal'} aria-hidden />}
      {waitlisted !== undefined && waitlisted > 0 && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('classes.waitlistedN', { n: formatNumber(waitlisted) })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** "ThS. Nguyễn Văn An" (title first when it is an academic one), organisation after a dash. */
export function lecturerName(l: Pick<LecturerRef, 'fullName' | 'title'>): string {
  return l.title && /^(ThS|TS|PGS|GS|CN|KS|BS)\b/.test(l.title) ? `${l.title} ${l.fullName}` : l.fullName;
}

export function LecturerText({ lecturer, withOrg = true }: { lecturer: LecturerRef; withOrg?: boolean }) {
  const { t } = useI18n();
  const academic = lecturer.title && /^(ThS|TS|PGS|GS|CN|KS|BS)\b/.test(lecturer.title);
  const extra = [academic ? null : lecturer.title, withOrg ? lecturer.organisation : null].filter(Boolean).join(', ');
  return (
    <span>
      {lecturerName(lecturer)}
      {lecturer.kind === 'guest' && (
        <Tag color="geekblue" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
          {t('lecturer.kind.guest')}
        </Tag>
      )}
      {extra && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          — {extra}
        </Typography.Text>
      )}
    </span>
  );
}

// ---------- nominations ----------

/** The cache key of a class's nomination lists and counts. */
export const nominationsKey = (classId: number) => ['classes', classId, 'nominations'] as const;

export const NOMINATION_STATUS_ORDER: NominationStatus[] = [
  'nominated',
  'approved_agency',
  'approved_board',
  'enrolled',
  'waitlisted',
  'refused',
  'withdrawn',
];

const NOMINATION_COLOR: Record<NominationStatus, string> = {
  nominated: 'blue',
  approved_agency: 'blue',
  approved_board: 'cyan',
  enrolled: 'green',
  waitlisted: 'gold',
  refused: 'red',
  withdrawn: 'default',
};

export function nominationStatusLabel(t: TFunction, s: NominationStatus): string {
  return t(`nom.status.${s}` as MessageKey);
}

export function NominationStatusTag({ status, position }: { status: NominationStatus; position?: number | null }) {
  const { t } = useI18n();
  return (
    <Tag color={NOMINATION_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {nominationStatusLabel(t, status)}
      {status === 'waitlisted' && position ? ` · ${t('nom.position', { n: position })}` : ''}
    </Tag>
  );
}
