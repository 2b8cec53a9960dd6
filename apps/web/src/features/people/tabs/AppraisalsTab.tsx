import { useState } from 'react';
import { Button, Flex, Form, InputNumber, Popconfirm, Select, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Appraisal, AppraisalInput, PersonDetail } from '@nang-tam/contracts';
import { APPRAISAL_CLASSIFICATIONS } from '@nang-tam/domain';
import { useI18n } from '../../../i18n';
import { AddRecordModal } from '../AddRecordModal';
import { useSubRecords } from '../sub-records';

export const CLASSIFICATION_COLORS: Record<string, string> = {
  excellent: 'green',
  good: 'blue',
  completed: 'default',
  not_completed: 'red',
};

interface Values {
  year: number | null;
  classification: AppraisalInput['classification'] | null;
}

export function AppraisalsTab({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t, label } = useI18n();
  const { add, remove } = useSubRecords(person.id);
  const [adding, setAdding] = useState(false);
  const rows = [...person.appraisals].sort((a, b) => b.year - a.year);
  const taken = new Set(rows.map((r) => r.year));
  const lastYear = new Date().getFullYear() - 1;

  const columns: TableColumnsType<Appraisal> = [
    { key: 'year', title: t('appraisal.year'), width: 100, render: (_, a) => <strong className="nt-num">{a.year}</strong> },
    {
      key: 'classification',
      title: t('appraisal.classification'),
      render: (_, a) => <Tag color={CLASSIFICATION_COLORS[a.classification]}>{label(APPRAISAL_CLASSIFICATIONS, a.classification)}</Tag>,
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: <span className="nt-visually-hidden">{t('common.actions')}</span>,
      width: 60,
      render: (_, a) => (
        <Popconfirm
          title={t('records.confirmRemove')}
          okText={t('action.remove')}
          cancelText={t('action.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync({ kind: 'appraisals', itemId: a.id })}
        >
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('records.removeItem', { item: String(a.year) })} title={t('records.removeItem', { item: String(a.year) })} />
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('appraisal.add')}
          </Button>
        </Flex>
      )}
      <Table<Appraisal>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('appraisal.empty') }}
      />
      {adding && (
        <AddRecordModal<Values>
          open
          name="appraisal"
          title={t('appraisal.add')}
          onClose={() => setAdding(false)}
          fields={['year', 'classification']}
          initialValues={{ year: taken.has(lastYear) ? null : lastYear }}
          onSubmit={(v) => add.mutateAsync({ kind: 'appraisals', body: { year: v.year!, classification: v.classification! } })}
        >
          {() => (
            <>
              <Form.Item
                name="year"
                label={t('appraisal.year')}
                rules={[
                  { required: true, message: t('validation.required') },
                  {
                    validator: (_, y: number | null) =>
                      y && taken.has(y) ? Promise.reject(new Error(t('validation.duplicateYear'))) : Promise.resolve(),
                  },
                ]}
              >
                <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="classification" label={t('appraisal.classification')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  placeholder={t('common.choose')}
                  options={APPRAISAL_CLASSIFICATIONS.map((c) => ({ value: c.code, label: label(APPRAISAL_CLASSIFICATIONS, c.code) }))}
                />
              </Form.Item>
            </>
          )}
        </AddRecordModal>
      )}
    </>
  );
}
