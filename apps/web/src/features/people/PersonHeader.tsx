import { Avatar, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { PersonDetail } from '@nang-tam/contracts';
import { APPRAISAL_CLASSIFICATIONS, GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES } from '@nang-tam/domain';
import { levelName, useReference } from '../../api/reference';
import { useI18n } from '../../i18n';
import { ageToday, formatDate, initials } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { CLASSIFICATION_COLORS } from './tabs/AppraisalsTab';

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <Typography.Text strong>{value}</Typography.Text>
    </Flex>
  );
}

/** The key facts of a person at a glance. */
export function PersonHeader({ person: p, actions }: { person: PersonDetail; actions?: React.ReactNode }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  const isMobile = useIsMobile();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const latest = [...p.appraisals].sort((a, b) => b.year - a.year)[0];
  const currentPlanning = p.planningEntries.map((e) => `${e.title.name} (${e.term})`);

  return (
    <Card styles={{ body: { padding: isMobile ? 16 : 24 } }}>
      <Flex gap={isMobile ? 12 : 20} align="start" wrap={isMobile}>
        <Avatar size={isMobile ? 56 : 72} style={{ background: '#14508f', fontSize: isMobile ? 22 : 28, flex: 'none' }}>
          {initials(p.fullName)}
        </Avatar>
        <Flex vertical gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Flex justify="space-between" align="start" gap={12} wrap>
            <div>
              <Typography.Title level={1} className={isMobile ? "nt-h1" : "nt-h1 nt-h1-lg"} style={{ margin: 0 }}>
                {p.fullName}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 15 }}>
                {p.title ? `${p.title.name} · ${p.unit.name}` : p.unit.name}
              </Typography.Text>
            </div>
            {actions}
          </Flex>
          <Flex gap={6} wrap>
            <Tag color="geekblue">{label(PERSON_CATEGORIES, p.category)}</Tag>
            {p.partyMembership === 'member' && <Tag color="red">{t('person.partyMember')}</Tag>}
            {p.partyMembership === 'probationary' && <Tag color="volcano">{label(PARTY_MEMBERSHIPS, 'probationary')}</Tag>}
            {p.partyMembership === null && <Tag>{t('person.partyUnknown')}</Tag>}
            {p.managementScope && <Tag color="gold">{p.managementScope.name}</Tag>}
          </Flex>
        </Flex>
      </Flex>
      <Row gutter={[24, 16]} style={{ marginTop: 20 }}>
        <Col xs={12} md={6} xl={4}>
          <Fact
            label={t('person.birthDate')}
            value={
              <span className="nt-num">
                {formatDate(p.birthDate)} · {t('person.ageYears', { n: ageToday(p.birthDate) })}
              </span>
            }
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Fact label={`${t('person.gender')} / ${t('person.ethnicity')}`} value={`${label(GENDERS, p.gender)} · ${p.ethnicity.name}`} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Fact label={t('person.educationLevel')} value={levelName(ref, 'education', p.educationLevel) || none} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Fact label={t('qualification.kind.political_theory')} value={levelName(ref, 'political_theory', p.politicalTheoryLevel) || none} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Fact label={t('qualification.kind.state_management')} value={levelName(ref, 'state_management', p.stateManagementLevel) || none} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Fact
            label={latest ? t('person.latestAppraisal', { year: latest.year }) : t('person.latestAppraisalNone')}
            value={
              latest ? (
                <Tag color={CLASSIFICATION_COLORS[latest.classification]} style={{ marginInlineEnd: 0 }}>
                  {label(APPRAISAL_CLASSIFICATIONS, latest.classification)}
                </Tag>
              ) : (
                none
              )
            }
          />
        </Col>
        {currentPlanning.length > 0 && (
          <Col xs={24}>
            <Fact label={t('person.plannedFor')} value={currentPlanning.join('; ')} />
          </Col>
        )}
      </Row>
    </Card>
  );
}
