import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, Popconfirm, Select, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PersonDetail, PlanningEntry } from '@nang-tam/contracts';
import type { Dayjs } from 'dayjs';
import { useReference } from '../../../api/reference';
import { useI18n } from '../../../i18n';
import { notInFuture, toIso, VI_DATE_FORMATS } from '../../../shared/dates';
import { formatDate } from '../../../shared/format';
import { foldedFilter } from '../../../shared/select';
import { AddRecordModal } from '../AddRecordModal';
import { useSubRecords } from '../sub-records';

interface Values {
  titleId: number | null;
  term: string | null;
  approvedOn?: Dayjs | null;
}

const TERM = /^(\d{4})-(\d{4})$/;

export function PlanningTab({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t } = useI18n();
  const { data: ref } = useReference();
  const { add, remove } = useSubRecords(person.id);
  const [adding, setAdding] = useState(false);
  const rows = [...person.planningEntries].sort((a, b) => b.term.localeCompare(a.term) || a.title.name.localeCompare(b.title.name));

  const columns: TableColumnsType<PlanningEntry> = [
    { key: 'title', title: t('planning.title'), render: (_, e) => <strong>{e.title.name}</strong> },
    { key: 'term', title: t('planning.term'), width: 130, render: (_, e) => <span className="nt-num">{e.term}</span> },
    {
      key: 'approvedOn',
      title: t('planning.approvedOn'),
      width: 150,
      render: (_, e) => (e.approvedOn ? <span className="nt-num">{formatDate(e.approvedOn)}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 60,
      render: (_, e) => (
        <Popconfirm
          title={t('records.confirmRemove')}
          okText={t('action.remove')}
          cancelText={t('action.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync({ kind: 'planning-entries', itemId: e.id })}
        >
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('records.removeItem', { item: `${e.title.name} ${e.term}` })} title={t('records.removeItem', { item: `${e.title.name} ${e.term}` })} />
        </Popconfirm>
      ),
    });
  }

  const terms = ref?.terms ?? [];
  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('planning.add')}
          </Button>
        </Flex>
      )}
      <Table<PlanningEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('planning.empty') }}
      />
      {adding && (
        <AddRecordModal<Values>
          open
          name="planning"
          title={t('planning.add')}
          onClose={() => setAdding(false)}
          fields={['titleId', 'term', 'approvedOn']}
          initialValues={{ term: terms[terms.length - 1] ?? null }}
          onSubmit={(v) =>
            add.mutateAsync({
              kind: 'planning-entries',
              body: { titleId: v.titleId ?? 0, term: (v.term ?? '').trim(), approvedOn: toIso(v.approvedOn) },
            })
          }
        >
          {() => (
            <>
              <Form.Item name="titleId" label={t('planning.title')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  showSearch={{ filterOption: foldedFilter }}
                  placeholder={t('common.choose')}
                  options={(ref?.titles ?? []).map((x) => ({ value: x.id, label: x.name }))}
                />
              </Form.Item>
              <Form.Item
                name="term"
                label={t('planning.term')}
                rules={[
                  { required: true, message: t('validation.required') },
                  {
                    validator: (_, v: string | null) => {
                      const m = v ? TERM.exec(v.trim()) : null;
                      return !v || (m && Number(m[2]) > Number(m[1])) ? Promise.resolve() : Promise.reject(new Error(t('validation.term')));
                    },
                  },
                ]}
              >
                {terms.length > 0 ? (
                  <Select options={terms.map((x) => ({ value: x, label: x }))} />
                ) : (
                  <Input placeholder="2025-2030" maxLength={9} />
                )}
              </Form.Item>
              <Form.Item name="approvedOn" label={t('planning.approvedOn')}>
                <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} disabledDate={notInFuture} />
              </Form.Item>
            </>
          )}
        </AddRecordModal>
      )}
    </>
  );
}
