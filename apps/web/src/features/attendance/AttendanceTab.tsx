import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Radio, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, HistoryOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { AttendanceMarkCode, ClassDetail, ClassSession, SessionAttendance } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { classesApi } from '../../api/classes';
import { attendanceApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ATTENDANCE_MARKS, LearnerCell, MarkTag, markLabel, sessionLabel, today } from '../learning/common';
import { ProgressDrawer } from '../learning/ProgressDrawer';
import { RecallModal, type RecallTarget } from '../learning/RecallModal';
import { CheckinCodePanel } from './CheckinCodePanel';
import { RecallsPanel } from './RecallsPanel';

type Row = SessionAttendance['items'][number];

/**
 * "Điểm danh": pick a held session, mark each learner present, excused, unexcused or recalled,
 * save. Today's session shows its QR check-in code. Each learner opens their course (recalls,
 * make-up study) from here.
 */
export function AttendanceTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const sessions = useQuery({ queryKey: ['classes', cls.id, 'sessions'], queryFn: () => classesApi.sessions(cls.id) });
  const todayIso = today();

  // the sessions whose attendance the user may see (a lecturer: those they teach; the school: all)
  const mine = useMemo(() => {
    const all = [...(sessions.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
    return all.filter((s) => allows(s, 'viewAttendance'));
  }, [sessions.data]);
  const held = mine.filter((s) => s.date <= todayIso);
  const param = Number(sp.get('session'));
  const selected: ClassSession | undefined = held.find((s) => s.id === param) ?? held[held.length - 1];
  const choose = (id: number) => {
    const next = new URLSearchParams(sp);
    next.set('session', String(id));
    setSp(next, { replace: true });
  };

  const [drawer, setDrawer] = useState<number | null>(null);
  const [recall, setRecall] = useState<RecallTarget | null>(null);
  const canRecall = allows(cls, 'recall');

  if (sessions.isPending) return <PageLoading />;
  if (sessions.isError) return <PageError error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const recallOf = canRecall
    ? (r: { enrolmentId: number; person: { fullName: string } }) =>
        setRecall({
          enrolmentId: r.enrolmentId,
          personName: r.person.fullName,
          classId: cls.id,
          className: cls.name,
          startDate: cls.startDate,
          endDate: cls.endDate,
        })
    : null;

  return (
    <Flex vertical gap={12}>
      {held.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            mine.length > 0
              ? t('attendance.noneHeld')
              : (sessions.data?.items.length ?? 0) > 0
                ? t('attendance.noneMine')
                : t('attendance.noSessions')
          }
        />
      )}
      {held.length > 0 && (
        <Flex gap={12} wrap align="center">
          <label htmlFor="attendance-session">
            <strong>{t('attendance.session')}</strong>
          </label>
          <Select
            id="attendance-session"
            value={selected?.id}
            onChange={choose}
            style={{ minWidth: isMobile ? '100%' : 420 }}
            options={mine.map((s) => ({
              value: s.id,
              label: `${sessionLabel(t, s, true)}${s.date > todayIso ? ` (${t('attendance.notHeld')})` : ''}`,
              disabled: s.date > todayIso,
            }))}
          />
        </Flex>
      )}
      {selected && (
        <SessionSheet
          key={selected.id}
          cls={cls}
          session={selected}
          onOpenLearner={setDrawer}
          onRecall={recallOf}
          onSaved={() => {
            message.success(t('attendance.saved'));
            void qc.invalidateQueries({ queryKey: ['classes', cls.id] });
          }}
          locale={locale}
          formatNumber={formatNumber}
        />
      )}
      <RecallsPanel cls={cls} onRecall={recallOf} onOpenLearner={setDrawer} />
      <ProgressDrawer enrolmentId={drawer} onClose={() => setDrawer(null)} />
      <RecallModal target={recall} onClose={() => setRecall(null)} />
    </Flex>
  );
}

function SessionSheet({
  cls,
  session,
  onOpenLearner,
  onRecall,
  onSaved,
  locale,
  formatNumber,
}: {
  cls: ClassDetail;
  session: ClassSession;
  onOpenLearner: (enrolmentId: number) => void;
  onRecall: ((r: { enrolmentId: number; person: { fullName: string } }) => void) | null;
  onSaved: () => void;
  locale: 'vi' | 'en';
  formatNumber: (n: number) => string;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const key = ['classes', cls.id, 'attendance', session.id];
  const q = useQuery({ queryKey: key, queryFn: () => attendanceApi.get(session.id) });
  const [draft, setDraft] = useState<Map<number, AttendanceMarkCode>>(new Map());
  const editable = allows(session, 'markAttendance') && !!q.data?.held;

  const save = useMutation({
    mutationFn: () => attendanceApi.mark(session.id, { marks: [...draft].map(([enrolmentId, mark]) => ({ enrolmentId, mark })) }),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      setDraft(new Map());
      onSaved();
    },
  });
  const saveError = save.error;
  const rowErrors = useMemo(() => {
    const m = new Map<number, string>();
    if (!isApiError(saveError)) return m;
    const sent = [...draft.keys()];
    for (const d of saveError.details) {
      const i = /^marks\.(\d+)\./.exec(d.path)?.[1];
      const id = i !== undefined ? sent[Number(i)] : undefined;
      if (id !== undefined) m.set(id, fieldErrorMessage(d, locale));
    }
    return m;
  }, [saveError, draft, locale]);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const value = (r: Row) => draft.get(r.enrolmentId) ?? r.mark;
  const set = (r: Row, mark: AttendanceMarkCode) =>
    setDraft((prev) => {
      const next = new Map(prev);
      if (mark === r.mark) next.delete(r.enrolmentId);
      else next.set(r.enrolmentId, mark);
      return next;
    });
  const unmarked = d.items.filter((r) => value(r) === null);
  const allPresent = () =>
    setDraft((prev) => {
      const next = new Map(prev);
      for (const r of unmarked) next.set(r.enrolmentId, 'present');
      return next;
    });

  const picker = (r: Row) =>
    isMobile ? (
      <Select
        aria-label={t('attendance.markOf', { name: r.person.fullName })}
        value={value(r) ?? undefined}
        placeholder={t('mark.none')}
        onChange={(v: AttendanceMarkCode) => set(r, v)}
        disabled={!editable}
        style={{ width: '100%' }}
        options={ATTENDANCE_MARKS.map((m) => ({ value: m, label: markLabel(t, m) }))}
      />
    ) : (
      <Radio.Group
        aria-label={t('attendance.markOf', { name: r.person.fullName })}
        optionType="button"
        size="small"
        value={value(r)}
        disabled={!editable}
        onChange={(e) => set(r, e.target.value as AttendanceMarkCode)}
        options={ATTENDANCE_MARKS.map((m) => ({ value: m, label: markLabel(t, m) }))}
      />
    );

  const note = (r: Row) => (
    <Flex vertical gap={2}>
      {r.inRecall && (
        <span>
          <Tag color="purple">{t('attendance.inRecall')}</Tag>
        </span>
      )}
      {r.source === 'qr' && r.checkedInAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attendance.qrAt', { at: formatDateTime(r.checkedInAt, locale) })}
        </Typography.Text>
      )}
      {r.markedBy && r.source !== 'qr' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attendance.markedBy', { who: r.markedBy, at: formatDateTime(r.markedAt, locale) })}
        </Typography.Text>
      )}
      {rowErrors.has(r.enrolmentId) && (
        <Typography.Text type="danger" role="alert">
          {rowErrors.get(r.enrolmentId)}
        </Typography.Text>
      )}
    </Flex>
  );

  const actions = (r: Row) => (
    <Space size={4}>
      <Tooltip title={t('attendance.openLearner')}>
        <Button
          size="small"
          icon={<HistoryOutlined />}
          aria-label={t('attendance.openLearnerOf', { name: r.person.fullName })}
          onClick={() => onOpenLearner(r.enrolmentId)}
        />
      </Tooltip>
      {onRecall && allows(r, 'recall') && (
        <Tooltip title={t('recall.add')}>
          <Button
            size="small"
            icon={<RollbackOutlined />}
            aria-label={t('recall.addOf', { name: r.person.fullName })}
            onClick={() => onRecall(r)}
          />
        </Tooltip>
      )}
    </Space>
  );

  const columns: TableColumnsType<Row> = [
    { key: 'n', title: '#', width: 48, render: (_, __, i) => <span className="nt-num">{i + 1}</span> },
    { key: 'learner', title: t('attendance.learner'), render: (_, r) => <LearnerCell person={r.person} /> },
    {
      key: 'saved',
      title: t('attendance.current'),
      width: 150,
      render: (_, r) => <MarkTag mark={r.mark} />,
    },
    { key: 'mark', title: t('attendance.mark'), render: (_, r) => picker(r) },
    { key: 'note', title: t('attendance.note'), width: 200, render: (_, r) => note(r) },
    { key: 'actions', title: <span className="nt-visually-hidden">{t('common.actions')}</span>, width: 90, render: (_, r) => actions(r) },
  ];

  const c = d.counts;
  return (
    <Flex vertical gap={12}>
      {allows(session, 'showCheckinCode') && <CheckinCodePanel sessionId={session.id} />}
      <Flex gap={6} wrap align="center" aria-label={t('attendance.counts')}>
        <Tag color="green">{t('attendance.countPresent', { n: formatNumber(c.present) })}</Tag>
        <Tag color="gold">{t('attendance.countExcused', { n: formatNumber(c.absentExcused) })}</Tag>
        <Tag color="red">{t('attendance.countUnexcused', { n: formatNumber(c.absentUnexcused) })}</Tag>
        <Tag color="purple">{t('attendance.countRecalled', { n: formatNumber(c.recalled) })}</Tag>
        <Tag>{t('attendance.countUnmarked', { n: formatNumber(c.unmarked) })}</Tag>
      </Flex>
      {cls.status === 'finished' && <Alert type="info" showIcon title={t('attendance.finished')} />}
      {save.isError && <Alert type="error" showIcon role="alert" title={errorMessage(save.error, locale)} />}
      {d.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noLearners')} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('attendance.listLabel')}>
          {d.items.map((r) => (
            <div
              key={r.enrolmentId}
              role="listitem"
              className="nt-person-card"
              style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10, background: '#fff' }}
            >
              <Flex justify="space-between" gap={8} align="start">
                <LearnerCell person={r.person} />
                {actions(r)}
              </Flex>
              <div style={{ marginTop: 8 }}>{picker(r)}</div>
              <div style={{ marginTop: 4 }}>{note(r)}</div>
            </div>
          ))}
        </Flex>
      ) : (
        <Table<Row>
          aria-label={t('attendance.listLabel')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={d.items}
          pagination={false}
          scroll={{ x: 900 }}
        />
      )}
      {editable && d.items.length > 0 && (
        <Flex gap={8} wrap justify="end">
          <Button icon={<CheckOutlined />} onClick={allPresent} disabled={unmarked.length === 0}>
            {t('attendance.allPresent', { n: unmarked.length })}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} onClick={() => save.mutate()} loading={save.isPending} disabled={draft.size === 0}>
            {draft.size > 0 ? t('attendance.saveN', { n: draft.size }) : t('attendance.save')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
