/** What the catalogue pages share: the duration in words and the organiser tag. */
import { Tag } from 'antd';
import type { ProgrammeVersionView } from '@nang-tam/contracts';
import { training } from '@nang-tam/domain';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';

const ORGANISER_COLOR: Record<ProgrammeVersionView['organiserType'], string> = {
  provincial_school: 'blue',
  commune_centre: 'cyan',
  outside_institution: 'purple',
  abroad: 'magenta',
};

export function durationText(t: TFunction, d: ProgrammeVersionView['duration']): string {
  return d ? `${d.value.toLocaleString('vi-VN')} ${t(`catalogue.unit.${d.unit}` as MessageKey)}` : '—';
}

/** Who runs it, and the usual institution for programmes run outside the province. */
export function OrganiserTag({ version }: { version: Pick<ProgrammeVersionView, 'organiserType' | 'defaultInstitution'> }) {
  const { t } = useI18n();
  return (
    <span>
      <Tag color={ORGANISER_COLOR[version.organiserType]}>{t(`catalogue.organiserLabel.${version.organiserType}` as MessageKey)}</Tag>
      {version.defaultInstitution && <span style={{ fontSize: 12 }}>{version.defaultInstitution}</span>}
    </span>
  );
}

/** A target group's or a level's label in the UI language (the server sends the Vietnamese one). */
export function vocabLabel(table: 'targetGroups' | 'levels', item: { code: string; label: string }, locale: string): string {
  if (locale !== 'en') return item.label;
  const source = table === 'targetGroups' ? training.TARGET_GROUPS : training.PROGRAMME_LEVELS;
  return source[item.code]?.en ?? item.label;
}
