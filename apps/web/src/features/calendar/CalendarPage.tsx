import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Popover, Segmented, Select, Space, Tag, Typography } from 'antd';
import {
  CalendarOutlined,
  DownloadOutlined,
  EnvironmentOutlined,
  LeftOutlined,
  LinkOutlined,
  RightOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { Calendar, CalendarEntry, CalendarFeedCreated } from '@nang-tam/contracts';
import { isIsoDate, todayInVietnam } from '@nang-tam/domain';
import { calendarApi } from '../../api/calendar';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { dayTitle } from '../learning/common';
import { classesOf, groupByDate, periodOf, shiftAnchor, type CalendarView } from './grid';

const WEEKDAYS: MessageKey[] = [
  'calendar.mon',
  'calendar.tue',
  'calendar.wed',
  'calendar.thu',
  'calendar.fri',
  'calendar.sat',
  'calendar.sun',
];
/** 'T2' … 'CN': the month's column heads on a phone. */
const WEEKDAYS_SHORT: MessageKey[] = [
  'calendar.monShort',
  'calendar.tueShort',
  'calendar.wedShort',
  'calendar.thuShort',
  'calendar.friShort',
  'calendar.satShort',
  'calendar.sunShort',
];

function whatOf(t: ReturnType<typeof useI18n>['t'], s: CalendarEntry): string {
  return s.moduleName ?? t(`session.kind.${s.kind}` as MessageKey);
}

/** One session: time, module (or kind), class, room or online link, lecturer; struck through when cancelled. */
function SessionDetails({ s, kind }: { s: CalendarEntry; kind: Calendar['kind'] }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={6} align="center" wrap>
        <strong className="nt-num" style={s.cancelled ? { textDecoration: 'line-through' } : undefined}>
          {s.startTime}–{s.endTime} · {whatOf(t, s)}
        </strong>
        {s.cancelled && <Tag color="red">{t('calendar.cancelled')}</Tag>}
      </Flex>
      {kind === 'learner' ? <span>{s.className}</span> : <Link to={`/classes/${s.classId}?tab=schedule`}>{s.className}</Link>}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {s.room && (
          <>
            <EnvironmentOutlined aria-hidden /> {s.room} · {s.site}
          </>
        )}
        {s.lecturerName && (
          <>
            {s.room ? ' · ' : ''}
            <UserOutlined aria-hidden /> {s.lecturerName}
          </>
        )}
      </Typography.Text>
      {s.onlineLink && !s.cancelled && (
        <a href={s.onlineLink} target="_blank" rel="noopener noreferrer">
          <LinkOutlined aria-hidden /> {t('session.onlineLinkShort')}
        </a>
      )}
    </Flex>
  );
}

function WeekView({ days, byDate, kind }: { days: string[]; byDate: Map<string, CalendarEntry[]>; kind: Calendar['kind'] }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const today = todayInVietnam();
  if (isMobile) {
    const withSessions = days.filter((d) => byDate.has(d));
    if (withSessions.length === 0)
      return (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.emptyWeek')} />
        </Card>
      );
    return (
      <Flex vertical gap={12} role="list" aria-label={t('calendar.week')}>
        {withSessions.map((d) => (
          <Card key={d} size="small" role="listitem" title={dayTitle(d)} extra={d === today && <Tag color="blue">{t('common.today')}</Tag>}>
            <Flex vertical gap={12}>
              {byDate.get(d)!.map((s) => (
                <SessionDetails key={s.id} s={s} kind={kind} />
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <div className="nt-cal-week" role="table" aria-label={t('calendar.week')}>
      <div role="row" className="nt-cal-row">
        {days.map((d, i) => (
          <div key={d} role="columnheader" className={`nt-cal-head${d === today ? ' nt-cal-today' : ''}`}>
            {t(WEEKDAYS[i]!)} <span className="nt-num">{formatDate(d).slice(0, 5)}</span>
          </div>
        ))}
      </div>
      <div role="row" className="nt-cal-row">
        {days.map((d) => (
          <div key={d} role="cell" className={`nt-cal-day${d === today ? ' nt-cal-today' : ''}`} aria-label={dayTitle(d)}>
            {(byDate.get(d) ?? []).map((s) => (
              <div key={s.id} className={`nt-cal-session${s.cancelled ? ' nt-cal-cancelled' : ''}`}>
                <SessionDetails s={s} kind={kind} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function MonthView({
  days,
  month,
  byDate,
  kind,
  onOpenWeek,
}: {
  days: string[];
  month: string;
  byDate: Map<string, CalendarEntry[]>;
  kind: Calendar['kind'];
  onOpenWeek: (date: string) => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const today = todayInVietnam();
  const weeks = Array.from({ length: 6 }, (_, w) => days.slice(w * 7, w * 7 + 7));
  return (
    <div className="nt-cal-month" role="table" aria-label={t('calendar.month')}>
      <div role="row" className="nt-cal-row">
        {(isMobile ? WEEKDAYS_SHORT : WEEKDAYS).map((k) => (
          <div key={k} role="columnheader" className="nt-cal-head">
            {t(k)}
          </div>
        ))}
      </div>
      {weeks.map((week) => (
        <div key={week[0]} role="row" className="nt-cal-row">
          {week.map((d) => {
            const items = byDate.get(d) ?? [];
            return (
              <div
                key={d}
                role="cell"
                aria-label={dayTitle(d)}
                className={`nt-cal-cell${d.slice(0, 7) === month ? '' : ' nt-cal-outside'}${d === today ? ' nt-cal-today' : ''}`}
              >
                <button
                  type="button"
                  className="nt-cal-date nt-num"
                  onClick={() => onOpenWeek(d)}
                  aria-label={t('calendar.openWeek', { date: formatDate(d) })}
                >
                  {Number(d.slice(8))}
                </button>
                {isMobile ? (
                  // a phone: the day's count, opening its week (names do not fit a seventh of 390 px)
                  items.length > 0 && (
                    <button type="button" className="nt-cal-more" onClick={() => onOpenWeek(d)}>
                      {items.some((s) => !s.cancelled)
                        ? t('calendar.count', { n: items.filter((s) => !s.cancelled).length })
                        : t('calendar.cancelled')}
                    </button>
                  )
                ) : (
                  <>
                    {items.slice(0, 3).map((s) => (
                      <Popover key={s.id} trigger="click" content={<SessionDetails s={s} kind={kind} />}>
                        <button type="button" className={`nt-cal-chip${s.cancelled ? ' nt-cal-cancelled' : ''}`}>
                          <span className="nt-num">{s.startTime}</span> {whatOf(t, s)}
                        </button>
                      </Popover>
                    ))}
                    {items.length > 3 && (
                      <button type="button" className="nt-cal-more" onClick={() => onOpenWeek(d)}>
                        {t('calendar.more', { n: items.length - 3 })}
                      </button>
                    )}
                  </>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** The .ics download and the subscription address (shown once when made; revocable). */
function SyncCard({ feed }: { feed: Calendar['feed'] }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const create = useMutation({
    mutationFn: calendarApi.createFeed,
    onSuccess: (f) => {
      setCreated(f);
      void qc.invalidateQueries({ queryKey: ['my-calendar'] });
    },
    onError: (e) => void message.error(errorMessage(e, locale)),
  });
  const revoke = useMutation({
    mutationFn: calendarApi.revokeFeed,
    onSuccess: () => {
      setCreated(null);
      void message.success(t('calendar.feedRevoked'));
      void qc.invalidateQueries({ queryKey: ['my-calendar'] });
    },
    onError: (e) => void message.error(errorMessage(e, locale)),
  });
  return (
    <Card size="small" title={t('calendar.syncTitle')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('calendar.syncHelp')}</Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={calendarApi.icsUrl()}>
            {t('calendar.download')}
          </Button>
          {feed ? (
            <>
              <Popconfirm
                title={t('calendar.renewConfirm')}
                okText={t('calendar.renew')}
                cancelText={t('action.cancel')}
                onConfirm={() => create.mutate()}
              >
                <Button loading={create.isPending}>{t('calendar.renew')}</Button>
              </Popconfirm>
              <Popconfirm
                title={t('calendar.revokeConfirm')}
                okText={t('calendar.revoke')}
                okButtonProps={{ danger: true }}
                cancelText={t('action.cancel')}
                onConfirm={() => revoke.mutate()}
              >
                <Button danger loading={revoke.isPending}>
                  {t('calendar.revoke')}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Button type="primary" icon={<CalendarOutlined />} loading={create.isPending} onClick={() => create.mutate()}>
              {t('calendar.subscribe')}
            </Button>
          )}
        </Space>
        {created ? (
          <Alert
            type="success"
            showIcon
            title={t('calendar.feedCreated')}
            description={
              <Flex vertical gap={6}>
                <Typography.Paragraph
                  copyable={{ text: created.url, tooltips: [t('calendar.copy'), t('calendar.copied')] }}
                  style={{ marginBottom: 0, wordBreak: 'break-all' }}
                >
                  <code>{created.url}</code>
                </Typography.Paragraph>
                <a href={created.webcalUrl}>{t('calendar.openInApp')}</a>
                <Typography.Text type="secondary">{t('calendar.feedOnce')}</Typography.Text>
              </Flex>
            }
          />
        ) : (
          feed && (
            <Typography.Text>
              {t('calendar.feedActive', { created: formatDateTime(feed.createdAt, locale) })}{' '}
              {feed.lastUsedAt ? t('calendar.feedUsed', { used: formatDateTime(feed.lastUsedAt, locale) }) : t('calendar.feedNeverUsed')}
            </Typography.Text>
          )
        )}
      </Flex>
    </Card>
  );
}

/**
 * "Lịch": the user's own sessions by week or month (a learner's classes, a lecturer's teaching, a
 * registrar's classes, which can be narrowed to one class), with the .ics file and a subscription
 * address for a phone's calendar.
 */
export default function CalendarPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const view: CalendarView = sp.get('view') === 'month' ? 'month' : 'week';
  const dateParam = sp.get('date');
  const anchor = dateParam && isIsoDate(dateParam) ? dateParam : todayInVietnam();
  const classFilter = Number(sp.get('class')) || null;
  const period = useMemo(() => periodOf(view, anchor), [view, anchor]);
  const q = useQuery({
    queryKey: ['my-calendar', period.from, period.to],
    queryFn: ({ signal }) => calendarApi.get({ from: period.from, to: period.to }, signal),
    placeholderData: keepPreviousData,
  });
  const d = q.data;
  const title = d ? t(`calendar.title.${d.kind}` as MessageKey) : t('nav.calendar');
  usePageTitle(title);
  const classes = useMemo(() => classesOf(d?.items ?? []), [d]);
  const byDate = useMemo(
    () => groupByDate((d?.items ?? []).filter((s) => classFilter === null || s.classId === classFilter)),
    [d, classFilter],
  );

  const set = (next: { view?: CalendarView; date?: string; cls?: number | null }) => {
    const p = new URLSearchParams(sp);
    const v = next.view ?? view;
    if (v === 'month') p.set('view', 'month');
    else p.delete('view');
    if (next.date !== undefined) p.set('date', next.date);
    if (next.cls !== undefined) {
      if (next.cls === null) p.delete('class');
      else p.set('class', String(next.cls));
    }
    setSp(p, { replace: true });
  };
  const label =
    view === 'week'
      ? t('calendar.weekLabel', { from: formatDate(period.from), to: formatDate(period.to) })
      : t('calendar.monthLabel', { month: anchor.slice(5, 7), year: anchor.slice(0, 4) });

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{title}</Typography.Title>
          <Typography.Text type="secondary">{t('calendar.subtitle')}</Typography.Text>
        </div>
        <Segmented<CalendarView>
          value={view}
          onChange={(v) => set({ view: v })}
          options={[
            { value: 'week', label: t('calendar.week') },
            { value: 'month', label: t('calendar.month') },
          ]}
        />
      </div>
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap justify="space-between">
          <Space wrap>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('calendar.previous')}
              onClick={() => set({ date: shiftAnchor(view, anchor, -1) })}
            />
            <Button onClick={() => set({ date: todayInVietnam() })}>{t('common.today')}</Button>
            <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => set({ date: shiftAnchor(view, anchor, 1) })} />
            <strong aria-live="polite">{label}</strong>
          </Space>
          {(classes.length > 1 || classFilter !== null) && (
            <Select<number | 'all'>
              style={{ minWidth: 260, maxWidth: '100%' }}
              aria-label={t('calendar.classFilter')}
              value={classFilter ?? 'all'}
              onChange={(v) => set({ cls: v === 'all' ? null : v })}
              options={[
                { value: 'all' as const, label: t('calendar.allClasses') },
                ...classes.map((c) => ({ value: c.id, label: c.label })),
              ]}
            />
          )}
        </Flex>
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            {d!.items.length === 0 && (
              <Alert type="info" showIcon title={t(view === 'week' ? 'calendar.emptyWeek' : 'calendar.emptyMonth')} />
            )}
            {view === 'week' ? (
              <WeekView days={period.days} byDate={byDate} kind={d!.kind} />
            ) : (
              <MonthView
                days={period.days}
                month={anchor.slice(0, 7)}
                byDate={byDate}
                kind={d!.kind}
                onOpenWeek={(date) => set({ view: 'week', date })}
              />
            )}
            <SyncCard feed={d!.feed} />
          </>
        )}
      </Flex>
    </>
  );
}
