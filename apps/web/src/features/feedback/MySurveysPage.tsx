/** "Phiếu khảo sát" (the learner): the reaction surveys of their classes; an open one not yet answered leads to its form. */
import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { MySurvey } from '@nang-tam/contracts';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';

export function SurveyStateTag({ s }: { s: Pick<MySurvey, 'state' | 'answered'> }) {
  const { t } = useI18n();
  if (s.answered) return <Tag color="green">{t('fb.answered')}</Tag>;
  if (s.state === 'open') return <Tag color="blue">{t('fb.state.open')}</Tag>;
  return <Tag>{t(s.state === 'closed' ? 'fb.state.closed' : 'fb.state.not_open')}</Tag>;
}

export default function MySurveysPage() {
  const { t } = useI18n();
  usePageTitle(t('fb.mySurveys'));
  const q = useQuery({ queryKey: ['surveys', 'mine'], queryFn: ({ signal }) => feedbackApi.mySurveys(signal) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
        {t('fb.mySurveys')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('fb.mySurveysIntro')}
      </Typography.Paragraph>
      <Card size="small">
        {q.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb.noSurvey')} />
        ) : (
          <List
            dataSource={q.data.items}
            renderItem={(s) => (
              <List.Item style={{ display: 'block', paddingInline: 0 }}>
                <Flex justify="space-between" align="start" gap={8}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    {s.state === 'open' && !s.answered ? (
                      <Link to={`/surveys/${s.id}`} style={{ fontWeight: 600, minHeight: 44, display: 'inline-flex', alignItems: 'center' }}>
                        {s.className}
                      </Link>
                    ) : (
                      <strong>{s.className}</strong>
                    )}
                    <Typography.Text type="secondary" className="nt-num">
                      {t('fb.window', { from: formatDate(s.opensOn), to: formatDate(s.closesOn) })}
                    </Typography.Text>
                  </Flex>
                  <SurveyStateTag s={s} />
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
