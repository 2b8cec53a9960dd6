import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ProgrammeVersionView } from '@nang-tam/contracts';
import { catalogueApi } from '../../api/catalogue';
import { allows } from '../../app/actions';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { SourceText } from '../eligibility/common';
import { ProgrammeFormModal } from './ProgrammeFormModal';
import { durationText, OrganiserTag, vocabLabel } from './common';

/** The fields of one version, as label → text (shared by the current version and the history). */
function VersionFields({ v }: { v: ProgrammeVersionView }) {
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Descriptions size="small" column={isMobile ? 1 : 2} bordered>
      <Descriptions.Item label={t('catalogue.kind')}>{t(`catalogue.kindLabel.${v.kind}` as MessageKey)}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.level')}>
        {v.level ? vocabLabel('levels', v.level, locale) : t('common.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalogue.duration')}>{durationText(t, v.duration)}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.modes')}>{v.modes.map((m) => t(`mode.${m}` as MessageKey)).join(', ')}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.targetGroups')} span={isMobile ? 1 : 2}>
        {v.targetGroups.length > 0
          ? v.targetGroups.map((g) => <Tag key={g.code}>{vocabLabel('targetGroups', g, locale)}</Tag>)
          : t('common.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalogue.grants')}>{v.grants ? v.grants.levelName : t('catalogue.noQualification')}</Descriptions.Item>
      <Descriptions.Item label={t('catalogue.organiser')}>
        <OrganiserTag version={v} />
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(v.opensClasses ? 'catalogue.opensClasses' : 'catalogue.outsideTraining')}
          </Typography.Text>
        </div>
      </Descriptions.Item>
      <Descriptions.Item label={t('catalogue.deadlineShort')} span={isMobile ? 1 : 2}>
        {v.deadline ? t('catalogue.deadlineText', { n: v.deadline.months }) : t('catalogue.noRuleSet')}
      </Descriptions.Item>
      {v.note && (
        <Descriptions.Item label={t('catalogue.note')} span={isMobile ? 1 : 2}>
          {v.note}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** One programme: the version in force on the chosen date, its rule set, and every version with what changed. */
export default function ProgrammeCataloguePage() {
  const { t, locale } = useI18n();
  const { code = '' } = useParams();
  const [sp] = useSearchParams();
  const asOf = sp.get('asOf');
  const [editing, setEditing] = useState(false);
  const canOpenRules = useCurrentUser().permissions.includes('rules.write');
  const q = useQuery({ queryKey: ['catalogue', 'programme', code, asOf], queryFn: () => catalogueApi.programme(code, asOf) });
  usePageTitle(q.data?.current.name ?? t('catalogue.title'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const period = (v: ProgrammeVersionView) => `${formatDate(v.period.from)} – ${v.period.to ? formatDate(v.period.to) : t('source.open')}`;
  const columns: TableColumnsType<ProgrammeVersionView> = [
    {
      key: 'version',
      title: t('catalogue.version'),
      width: 110,
      render: (_, v) => (
        <Flex vertical gap={2} align="flex-start">
          <strong className="nt-num">{v.version}</strong>
          {v.inForce && <Tag color="success">{t('rules.inForce')}</Tag>}
        </Flex>
      ),
    },
    { key: 'period', title: t('rules.period'), width: 190, render: (_, v) => <span className="nt-num">{period(v)}</span> },
    {
      key: 'change',
      title: t('catalogue.change'),
      render: (_, v) => (
        <Flex vertical gap={2}>
          <span>{v.reason}</span>
          {v.changed.length > 0 && (
            <span>
              {t('catalogue.changedFields')}: {v.changed.map((f) => t(`catalogue.field.${f}` as MessageKey)).join(', ')}
            </span>
          )}
          <SourceText source={v.source} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rules.createdBy')}: {v.createdBy ?? t('rules.seed')} · {formatDateTime(v.createdAt, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  return (
    <>
      <div className="nt-page-head">
        <div>
          <Link to="/catalogue">
            <ArrowLeftOutlined aria-hidden /> {t('catalogue.back')}
          </Link>
          <Typography.Title level={1} className="nt-h1">{d.current.name}</Typography.Title>
          <Typography.Text type="secondary">
            {d.code} · {t('catalogue.shownVersion', { n: d.current.version, period: period(d.current) })}
          </Typography.Text>
        </div>
        {allows(d, 'addVersion') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('catalogue.addVersion')}
          </Button>
        )}
      </div>
      <Flex vertical gap={16}>
        {!d.current.inForce && <Alert type="warning" showIcon title={t('catalogue.notInForce', { date: formatDate(d.asOf) })} />}
        <Card size="small" title={t('catalogue.current')}>
          <VersionFields v={d.current} />
          <div style={{ marginTop: 8 }}>
            <SourceText source={d.current.source} period={d.current.period} />
          </div>
        </Card>
        <Card size="small" title={t('catalogue.ruleSet')}>
          {d.ruleSet ? (
            <span>
              {t('catalogue.rulesInForce', { n: d.ruleSet.rulesInForce })}
              {canOpenRules && (
                <>
                  {' · '}
                  <Link to={`/rules?programme=${encodeURIComponent(d.code)}`}>{t('catalogue.openRules')}</Link>
                </>
              )}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('catalogue.noRuleSetLong')}</Typography.Text>
          )}
        </Card>
        <Card size="small" title={t('catalogue.history', { n: d.versionCount })}>
          <Table<ProgrammeVersionView>
            aria-label={t('catalogue.history', { n: d.versionCount })}
            rowKey="version"
            size="small"
            columns={columns}
            dataSource={[...d.versions].reverse()}
            pagination={false}
            expandable={{ expandedRowRender: (v) => <VersionFields v={v} /> }}
            scroll={{ x: 700 }}
          />
        </Card>
      </Flex>
      {editing && <ProgrammeFormModal programme={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </>
  );
}
