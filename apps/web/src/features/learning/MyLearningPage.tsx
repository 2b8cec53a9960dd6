import { useState, type ReactNode } from 'react';
import { Alert, Button, Empty, Flex, Segmented, Tag } from 'antd';
import { EnvironmentOutlined, FilePdfOutlined, LinkOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { MyLearning, MyLearningClass } from '@nang-tam/contracts';
import { meApi } from '../../api/learners';
import { takeEarly } from '../../public/early-data';
import { Icon } from '../../public/icons';
import { Result } from '../../public/ui';
import { isApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/facts';
import { ClassificationTag, dayTitle, formatGradeValue, MarkTag, percent, today, VerdictIcon } from './common';
import { EnrolmentStatusTag, OutcomeTag } from './status-tags';

type Session = NonNullable<MyLearningClass['sessions']>[number];
type View = 'schedule' | 'grades' | 'result';

// The page is the learner's first screen on a phone: its cards and lists are plain elements with
// antd's look (styles.css, `.nt-card`, `.nt-list`), not antd's Card (which imports Tabs) and List
// (which imports Pagination and Select): ~40 KB gzip less before the page shows (docs/decisions/0067).

/** antd's small Card: a title row with an extra on the right, then the body. */
function Card({ title, extra, children }: { title?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="nt-card">
      {(title || extra) && (
        <div className="nt-card-head">
          <div className="nt-card-title">{title}</div>
          {extra && <div className="nt-card-extra">{extra}</div>}
        </div>
      )}
      <div className="nt-card-body">{children}</div>
    </section>
  );
}

/** antd's small split List. */
function List<T>({ items, render, footer }: { items: T[]; render: (item: T) => ReactNode; footer?: ReactNode }) {
  return (
    <div className="nt-list">
      <ul>{items.map(render)}</ul>
      {footer && <div className="nt-list-footer">{footer}</div>}
    </div>
  );
}

function SessionItem({ s, upcoming }: { s: Session; upcoming: boolean }) {
  const { t } = useI18n();
  return (
    <li className="nt-list-item">
      <Flex justify="space-between" align="start" gap={8}>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <strong>{dayTitle(s.date)}</strong>
          <span className="nt-num">
            {s.startTime}–{s.endTime} · {s.module ? `${s.module.code} — ${s.module.name}` : t(`session.kind.${s.kind}` as MessageKey)}
          </span>
          {(s.room || s.lecturer) && (
            <span className="nt-text-secondary" style={{ fontSize: 13 }}>
              {s.room && (
                <>
                  <EnvironmentOutlined aria-hidden /> {s.room}
                </>
              )}
              {s.room && s.lecturer ? ' · ' : ''}
              {s.lecturer && (
                <>
                  <UserOutlined aria-hidden /> {s.lecturer}
                </>
              )}
            </span>
          )}
          {s.onlineLink && (
            <a href={s.onlineLink} target="_blank" rel="noopener noreferrer">
              <LinkOutlined aria-hidden /> {t('session.onlineLinkShort')}
            </a>
          )}
        </Flex>
        <Flex vertical gap={4} align="end" style={{ flex: 'none' }}>
          {upcoming ? (
            s.date === today() ? (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('common.today')}
              </Tag>
            ) : (
              <Tag style={{ marginInlineEnd: 0 }}>{t('learning.upcoming')}</Tag>
            )
          ) : (
            <MarkTag mark={s.mark} />
          )}
          {s.date === today() && s.mark && <MarkTag mark={s.mark} />}
          {s.makeUp && (
            <Tag color={s.makeUp.doneOn ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
              {s.makeUp.doneOn ? t('makeup.doneOnValue', { date: formatDate(s.makeUp.doneOn) }) : t('learning.mustMakeUp')}
            </Tag>
          )}
        </Flex>
      </Flex>
    </li>
  );
}

function Schedule({ c }: { c: MyLearningClass }) {
  const { t } = useI18n();
  if (!c.sessions) return <span className="nt-text-secondary">{t('learning.finishedSchedule')}</span>;
  const todayIso = today();
  const upcoming = c.sessions
    .filter((s) => s.date >= todayIso)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  const past = c.sessions
    .filter((s) => s.date < todayIso)
    .sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime));
  if (c.sessions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('session.empty')} />;
  return (
    <Flex vertical gap={8}>
      {upcoming.length > 0 && (
        <section aria-label={t('learning.upcomingTitle')}>
          <strong>{t('learning.upcomingTitle')}</strong>
          <List items={upcoming} render={(s) => <SessionItem key={s.id} s={s} upcoming />} />
        </section>
      )}
      {past.length > 0 && (
        <section aria-label={t('learning.pastTitle')}>
          <strong>{t('learning.pastTitle')}</strong>
          <List items={past} render={(s) => <SessionItem key={s.id} s={s} upcoming={false} />} />
        </section>
      )}
    </Flex>
  );
}

function Grades({ c }: { c: MyLearningClass }) {
  const { t } = useI18n();
  const g = c.grades;
  const rows = [
    ...g.modules.map((m) => ({ key: m.code, label: `${m.code} — ${m.name}`, value: m.value, passed: m.passed })),
    ...(g.finalExam.kind !== 'none'
      ? [{ key: 'final', label: t(`grades.final.${g.finalExam.kind}` as MessageKey), value: g.finalExam.value, passed: g.finalExam.passed }]
      : []),
  ];
  return (
    <List
      items={rows}
      footer={
        <Flex justify="space-between">
          <strong>{t('grades.average')}</strong>
          <strong className="nt-num">{formatGradeValue(g.average)}</strong>
        </Flex>
      }
      render={(r) => (
        <li key={r.key} className="nt-list-item">
          <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
            <span>{r.label}</span>
            <Flex gap={6} align="center" style={{ flex: 'none' }}>
              <strong className="nt-num">{formatGradeValue(r.value)}</strong>
              <VerdictIcon passed={r.passed} size={14} />
            </Flex>
          </Flex>
        </li>
      )}
    />
  );
}

function Result_({ c, certificate }: { c: MyLearningClass; certificate: MyLearning['certificates'][number] | undefined }) {
  const { t } = useI18n();
  const p = c.progress;
  return (
    <Flex vertical gap={10}>
      {p.examEligibility && (
        <Flex vertical gap={2}>
          <Flex gap={8} align="center" wrap>
            <strong>{t('progress.examTitle')}:</strong>
            <OutcomeTag kind="exam" outcome={p.examEligibility.outcome} />
          </Flex>
          <span className="nt-text-secondary">{p.examEligibility.summary}</span>
        </Flex>
      )}
      <Flex vertical gap={2}>
        <Flex gap={8} align="center" wrap>
          <strong>{c.status === 'enrolled' ? t('learning.graduationToday') : t('learning.graduation')}:</strong>
          <OutcomeTag kind="graduation" outcome={p.graduation.outcome} />
          {p.classification && <ClassificationTag classification={p.classification} />}
        </Flex>
        <span className="nt-text-secondary">{p.graduation.summary}</span>
      </Flex>
      {certificate && <CertificateRow c={certificate} />}
    </Flex>
  );
}

function CertificateRow({ c }: { c: MyLearning['certificates'][number] }) {
  const { t } = useI18n();
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      wrap
      style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fafcff' }}
    >
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <strong>{c.documentTitle}</strong>
        <span>{c.programme.name}</span>
        <span className="nt-text-secondary" style={{ fontSize: 13 }}>
          <span className="nt-num">{c.number}</span> · {formatDate(c.issuedOn)} · {c.classification.label}
        </span>
        {c.revoked && (
          <span>
            <Tag color="red">{t('cert.revoked')}</Tag>
          </span>
        )}
      </Flex>
      <Button icon={<FilePdfOutlined />} href={c.pdfPath} download aria-label={t('cert.pdfOf', { number: c.number })}>
        {t('cert.pdf')}
      </Button>
    </Flex>
  );
}

function ClassCard({ c, certificate }: { c: MyLearningClass; certificate: MyLearning['certificates'][number] | undefined }) {
  const { t, formatNumber } = useI18n();
  const [view, setView] = useState<View>(c.status === 'enrolled' ? 'schedule' : 'result');
  const a = c.attendance;
  const low = a.rate !== null && a.minRate !== null && a.rate < a.minRate;
  return (
    <Card
      title={
        <Flex vertical gap={0} style={{ whiteSpace: 'normal', padding: '6px 0' }}>
          <span>{c.class.name}</span>
          <span className="nt-text-secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {c.class.programme.name} · {modeLabel(t, c.class.mode)}
          </span>
        </Flex>
      }
      extra={<EnrolmentStatusTag status={c.status} />}
    >
      <Flex vertical gap={12}>
        <span className="nt-text-secondary">
          <span className="nt-num">
            {formatDate(c.class.startDate)} – {formatDate(c.class.endDate)}
          </span>{' '}
          · {c.class.site}
        </span>
        <Flex gap={8} wrap>
          <div style={{ flex: '1 1 100px', background: low ? '#fef2f2' : '#f5f8fc', borderRadius: 8, padding: '6px 10px' }}>
            <span className="nt-text-secondary" style={{ fontSize: 12 }}>
              {t('learning.attendance')}
            </span>
            <div>
              <strong className="nt-num">{percent(a.rate, formatNumber)}</strong>{' '}
              <span className="nt-text-secondary" style={{ fontSize: 12 }}>
                ({formatNumber(a.attended)}/{formatNumber(a.held)})
              </span>
            </div>
          </div>
          <div
            style={{
              flex: '1 1 100px',
              background: c.makeUpsOutstanding > 0 ? '#fff7ed' : '#f5f8fc',
              borderRadius: 8,
              padding: '6px 10px',
            }}
          >
            <span className="nt-text-secondary" style={{ fontSize: 12 }}>
              {t('learning.makeUps')}
            </span>
            <div>
              <strong className="nt-num">{formatNumber(c.makeUpsOutstanding)}</strong>
            </div>
          </div>
          <div style={{ flex: '1 1 100px', background: '#f5f8fc', borderRadius: 8, padding: '6px 10px' }}>
            <span className="nt-text-secondary" style={{ fontSize: 12 }}>
              {t('grades.average')}
            </span>
            <div>
              <strong className="nt-num">{formatGradeValue(c.grades.average)}</strong>
            </div>
          </div>
        </Flex>
        {low && <Alert type="warning" showIcon title={t('learning.lowAttendance', { min: percent(a.minRate, formatNumber) })} />}
        <Segmented<View>
          block
          value={view}
          onChange={setView}
          options={[
            { value: 'schedule', label: t('learning.viewSchedule') },
            { value: 'grades', label: t('learning.viewGrades') },
            { value: 'result', label: t('learning.viewResult') },
          ]}
        />
        {view === 'schedule' && <Schedule c={c} />}
        {view === 'grades' && <Grades c={c} />}
        {view === 'result' && <Result_ c={c} certificate={certificate} />}
      </Flex>
    </Card>
  );
}

/** "Học tập của tôi": the learner's classes (schedule with their marks, grades, progress) and certificates, for a phone. */
export default function MyLearningPage() {
  const { t } = useI18n();
  usePageTitle(t('learning.title'));
  // the server answers 404 to an account that is not a learner's (the page is in their menu only)
  const q = useQuery({ queryKey: ['my-learning'], queryFn: () => takeEarly<MyLearning>('my-learning') ?? meApi.learning(), retry: (n, e) => !(isApiError(e) && e.status === 404) && n < 2 });
  if (q.isError && isApiError(q.error) && q.error.status === 404) return <Result icon={<Icon name="InfoCircleFilled" style={{ color: '#14508f' }} />} title={t('learning.onlyLearners')} />;
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const certificateOf = (c: MyLearningClass) => d.certificates.find((x) => x.id === c.certificateId);

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <div className="nt-page-head">
        <div>
          <h1 className="nt-h1 nt-title">{t('learning.title')}</h1>
          <span className="nt-text-secondary">{d.person.fullName}</span>
        </div>
        <Link to={`/people/${d.person.id}`}>{t('nav.myProfile')}</Link>
      </div>
      <Flex vertical gap={16}>
        {d.classes.length === 0 ? (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('learning.noClasses')} />
          </Card>
        ) : (
          d.classes.map((c) => <ClassCard key={c.enrolmentId} c={c} certificate={certificateOf(c)} />)
        )}
        <Card title={t('learning.certificates')}>
          {d.certificates.length === 0 ? (
            <span className="nt-text-secondary">{t('learning.noCertificates')}</span>
          ) : (
            <Flex vertical gap={8}>
              {d.certificates.map((c) => (
                <CertificateRow key={c.id} c={c} />
              ))}
            </Flex>
          )}
        </Card>
      </Flex>
    </div>
  );
}
