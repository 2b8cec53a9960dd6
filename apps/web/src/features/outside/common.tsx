import { Tag } from 'antd';
import type { OutsideResult, OutsideStatus, OutsideSummary } from '@nang-tam/contracts';
import { training } from '@nang-tam/domain';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';

export const OUTSIDE_STATUSES: readonly OutsideStatus[] = ['proposed', 'approved', 'sent', 'completed', 'refused', 'withdrawn'];
export const OUTSIDE_RESULTS: readonly OutsideResult[] = ['graduated', 'not_graduated', 'withdrawn'];

/** The classifications a graduate may get (the default scheme's bands, in their official names). */
export const CLASSIFICATIONS = training.DEFAULT_GRADING_SCHEME.bands.map((b) => ({ value: b.code, label: b.label }));

const STATUS_COLOURS: Record<OutsideStatus, string> = {
  proposed: 'gold',
  approved: 'blue',
  sent: 'processing',
  completed: 'green',
  refused: 'red',
  withdrawn: 'default',
};

export function OutsideStatusTag({ status }: { status: OutsideStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`out.status.${status}`)}</Tag>;
}

/** "Học viện …" or "University (Country)". */
export function institutionText(r: Pick<OutsideSummary, 'institution' | 'country'>): string {
  return r.country ? `${r.institution} (${r.country})` : r.institution;
}

export const outsideDates = (r: Pick<OutsideSummary, 'startDate' | 'endDate'>) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}`;

/** The result in words: "Tốt nghiệp, hoàn thành · Giỏi". */
export function useResultText() {
  const { t } = useI18n();
  return (r: OutsideSummary['result']) => (r ? [t(`out.result.${r.result}`), r.classification?.label].filter(Boolean).join(' · ') : '');
}
