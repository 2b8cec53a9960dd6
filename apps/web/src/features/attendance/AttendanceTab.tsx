import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Flex, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, HistoryOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useBlocker, useSearchParams } from 'react-router-dom';
import type { AttendanceInput, ClassDetail, ClassSession, SessionAttendance } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { classesApi } from '../../api/classes';
import { attendanceApi } from '../../api/learners';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { MarkTag, sessionLabel, today } from '../learning/common';
import { ProgressDrawer } from '../learning/ProgressDrawer';
import { RecallModal, type RecallTarget } from '../learning/RecallModal';
import { CheckinCodePanel } from './CheckinCodePanel';
import { RecallsPanel } from './RecallsPanel';
import { AttendanceRowCard, LearnerBadge, MarkButtons } from './MarkButtons';
import { chooseMark, currentMark, filterRows, markAllPresent, rebase, rowErrorsOf, saveRequest, tally, type Draft } from './marking';

type Row = SessionAttendance['items'][number];

/**
 * "Điểm danh": pick a held session, mark each learner present, excused, unexcused or recalled with
 * one tap, save the whole session at once from a bar that stays in view (a phone shows large rows,
 * a desktop a compact table of the same buttons). Today's session shows its QR check-in code. Each learner opens their course (recalls,
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
  const [draft, setDraft] = useState<Draft>(new Map());
  const [query, setQuery] = useState('');
  const [unmarkedOnly, setUnmarkedOnly] = useState(false);
  const [sent, setSent] = useState<AttendanceInput | null>(null);
  const editable = allows(session, 'markAttendance') && !!q.data?.held;
  const rows = q.data?.items ?? [];
  const dirty = draft.size > 0;

  // unsaved marks: leaving the tab, the session or the page asks first
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (input: AttendanceInput) => attendanceApi.mark(session.id, input),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      setDraft(new Map());
      setSent(null);
      onSaved();
    },
  });
  const saveError = save.error;
  const rowErrors = useMemo(
    () => (isApiError(saveError) ? rowErrorsOf(sent, saveError.details, (d) => fieldErrorMessage(d, locale)) : new Map<number, string>()),
    [saveError, sent, locale],
  );
  const conflict = isApiError(saveError) && saveError.code === 'ATTENDANCE_CONFLICT';
  const reload = async () => {
    const fresh = await q.refetch();
    if (fresh.data) setDraft((d) => rebase(d, fresh.data.items));
  };

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const counts = tally(rows, draft);
  const shown = filterRows(rows, { query, unmarkedOnly });
  const choose = (r: Row) => (mark: Parameters<typeof chooseMark>[2]) => setDraft((prev) => chooseMark(prev, r, mark));
  const submit = () => {
    const input = saveRequest(rows, draft);
    setSent(input);
    save.mutate(input);
  };

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
    </Flex>
  );

  const actions = (r: Row) => (
    <Space size={4}>
      <Tooltip title={t('attendance.openLearner')}>
        <Button
          icon={<HistoryOutlined />}
          aria-label={t('attendance.openLearnerOf', { name: r.person.fullName })}
          onClick={() => onOpenLearner(r.enrolmentId)}
          style={isMobile ? { width: 44, height: 44 } : undefined}
        />
      </Tooltip>
      {onRecall && allows(r, 'recall') && (
        <Tooltip title={t('recall.add')}>
          <Button
            icon={<RollbackOutlined />}
            aria-label={t('recall.addOf', { name: r.person.fullName })}
            onClick={() => onRecall(r)}
            style={isMobile ? { width: 44, height: 44 } : undefined}
          />
        </Tooltip>
      )}
    </Space>
  );

  const buttons = (r: Row, compact: boolean) => (
    <MarkButtons name={r.person.fullName} value={currentMark(r, draft)} onChoose={choose(r)} disabled={!editable || save.isPending} compact={compact} />
  );

  const columns: TableColumnsType<Row> = [
    { key: 'n', title: '#', width: 48, render: (_, __, i) => <span className="nt-num">{i + 1}</span> },
    { key: 'learner', title: t('attendance.learner'), render: (_, r) => <LearnerBadge person={r.person} /> },
    {
      key: 'saved',
      title: t('attendance.current'),
      width: 150,
      render: (_, r) => <MarkTag mark={r.mark} />,
    },
    { key: 'mark', title: t('attendance.mark'), width: 420, render: (_, r) => buttons(r, true) },
    {
      key: 'note',
      title: t('attendance.note'),
      width: 200,
      render: (_, r) => (
        <Flex vertical gap={2}>
          {draft.has(r.enrolmentId) && (
            <span>
              <Tag color="blue">{t('attendance.changed')}</Tag>
            </span>
          )}
          {note(r)}
          {rowErrors.has(r.enrolmentId) && (
            <Typography.Text type="danger" role="alert">
              {rowErrors.get(r.enrolmentId)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'actions', title: <span className="nt-visually-hidden">{t('common.actions')}</span>, width: 90, render: (_, r) => actions(r) },
  ];

  const c = d.counts;
  const bar = editable && rows.length > 0 && (
    <div className={`nt-att-bar${isMobile ? ' is-fixed' : ''}`} role="region" aria-label={t('attendance.barLabel')} data-testid="attendance-bar">
      <div className="nt-att-bar-counts" aria-live="polite">
        <strong style={{ color: '#15803d' }}>{t('attendance.barPresent', { n: formatNumber(counts.present) })}</strong>
        <strong style={{ color: '#b91c1c' }}>{t('attendance.barAbsent', { n: formatNumber(counts.absent) })}</strong>
        <span>{t('attendance.barUnmarked', { n: formatNumber(counts.unmarked) })}</span>
      </div>
      <Button icon={<CheckOutlined aria-hidden />} onClick={() => setDraft((prev) => markAllPresent(prev, rows))} disabled={counts.unmarked === 0 || save.isPending} style={{ flex: 1 }}>
        {t('attendance.allPresent', { n: formatNumber(counts.unmarked) })}
      </Button>
      <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={submit} loading={save.isPending} disabled={!dirty} style={{ flex: 1 }}>
        {dirty ? t('attendance.saveN', { n: formatNumber(draft.size) }) : t('attendance.save')}
      </Button>
    </div>
  );

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
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(save.error, locale)}
          action={
            conflict ? (
              <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void reload()} style={{ minHeight: 44 }}>
                {t('attendance.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      {rows.length > 0 && (
        <Flex gap={12} wrap align="center" className="nt-att-tools">
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('attendance.search')}
            aria-label={t('attendance.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: isMobile ? '100%' : 320 }}
          />
          <Checkbox checked={unmarkedOnly} onChange={(e) => setUnmarkedOnly(e.target.checked)}>
            {t('attendance.unmarkedOnly')}
          </Checkbox>
        </Flex>
      )}
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noLearners')} />
      ) : shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noMatch')} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('attendance.listLabel')}>
          {shown.map((r) => (
            <AttendanceRowCard
              key={r.enrolmentId}
              person={r.person}
              changed={draft.has(r.enrolmentId)}
              error={rowErrors.get(r.enrolmentId)}
              actions={actions(r)}
              note={note(r)}
            >
              {buttons(r, false)}
            </AttendanceRowCard>
          ))}
        </Flex>
      ) : (
        <Table<Row>
          aria-label={t('attendance.listLabel')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 1000 }}
        />
      )}
      {bar}
      {bar && isMobile && <div className="nt-att-bar-spacer" aria-hidden />}
      <Modal
        open={blocker.state === 'blocked'}
        title={t('attendance.leaveTitle')}
        okText={t('attendance.leave')}
        cancelText={t('attendance.stay')}
        okButtonProps={{ danger: true }}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('attendance.leaveBody', { n: formatNumber(draft.size) })}
      </Modal>
    </Flex>
  );
}
