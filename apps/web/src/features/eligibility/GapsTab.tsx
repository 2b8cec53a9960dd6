import { useState } from 'react';
import { Alert, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonGaps } from '@nang-tam/contracts';
import { QUALIFICATION_KINDS } from '@nang-tam/domain';
import { levelName, useReference } from '../../api/reference';
import { rulesApi } from '../../api/rules';
import { useI18n, type MessageKey } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { AsOfPicker, SourceText, today } from './common';

type Target = PersonGaps['targets'][number];
type Req = Target['requirements'][number];

function RequirementRow({ r }: { r: Req }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }}>
      <Flex gap={10} align="flex-start">
        {r.met ? (
          <CheckCircleFilled style={{ color: '#16a34a', fontSize: 18, marginTop: 2 }} aria-label={t('gaps.met')} role="img" />
        ) : (
          <CloseCircleFilled style={{ color: '#dc2626', fontSize: 18, marginTop: 2 }} aria-label={t('gaps.missing')} role="img" />
        )}
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong>
            {label(QUALIFICATION_KINDS, r.kind)}: {r.description}
          </Typography.Text>
          <Space size={[8, 4]} wrap>
            <Tag color={r.met ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
              {r.met ? t('gaps.met') : t('gaps.missing')}
            </Tag>
            <Typography.Text>{t('gaps.required', { level: r.requiredLevelName })}</Typography.Text>
            <Typography.Text type={r.met ? undefined : 'danger'}>
              {t('gaps.held', { level: r.heldLevel ? r.heldLevelName : t('gaps.heldNone') })}
            </Typography.Text>
          </Space>
          {r.alternativeApplied && (
            <Typography.Text type="secondary">{t('gaps.alternative', { level: levelName(ref, r.kind, r.alternativeApplied.level) })}</Typography.Text>
          )}
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
          <SourceText source={r.source} />
        </Flex>
      </Flex>
    </List.Item>
  );
}

function TargetCard({ target }: { target: Target }) {
  const { t } = useI18n();
  const missing = target.gaps.length;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{t(`gaps.role.${target.role}` as MessageKey)}:</Typography.Text>
          <span style={{ whiteSpace: 'normal' }}>{target.name}</span>
          {target.term && <Typography.Text type="secondary">({t('gaps.term', { term: target.term })})</Typography.Text>}
        </Flex>
      }
      extra={
        target.requirements.length > 0 &&
        (missing === 0 ? <Tag color="success">{t('gaps.allMet')}</Tag> : <Tag color="error">{t('gaps.countMissing', { n: missing })}</Tag>)
      }
    >
      {target.requirements.length === 0 ? (
        <Typography.Text type="secondary">{t('gaps.noRequirements')}</Typography.Text>
      ) : (
        <List size="small" dataSource={target.requirements} renderItem={(r) => <RequirementRow r={r} />} rowKey={(r) => `${r.standardId}@${r.version}`} />
      )}
    </Card>
  );
}

/** "Còn thiếu gì": the standards of the current title, job position and planned titles, met or not, as of a date. */
export function GapsTab({ personId }: { personId: number }) {
  const { t, label } = useI18n();
  const [asOf, setAsOf] = useState(today);
  const q = useQuery({
    queryKey: ['people', personId, 'gaps', asOf],
    queryFn: () => rulesApi.personGaps(personId, asOf),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Typography.Text type="secondary" style={{ flex: '1 1 280px' }}>
          {t('gaps.intro')}
        </Typography.Text>
        <Space>
          <label htmlFor="gaps-asof">{t('common.asOf')}</label>
          <AsOfPicker id="gaps-asof" value={asOf} onChange={setAsOf} />
        </Space>
      </Flex>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {q.data.summary.needs.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={q.data.summary.text}
              description={
                <Flex vertical gap={2}>
                  <span>{t('gaps.needs')}:</span>
                  {q.data.summary.needs.map((n) => (
                    <span key={`${n.kind}-${n.level}`}>
                      • <strong>{label(QUALIFICATION_KINDS, n.kind)}: {n.levelName}</strong> {t('gaps.needFor', { targets: n.forTargets.map((c) => q.data.targets.find((tg) => tg.code === c)?.name ?? c).join('; ') })}
                    </span>
                  ))}
                </Flex>
              }
            />
          ) : (
            q.data.targets.length > 0 && <Alert type="success" showIcon title={q.data.summary.text || t('gaps.allMet')} />
          )}
          {q.data.targets.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gaps.noTargets')} />
          ) : (
            q.data.targets.map((tg) => <TargetCard key={`${tg.role}-${tg.code}-${tg.term ?? ''}`} target={tg} />)
          )}
        </>
      )}
    </Flex>
  );
}
