import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Table,
  Tag,
  TimePicker,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { ClassDetail, ClassSession, ClassSessionInput, ErrorDetail } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { isApiError } from '../../api/client';
import { classesApi } from '../../api/classes';
import { allows } from '../../app/actions';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { applyServerErrors } from '../../shared/form-errors';
import { formatDate } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { LecturerText } from './common';
import { LecturerPicker } from './LecturerPicker';

type Kind = ClassSession['kind'];
const KINDS: Kind[] = ['lesson', 'field_trip', 'exam'];
const KIND_COLOR: Record<Kind, string> = { lesson: 'blue', field_trip: 'green', exam: 'volcano' };

export const sessionsKey = (classId: number) => ['classes', classId, 'sessions'] as const;

function KindTag({ kind }: { kind: Kind }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`session.kind.${kind}` as MessageKey)}
    </Tag>
  );
}

/** "Thứ Hai, 02/09/2026". */
function dayTitle(iso: string): string {
  const d = toDayjs(iso);
  if (!d) return iso;
  const weekday = d.format('dddd');
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${formatDate(iso)}`;
}

function Place({ s }: { s: ClassSession }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={0}>
      {s.room && <span>{s.room}</span>}
      {s.onlineLink && (
        <a href={s.onlineLink} target="_blank" rel="noopener noreferrer">
          <LinkOutlined aria-hidden /> {t('session.onlineLinkShort')}
        </a>
      )}
    </Flex>
  );
}

/** "Lịch học": the class's sessions by date; the registrar adds and edits them (room and lecturer clashes are refused). */
export function ScheduleTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const manage = allows(cls, 'manageSessions');
  const calendar = useCurrentUser().permissions.includes('calendar.read');
  const [editing, setEditing] = useState<ClassSession | 'new' | null>(null);
  const q = useQuery({ queryKey: sessionsKey(cls.id), queryFn: () => classesApi.sessions(cls.id) });

  const sessions = useMemo(
    () => [...(q.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id - b.id),
    [q.data],
  );
  // rows of one date share the date cell
  const spans = useMemo(() => {
    const m = new Map<number, number>();
    sessions.forEach((s, i) => {
      if (i > 0 && sessions[i - 1]!.date === s.date) return m.set(s.id, 0);
      let n = 1;
      while (sessions[i + n]?.date === s.date) n += 1;
      m.set(s.id, n);
    });
    return m;
  }, [sessions]);
  const today = todayInVietnam();

  const remove = useMutation({
    mutationFn: (s: ClassSession) => classesApi.deleteSession(cls.id, s.id),
    onSuccess: () => {
      message.success(t('session.deleted'));
      void qc.invalidateQueries({ queryKey: sessionsKey(cls.id) });
      void qc.invalidateQueries({ queryKey: ['classes', cls.id], exact: true });
    },
    onError: (err) => message.error(errorMessage(err, locale)),
  });

  const actions = (s: ClassSession) =>
    manage && (
      <Flex gap={0}>
        <Button
          type="text"
          icon={<EditOutlined />}
          aria-label={t('session.editOf', { date: formatDate(s.date), time: s.startTime })}
          onClick={() => setEditing(s)}
        />
        <Popconfirm
          title={t('session.confirmDelete')}
          okText={t('action.remove')}
          cancelText={t('action.cancel')}
          onConfirm={() => remove.mutate(s)}
        >
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('session.deleteOf', { date: formatDate(s.date), time: s.startTime })}
          />
        </Popconfirm>
      </Flex>
    );

  const columns: TableColumnsType<ClassSession> = [
    {
      key: 'date',
      title: t('session.date'),
      width: 190,
      onCell: (s) => ({ rowSpan: spans.get(s.id) ?? 1 }),
      render: (_, s) => (
        <Flex vertical gap={2}>
          <strong>{dayTitle(s.date)}</strong>
          {s.date === today && <Tag color="blue">{t('common.today')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'time',
      title: t('session.time'),
      width: 120,
      render: (_, s) => <span className="nt-num">{`${s.startTime} – ${s.endTime}`}</span>,
    },
    { key: 'kind', title: t('session.kind'), width: 120, render: (_, s) => <KindTag kind={s.kind} /> },
    {
      key: 'module',
      title: t('class.module'),
      render: (_, s) => (s.module ? `${s.module.code} — ${s.module.name}` : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'lecturer',
      title: t('class.lecturer'),
      render: (_, s) =>
        s.lecturer ? <LecturerText lecturer={s.lecturer} withOrg={false} /> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'place', title: t('session.place'), width: 170, render: (_, s) => <Place s={s} /> },
  ];
  if (manage)
    columns.push({
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 90,
      render: (_, s) => actions(s),
    });

  const byDate = useMemo(() => {
    const groups: { date: string; items: ClassSession[] }[] = [];
    for (const s of sessions) {
      const last = groups[groups.length - 1];
      if (last && last.date === s.date) last.items.push(s);
      else groups.push({ date: s.date, items: [s] });
    }
    return groups;
  }, [sessions]);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {t('session.count', { n: formatNumber(sessions.length), days: formatNumber(byDate.length) })}
        </Typography.Text>
        <Flex gap={8} wrap>
          {calendar && sessions.length > 0 && (
            <Link to={`/calendar?view=month&class=${cls.id}&date=${sessions.find((s) => s.date >= today)?.date ?? sessions[0]!.date}`}>
              <Button icon={<ScheduleOutlined />}>{t('session.calendarView')}</Button>
            </Link>
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('session.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      {sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('session.empty')} />
      ) : isMobile ? (
        <Flex vertical gap={12} role="list" aria-label={t('session.listLabel')}>
          {byDate.map((g) => (
            <Card
              key={g.date}
              size="small"
              role="listitem"
              title={dayTitle(g.date)}
              extra={g.date === today && <Tag color="blue">{t('common.today')}</Tag>}
            >
              <Flex vertical gap={10}>
                {g.items.map((s) => (
                  <Flex key={s.id} justify="space-between" align="start" gap={8}>
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Flex gap={6} align="center" wrap>
                        <strong className="nt-num">{`${s.startTime} – ${s.endTime}`}</strong>
                        <KindTag kind={s.kind} />
                      </Flex>
                      {s.module && <span>{`${s.module.code} — ${s.module.name}`}</span>}
                      {s.lecturer && (
                        <Typography.Text type="secondary">
                          <LecturerText lecturer={s.lecturer} withOrg={false} />
                        </Typography.Text>
                      )}
                      <Place s={s} />
                    </Flex>
                    {actions(s)}
                  </Flex>
                ))}
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<ClassSession>
          aria-label={t('session.listLabel')}
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={sessions}
          pagination={false}
          scroll={{ x: 960 }}
        />
      )}
      {editing && <SessionModal cls={cls} session={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

interface Values {
  kind: Kind;
  moduleId: number | null;
  date: Dayjs | null;
  startTime: Dayjs | null;
  endTime: Dayjs | null;
  room: string;
  onlineLink: string;
  lecturerId: number | null;
}

const FIELDS = ['kind', 'moduleId', 'date', 'startTime', 'endTime', 'room', 'onlineLink', 'lecturerId'] as const;

/** Add or edit a session: module, kind, date, times, room or online link, lecturer. */
function SessionModal({ cls, session, onClose }: { cls: ClassDetail; session: ClassSession | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [other, setOther] = useState<ErrorDetail[]>([]);
  const moduleId = Form.useWatch('moduleId', form);
  const kind = Form.useWatch('kind', form) ?? session?.kind ?? 'lesson';
  const mod = cls.modules.find((m) => m.id === moduleId);
  // the module's lecturers first, then everyone teaching in the class
  const known = [
    ...(mod?.lecturers.map((l) => l.lecturer) ?? []),
    ...cls.lecturers.map((l) => l.lecturer),
    ...(session?.lecturer ? [session.lecturer] : []),
  ];

  const initialValues: Values = session
    ? {
        kind: session.kind,
        moduleId: session.module?.id ?? null,
        date: toDayjs(session.date),
        startTime: dayjs(session.startTime, 'HH:mm'),
        endTime: dayjs(session.endTime, 'HH:mm'),
        room: session.room ?? '',
        onlineLink: session.onlineLink ?? '',
        lecturerId: session.lecturer?.id ?? null,
      }
    : {
        kind: 'lesson',
        moduleId: null,
        date: null,
        startTime: dayjs('07:30', 'HH:mm'),
        endTime: dayjs('11:00', 'HH:mm'),
        room: '',
        onlineLink: '',
        lecturerId: null,
      };

  const save = useMutation({
    mutationFn: (v: Values) => {
      const text = (s: string) => (s.trim() === '' ? null : s.trim());
      const body: ClassSessionInput = {
        kind: v.kind,
        moduleId: v.moduleId,
        date: toIso(v.date) ?? '',
        startTime: v.startTime?.format('HH:mm') ?? '',
        endTime: v.endTime?.format('HH:mm') ?? '',
        room: text(v.room),
        onlineLink: text(v.onlineLink),
        lecturerId: v.lecturerId,
      };
      return session ? classesApi.updateSession(cls.id, session.id, body) : classesApi.createSession(cls.id, body);
    },
    onSuccess: () => {
      message.success(session ? t('session.saved') : t('session.added'));
      void qc.invalidateQueries({ queryKey: sessionsKey(cls.id) });
      void qc.invalidateQueries({ queryKey: ['classes', cls.id], exact: true });
      onClose();
    },
    onError: (err) => setOther(applyServerErrors(form, err, FIELDS, locale)),
  });

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    // a module taught by one lecturer: that lecturer, unless one is chosen already
    if ('moduleId' in changed && !all.lecturerId) {
      const m = cls.modules.find((x) => x.id === changed.moduleId);
      if (m?.lecturers.length === 1) form.setFieldValue('lecturerId', m.lecturers[0]!.lecturer.id);
    }
  };

  const clash = isApiError(save.error) && save.error.status === 409;
  const required = { required: true, message: t('validation.required') };
  const col = isMobile ? 24 : 12;
  const start = toDayjs(cls.startDate);
  const end = toDayjs(cls.endDate);

  return (
    <Modal
      open
      title={session ? t('session.editTitle') : t('session.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={session ? t('action.save') : t('session.addSubmit')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="session"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={(v) => {
          setOther([]);
          save.mutate(v);
        }}
      >
        {save.isError && (clash || other.length > 0 || !hasFieldDetails(save.error)) && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={clash ? t('session.clashTitle') : errorMessage(save.error, locale)}
            description={
              clash
                ? errorMessage(save.error, locale)
                : other.length > 0
                  ? other.map((d) => fieldErrorMessage(d, locale)).join(' ')
                  : undefined
            }
          />
        )}
        <Form.Item name="kind" label={t('session.kind')}>
          <Segmented<Kind> options={KINDS.map((k) => ({ value: k, label: t(`session.kind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="moduleId" label={t('class.module')} rules={kind === 'lesson' ? [required] : []}>
          <Select
            allowClear
            placeholder={t('common.choose')}
            showSearch={{ filterOption: foldedFilter }}
            options={cls.modules.map((m) => ({ value: m.id, label: `${m.code} — ${m.name}` }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={isMobile ? 24 : 8}>
            <Form.Item name="date" label={t('session.date')} rules={[required]}>
              <DatePicker
                format={VI_DATE_FORMATS}
                placeholder={t('common.datePlaceholder')}
                style={{ width: '100%' }}
                disabledDate={(d) => (start ? d.isBefore(start, 'day') : false) || (end ? d.isAfter(end, 'day') : false)}
                defaultPickerValue={start && dayjs().isBefore(start) ? start : undefined}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 8}>
            <Form.Item name="startTime" label={t('session.start')} rules={[required]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} placeholder="HH:mm" />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 8}>
            <Form.Item
              name="endTime"
              label={t('session.end')}
              dependencies={['startTime']}
              rules={[
                required,
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | null) => {
                    const s = getFieldValue('startTime') as Dayjs | null;
                    return v && s && v.format('HH:mm') <= s.format('HH:mm')
                      ? Promise.reject(new Error(t('session.endBeforeStart')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} placeholder="HH:mm" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item
              name="room"
              label={kind === 'field_trip' ? t('session.placeOfTrip') : t('session.room')}
              tooltip={t('session.roomHint')}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={col}>
            <Form.Item name="onlineLink" label={t('session.onlineLink')} rules={[{ type: 'url', message: t('session.linkInvalid') }]}>
              <Input maxLength={500} autoComplete="off" inputMode="url" placeholder="https://" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="lecturerId" label={t('class.lecturer')}>
          <LecturerPicker known={known} canAdd />
        </Form.Item>
      </Form>
    </Modal>
  );
}
