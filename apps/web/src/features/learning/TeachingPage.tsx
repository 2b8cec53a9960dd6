import { useMemo } from 'react';
import { Alert, Button, Card, Empty, Flex, Segmented, Space, Tag, Typography } from 'antd';
import { CheckSquareOutlined, EditOutlined, EnvironmentOutlined, LinkOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { MySessions } from '@nang-tam/contracts';
import { meApi } from '../../api/learners';
import { useI18n, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { dayTitle, today } from './common';

type Item = MySessions['items'][number];
type Range = 'upcoming' | 'past' | 'all';

function rangeOf(r: Range): { from: string; to: string } {
  const t0 = dayjs(today());
  if (r === 'past') return { from: t0.subtract(60, 'day').format('YYYY-MM-DD'), to: t0.format('YYYY-MM-DD') };
  if (r === 'all') return { from: t0.subtract(120, 'day').format('YYYY-MM-DD'), to: t0.add(120, 'day').format('YYYY-MM-DD') };
  return { from: t0.format('YYYY-MM-DD'), to: t0.add(30, 'day').format('YYYY-MM-DD') };
}

/**
 * "Lịch giảng": the lecturer's sessions by day, each with its class, module, room and links to the
 * class's attendance (once the session is held) and grade entry.
 */
export default function TeachingPage() {
  const { t } = useI18n();
  usePageTitle(t('teaching.title'));
  const [sp, setSp] = useSearchParams();
  const range: Range = sp.get('range') === 'past' ? 'past' : sp.get('range') === 'all' ? 'all' : 'upcoming';
  const q = useQuery({
    queryKey: ['my-sessions', range],
    queryFn: () => meApi.sessions(rangeOf(range)),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const days = useMemo(() => {
    const items = [...(d?.items ?? [])].sort((a, b) =>
      range === 'past'
        ? b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime)
        : a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime),
    );
    const groups: { date: string; items: Item[] }[] = [];
    for (const s of items) {
      const last = groups[groups.length - 1];
      if (last && last.date === s.date) last.items.push(s);
      else groups.push({ date: s.date, items: [s] });
    }
    return groups;
  }, [d, range]);
  const todayIso = today();

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('teaching.title')}</Typography.Title>
          <Typography.Text type="secondary">
            {d?.lecturer ? t('teaching.subtitle', { name: d.lecturer.fullName }) : t('teaching.subtitleNone')}
          </Typography.Text>
        </div>
        <Segmented<Range>
          value={range}
          onChange={(v) => setSp(v === 'upcoming' ? {} : { range: v }, { replace: true })}
          options={[
            { value: 'upcoming', label: t('teaching.upcoming') },
            { value: 'past', label: t('teaching.past') },
            { value: 'all', label: t('teaching.all') },
          ]}
        />
      </div>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : !d!.lecturer ? (
        <Alert type="info" showIcon title={t('teaching.notLecturer')} />
      ) : days.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teaching.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12} role="list" aria-label={t('teaching.title')}>
          {days.map((g) => (
            <Card
              key={g.date}
              size="small"
              role="listitem"
              title={dayTitle(g.date)}
              extra={g.date === todayIso && <Tag color="blue">{t('common.today')}</Tag>}
            >
              <Flex vertical gap={12}>
                {g.items.map((s) => (
                  <Flex key={s.id} justify="space-between" align="start" gap={12} wrap>
                    <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
                      <strong className="nt-num">
                        {s.startTime}–{s.endTime} ·{' '}
                        {s.module ? `${s.module.code} — ${s.module.name}` : t(`session.kind.${s.kind}` as MessageKey)}
                      </strong>
                      <Link to={`/classes/${s.class.id}`}>{s.class.name}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {s.class.programmeName}
                        {s.room && (
                          <>
                            {' · '}
                            <EnvironmentOutlined aria-hidden /> {s.room}
                          </>
                        )}
                      </Typography.Text>
                      {s.onlineLink && (
                        <a href={s.onlineLink} target="_blank" rel="noopener noreferrer">
                          <LinkOutlined aria-hidden /> {t('session.onlineLinkShort')}
                        </a>
                      )}
                    </Flex>
                    <Space wrap>
                      {s.date <= todayIso && (
                        <Link to={`/classes/${s.class.id}?tab=attendance&session=${s.id}`}>
                          <Button size="small" type={s.date === todayIso ? 'primary' : 'default'} icon={<CheckSquareOutlined />}>
                            {t('teaching.attendance')}
                          </Button>
                        </Link>
                      )}
                      {s.module && (
                        <Link to={`/classes/${s.class.id}?tab=grades`}>
                          <Button size="small" icon={<EditOutlined />}>
                            {t('teaching.grades')}
                          </Button>
                        </Link>
                      )}
                    </Space>
                  </Flex>
                ))}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
