import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../app/session';
import { Alert, App, Button, Card, Descriptions, Flex, InputNumber, Modal, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClassDetail, LecturerRef } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { classesApi } from '../../api/classes';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { modeLabel, SourceText } from '../eligibility/common';
import { ClassFormDrawer } from './ClassFormDrawer';
import { ClassStatusTag, dateRange, LecturerText } from './common';
import { LecturerPicker } from './LecturerPicker';

type Module = ClassDetail['modules'][number];

/** "Tổng quan": the class's details (editable), its modules with lecturers and teaching hours. */
export function OverviewTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState<Module | null>(null);
  const manage = allows(cls, 'update');
  const readsPlans = useCurrentUser().permissions.includes('plans.read');
  const scheme = cls.gradingScheme;
  const cond = cls.graduationConditions;

  const conditions = [
    cond.allModulesPassed ? t('class.cond.allModules') : null,
    cond.minAttendanceRate !== null ? t('class.cond.attendance', { rate: formatNumber(Math.round(cond.minAttendanceRate * 100)) }) : null,
    t(`class.cond.final.${cond.finalExam}` as MessageKey),
    cond.conductReportRequired ? t('class.cond.conduct') : null,
  ].filter(Boolean);

  const modColumns: TableColumnsType<Module> = [
    { key: 'code', title: t('class.moduleCode'), dataIndex: 'code', width: 90 },
    { key: 'name', title: t('class.module'), dataIndex: 'name' },
    {
      key: 'periods',
      title: t('class.periods'),
      align: 'right',
      width: 80,
      render: (_, m) => <span className="nt-num">{formatNumber(m.periods)}</span>,
    },
    {
      key: 'lecturers',
      title: t('class.moduleLecturers'),
      render: (_, m) =>
        m.lecturers.length === 0 ? (
          <Typography.Text type="secondary">{t('class.noLecturer')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {m.lecturers.map((l) => (
              <span key={l.lecturer.id}>
                <LecturerText lecturer={l.lecturer} withOrg={false} />{' '}
                <Typography.Text type="secondary" className="nt-num">
                  · {t('class.periodsN', { n: formatNumber(l.periods) })}
                </Typography.Text>
              </span>
            ))}
          </Flex>
        ),
    },
    {
      key: 'assigned',
      title: t('class.assigned'),
      align: 'right',
      width: 110,
      render: (_, m) => (
        <Tag
          color={m.assignedPeriods >= m.periods ? 'green' : m.assignedPeriods > 0 ? 'gold' : 'default'}
          className="nt-num"
          style={{ marginInlineEnd: 0 }}
        >
          {formatNumber(m.assignedPeriods)} / {formatNumber(m.periods)}
        </Tag>
      ),
    },
    {
      key: 'sessions',
      title: t('class.sessions'),
      align: 'right',
      width: 80,
      render: (_, m) => <span className="nt-num">{formatNumber(m.sessions)}</span>,
    },
  ];
  const withActions = allows(cls, 'manageSessions');
  if (withActions) {
    modColumns.push({
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 60,
      render: (_, m) => (
        <Button
          type="text"
          icon={<TeamOutlined />}
          aria-label={t('class.assignLecturersOf', { module: m.name })}
          title={t('class.assignLecturers')}
          onClick={() => setAssigning(m)}
        />
      ),
    });
  }

  type LecturerRow = ClassDetail['lecturers'][number];
  const lecColumns: TableColumnsType<LecturerRow> = [
    { key: 'name', title: t('class.lecturer'), render: (_, l) => <LecturerText lecturer={l.lecturer} /> },
    {
      key: 'periods',
      title: t('class.teachingHours'),
      align: 'right',
      width: 120,
      render: (_, l) => <span className="nt-num">{formatNumber(l.periods)}</span>,
    },
    {
      key: 'sessions',
      title: t('class.sessions'),
      align: 'right',
      width: 100,
      render: (_, l) => <span className="nt-num">{formatNumber(l.sessions)}</span>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('class.details')}
        extra={
          manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('class.edit')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={isMobile ? 1 : 2}
          items={[
            { key: 'programme', label: t('classes.programme'), children: `${cls.programme.name} (${cls.programme.code})` },
            { key: 'cohort', label: t('classes.cohort'), children: cls.cohortCode },
            { key: 'mode', label: t('classes.mode'), children: modeLabel(t, cls.mode) },
            { key: 'status', label: t('classes.status'), children: <ClassStatusTag status={cls.displayStatus} /> },
            { key: 'dates', label: t('classes.dates'), children: <span className="nt-num">{dateRange(cls.startDate, cls.endDate)}</span> },
            { key: 'site', label: t('classes.site'), children: cls.site },
            { key: 'organiser', label: t('class.organiser'), children: cls.organiser.name },
            {
              key: 'plan',
              label: t('classForm.plan'),
              children: cls.plan.outsidePlan ? (
                t('classForm.planOutside')
              ) : cls.plan.lineId !== null && !readsPlans ? (
                t('class.planLine', { id: cls.plan.lineId, year: cls.startDate.slice(0, 4) })
              ) : cls.plan.lineId !== null ? (
                <Link to={`/plans?year=${cls.startDate.slice(0, 4)}`}>{t('class.planLine', { id: cls.plan.lineId, year: cls.startDate.slice(0, 4) })}</Link>
              ) : (
                t('classForm.planNone')
              ),
            },
            {
              key: 'capacity',
              label: t('classForm.capacity'),
              children: t('class.capacityValue', {
                capacity: formatNumber(cls.capacity),
                taken: formatNumber(cls.placesTaken),
                free: formatNumber(cls.freePlaces),
                waitlisted: formatNumber(cls.waitlisted),
              }),
            },
            {
              key: 'scheme',
              label: t('class.scheme'),
              children: (
                <Flex vertical gap={2}>
                  <span>
                    {t('class.schemeValue', {
                      name: scheme.name ?? '',
                      min: formatNumber(scheme.scale.min),
                      max: formatNumber(scheme.scale.max),
                      pass: formatNumber(scheme.passMark),
                    })}
                  </span>
                  {scheme.basis && <SourceText source={scheme.basis.source} />}
                  {scheme.basis?.previousSources?.map((p) => (
                    <Typography.Text key={`${p.source.code}-${p.source.issuedOn}`} type="secondary" style={{ fontSize: 12 }}>
                      {t('class.schemePrevious', { code: p.source.code, date: formatDate(p.source.issuedOn), note: p.note })}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'conditions',
              label: t('class.conditions'),
              children: (
                <Flex vertical gap={2}>
                  <span>{conditions.join('; ')}</span>
                  {cond.basis && <SourceText source={cond.basis.source} />}
                </Flex>
              ),
            },
            { key: 'created', label: t('class.createdAt'), children: formatDateTime(cls.createdAt, locale) },
          ]}
        />
      </Card>

      <Card size="small" title={t('class.modulesTitle', { n: formatNumber(cls.modules.length) })}>
        <Table<Module>
          aria-label={t('class.modulesTitle', { n: formatNumber(cls.modules.length) })}
          rowKey="id"
          size="small"
          columns={modColumns}
          dataSource={cls.modules}
          pagination={false}
          scroll={{ x: 820 }}
          summary={(rows) => {
            const total = rows.reduce((s, m) => s + m.periods, 0);
            const assigned = rows.reduce((s, m) => s + m.assignedPeriods, 0);
            return (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>{t('class.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong className="nt-num">{formatNumber(total)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} />
                <Table.Summary.Cell index={4} align="right">
                  <span className="nt-num">
                    {formatNumber(assigned)} / {formatNumber(total)}
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <span className="nt-num">{formatNumber(rows.reduce((n, m) => n + m.sessions, 0))}</span>
                </Table.Summary.Cell>
                {withActions && <Table.Summary.Cell index={6} />}
              </Table.Summary.Row>
            );
          }}
        />
      </Card>

      <Card size="small" title={t('class.lecturersTitle')}>
        <Table<LecturerRow>
          aria-label={t('class.lecturersTitle')}
          rowKey={(l) => l.lecturer.id}
          size="small"
          columns={lecColumns}
          dataSource={cls.lecturers}
          pagination={false}
          scroll={{ x: 520 }}
          locale={{ emptyText: t('class.noLecturers') }}
        />
      </Card>

      {manage && (
        <ClassFormDrawer
          open={editing}
          cls={cls}
          onClose={() => setEditing(false)}
          onReload={async () => {
            await qc.invalidateQueries({ queryKey: ['classes', cls.id], exact: true });
            return qc.getQueryData(['classes', cls.id]);
          }}
          onSaved={() => setEditing(false)}
        />
      )}
      {assigning && <ModuleLecturersModal cls={cls} module={assigning} onClose={() => setAssigning(null)} />}
    </Flex>
  );
}

interface Row {
  key: number;
  lecturerId: number | null;
  periods: number | null;
}

/** "Phân công giảng viên": the module's lecturers and the periods each teaches (at most the module's periods). */
function ModuleLecturersModal({ cls, module, onClose }: { cls: ClassDetail; module: Module; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() =>
    module.lecturers.length > 0
      ? module.lecturers.map((l, i) => ({ key: i, lecturerId: l.lecturer.id, periods: l.periods }))
      : [{ key: 0, lecturerId: null, periods: module.periods }],
  );
  const [localError, setLocalError] = useState<string | null>(null);
  const known: LecturerRef[] = [...module.lecturers.map((l) => l.lecturer), ...cls.lecturers.map((l) => l.lecturer)];
  const total = rows.reduce((s, r) => s + (r.periods ?? 0), 0);

  const save = useMutation({
    mutationFn: () =>
      classesApi.setModuleLecturers(cls.id, module.id, {
        lecturers: rows.filter((r) => r.lecturerId !== null).map((r) => ({ lecturerId: r.lecturerId!, periods: r.periods ?? 0 })),
      }),
    onSuccess: (saved) => {
      qc.setQueryData(['classes', cls.id], saved);
      message.success(t('class.lecturersSaved'));
      onClose();
    },
  });

  const submit = () => {
    setLocalError(null);
    const chosen = rows.filter((r) => r.lecturerId !== null);
    if (chosen.some((r) => !r.periods || r.periods < 1)) return setLocalError(t('class.periodsRequired'));
    if (new Set(chosen.map((r) => r.lecturerId)).size !== chosen.length) return setLocalError(t('class.duplicateLecturer'));
    if (total > module.periods) return setLocalError(t('class.periodsExceed', { n: formatNumber(module.periods) }));
    save.mutate();
  };

  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const details = isApiError(save.error) ? save.error.details : [];

  return (
    <Modal
      open
      title={t('class.assignTitle', { module: `${module.code} — ${module.name}` })}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('class.assignHint', { n: formatNumber(module.periods) })}</Typography.Text>
        {(localError || save.isError) && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={localError ?? errorMessage(save.error, locale)}
            description={!localError && details.length > 0 ? details.map((d) => fieldErrorMessage(d, locale)).join(' ') : undefined}
          />
        )}
        {rows.map((r, i) => (
          <Flex key={r.key} gap={8} align="center">
            <div style={{ flex: 1, minWidth: 0 }}>
              <LecturerPicker
                canAdd
                aria-label={t('class.lecturerN', { n: i + 1 })}
                value={r.lecturerId}
                onChange={(v) => set(r.key, { lecturerId: v })}
                known={known}
              />
            </div>
            <InputNumber
              aria-label={t('class.periodsOfN', { n: i + 1 })}
              min={1}
              max={5000}
              precision={0}
              value={r.periods}
              onChange={(v) => set(r.key, { periods: v })}
              suffix={t('class.periodsUnit')}
              style={{ width: 120 }}
            />
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('action.remove')}
              onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
            />
          </Flex>
        ))}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setRows((rs) => [...rs, { key: Math.max(-1, ...rs.map((x) => x.key)) + 1, lecturerId: null, periods: null }])}
          >
            {t('class.addLecturerRow')}
          </Button>
          <Typography.Text type={total > module.periods ? 'danger' : 'secondary'} className="nt-num">
            {t('class.assignedOf', { n: formatNumber(total), total: formatNumber(module.periods) })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Modal>
  );
}
