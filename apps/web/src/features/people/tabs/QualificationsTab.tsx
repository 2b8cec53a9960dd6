import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PersonDetail, Qualification, QualificationInput } from '@nang-tam/contracts';
import { QUALIFICATION_KINDS, QUALIFICATION_SOURCES } from '@nang-tam/domain';
import type { Dayjs } from 'dayjs';
import { levelsOf, useReference } from '../../../api/reference';
import { useI18n } from '../../../i18n';
import { notInFuture, toIso, VI_DATE_FORMATS } from '../../../shared/dates';
import { formatDate } from '../../../shared/format';
import { AddRecordModal } from '../AddRecordModal';
import { useSubRecords } from '../sub-records';

interface Values {
  kind: QualificationInput['kind'];
  level?: string | null;
  field?: string;
  awardedOn?: Dayjs | null;
  institution?: string;
}

const KIND_ORDER = QUALIFICATION_KINDS.map((k) => k.code as string);

export function QualificationsTab({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  const { add, remove } = useSubRecords(person.id);
  const [adding, setAdding] = useState(false);
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  const rows = [...person.qualifications].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (b.awardedOn ?? '').localeCompare(a.awardedOn ?? ''),
  );

  const columns: TableColumnsType<Qualification> = [
    { key: 'kind', title: t('qualification.kind'), width: 190, render: (_, q) => label(QUALIFICATION_KINDS, q.kind) },
    { key: 'level', title: t('qualification.level'), width: 170, render: (_, q) => <strong>{q.levelName ?? q.level ?? '—'}</strong> },
    { key: 'field', title: t('qualification.field'), width: 200, render: (_, q) => q.field ?? none },
    { key: 'awardedOn', title: t('qualification.awardedOn'), width: 120, render: (_, q) => (q.awardedOn ? <span className="nt-num">{formatDate(q.awardedOn)}</span> : none) },
    { key: 'institution', title: t('qualification.institution'), width: 220, render: (_, q) => q.institution ?? none },
    {
      key: 'source',
      title: t('qualification.source'),
      width: 140,
      render: (_, q) => <Tag color={q.source === 'graduated' ? 'green' : undefined}>{label(QUALIFICATION_SOURCES, q.source)}</Tag>,
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 60,
      fixed: 'end',
      render: (_, q) => (
        <Popconfirm
          title={t('records.confirmRemove')}
          okText={t('action.remove')}
          cancelText={t('action.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync({ kind: 'qualifications', itemId: q.id })}
        >
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('records.removeItem', { item: q.levelName ?? label(QUALIFICATION_KINDS, q.kind) })} title={t('records.removeItem', { item: q.levelName ?? label(QUALIFICATION_KINDS, q.kind) })} />
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('qualification.add')}
          </Button>
        </Flex>
      )}
      <Table<Qualification>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('qualification.empty') }}
      />
      {adding && (
        <AddRecordModal<Values>
          open
          name="qualification"
          title={t('qualification.add')}
          onClose={() => setAdding(false)}
          fields={['kind', 'level', 'field', 'awardedOn', 'institution']}
          initialValues={{ kind: 'education' }}
          onSubmit={(v) =>
            add.mutateAsync({
              kind: 'qualifications',
              body: {
                kind: v.kind,
                level: v.level?.trim() ? v.level.trim() : null,
                field: v.field?.trim() ? v.field.trim() : null,
                awardedOn: toIso(v.awardedOn),
                institution: v.institution?.trim() ? v.institution.trim() : null,
              },
            })
          }
        >
          {(form) => (
            <>
              <Form.Item name="kind" label={t('qualification.kind')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  options={QUALIFICATION_KINDS.map((k) => ({ value: k.code, label: label(QUALIFICATION_KINDS, k.code) }))}
                  onChange={() => form.setFieldValue('level', null)}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
                {() => {
                  const levels = levelsOf(ref, form.getFieldValue('kind'));
                  return levels.length > 0 ? (
                    <Form.Item name="level" label={t('qualification.level')} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select placeholder={t('common.choose')} options={levels.map((l) => ({ value: l.code, label: l.name }))} />
                    </Form.Item>
                  ) : (
                    <Form.Item name="level" label={t('qualification.levelFree')}>
                      <Input maxLength={40} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Form.Item name="field" label={t('qualification.field')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="awardedOn" label={t('qualification.awardedOn')}>
                <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} disabledDate={notInFuture} />
              </Form.Item>
              <Form.Item name="institution" label={t('qualification.institution')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </AddRecordModal>
      )}
    </>
  );
}
