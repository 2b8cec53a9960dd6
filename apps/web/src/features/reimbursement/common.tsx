import { Tag } from 'antd';
import type { CaseSummary } from '@nang-tam/contracts';
import { CASE_STATUS_LABELS, EXEMPTION_GROUND_LABELS, LEAVING_REASON_LABELS } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';

const STATUS_COLOUR: Record<CaseSummary['status'], string> = { notified: 'orange', agreed: 'blue', paid: 'green', waived: 'default' };

export function CaseStatusTag({ status }: { status: CaseSummary['status'] }) {
  const { locale } = useI18n();
  return <Tag color={STATUS_COLOUR[status]}>{CASE_STATUS_LABELS[status][locale]}</Tag>;
}

/** Labels shared by the domain (vi/en), picked by the current locale. */
export function useReimbursementLabels() {
  const { locale } = useI18n();
  return {
    status: (s: CaseSummary['status']) => CASE_STATUS_LABELS[s][locale],
    reason: (r: keyof typeof LEAVING_REASON_LABELS) => LEAVING_REASON_LABELS[r][locale],
    ground: (g: keyof typeof EXEMPTION_GROUND_LABELS) => EXEMPTION_GROUND_LABELS[g][locale],
  };
}

/** A sum in đồng, vi-VN grouping. */
export function useDong() {
  const { formatNumber } = useI18n();
  return (n: number) => `${formatNumber(n)} đ`;
}
