import { Descriptions, Tag, Typography, type DescriptionsProps } from 'antd';
import type { PersonDetail } from '@nang-tam/contracts';
import { GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES } from '@nang-tam/domain';
import { levelName, useReference } from '../../../api/reference';
import { useI18n } from '../../../i18n';
import { ageToday, formatDate, formatDateTime } from '../../../shared/format';
import { useIsMobile } from '../../../shared/hooks';

export function GeneralTab({ person: p }: { person: PersonDetail }) {
  const { t, label, locale } = useI18n();
  const { data: ref } = useReference();
  const isMobile = useIsMobile();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const v = (s: string | null | undefined) => (s ? s : none);

  const items: DescriptionsProps['items'] = [
    { key: 'fullName', label: t('person.fullName'), children: p.fullName },
    { key: 'citizenId', label: t('person.citizenId'), children: <span className="nt-num">{p.citizenId}</span> },
    {
      key: 'birthDate',
      label: t('person.birthDate'),
      children: (
        <span className="nt-num">
          {formatDate(p.birthDate)} ({t('person.ageYears', { n: ageToday(p.birthDate) })})
        </span>
      ),
    },
    { key: 'gender', label: t('person.gender'), children: label(GENDERS, p.gender) },
    { key: 'ethnicity', label: t('person.ethnicity'), children: p.ethnicity.name },
    { key: 'category', label: t('person.category'), children: label(PERSON_CATEGORIES, p.category) },
    {
      key: 'party',
      label: t('person.partyMembership'),
      children:
        p.partyMembership === null ? (
          <Typography.Text type="secondary">{t('person.partyUnknown')}</Typography.Text>
        ) : p.partyMembership === 'not_member' ? (
          label(PARTY_MEMBERSHIPS, p.partyMembership)
        ) : (
          <Tag color="red">{label(PARTY_MEMBERSHIPS, p.partyMembership)}</Tag>
        ),
    },
    { key: 'partyJoinedOn', label: t('person.partyJoinedOn'), children: v(formatDate(p.partyJoinedOn)) },
    { key: 'partyOfficialOn', label: t('person.partyOfficialOn'), children: v(formatDate(p.partyOfficialOn)) },
    { key: 'unit', label: t('person.unit'), children: p.unit.name },
    { key: 'title', label: t('person.title'), children: v(p.title?.name) },
    { key: 'jobPosition', label: t('person.jobPosition'), children: v(p.jobPosition?.name) },
    { key: 'rank', label: t('person.rank'), children: v(p.rank?.name) },
    { key: 'managementScope', label: t('person.managementScope'), children: v(p.managementScope?.name) },
    { key: 'education', label: t('person.educationLevel'), children: v(levelName(ref, 'education', p.educationLevel)) },
    { key: 'llct', label: t('qualification.kind.political_theory'), children: v(levelName(ref, 'political_theory', p.politicalTheoryLevel)) },
    { key: 'qlnn', label: t('qualification.kind.state_management'), children: v(levelName(ref, 'state_management', p.stateManagementLevel)) },
    { key: 'phone', label: t('person.phone'), children: v(p.phone) },
    { key: 'email', label: t('person.email'), children: v(p.email) },
    { key: 'updatedAt', label: t('person.updatedAt'), children: formatDateTime(p.updatedAt, locale) },
  ];

  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, xl: 2 }} items={items} styles={{ label: { width: isMobile ? 120 : 200 } }} />;
}
