import { useState } from 'react';
import { Button, Col, DatePicker, Empty, Flex, Form, Input, Popconfirm, Row, Select, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AssignmentInput, PersonDetail } from '@nang-tam/contracts';
import { ASSIGNMENT_REASONS } from '@nang-tam/domain';
import type { Dayjs } from 'dayjs';
import { useReference } from '../../../api/reference';
import { useI18n } from '../../../i18n';
import { toIso, VI_DATE_FORMATS } from '../../../shared/dates';
import { formatDate } from '../../../shared/format';
import { foldedFilter } from '../../../shared/select';
import { UnitPicker } from '../../../shared/UnitPicker';
import { AddRecordModal } from '../AddRecordModal';
import { useSubRecords } from '../sub-records';

interface Values {
  unitId: number | null;
  titleId?: number | null;
  startedOn: Dayjs | null;
  endedOn?: Dayjs | null;
  reason: AssignmentInput['reason'] | null;
  decisionNo?: string;
}

const REASON_COLORS: Record<string, string> = { rotation: 'purple', transfer: 'geekblue', appointment: 'gold', election: 'red' };

export function AssignmentsTab({ person, canEdit }: { person: PersonDetail; canEdit: boolean }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  const { add, remove } = useSubRecords(person.id);
  const [adding, setAdding] = useState(false);

  const rows = [...person.assignments].sort((a, b) => b.startedOn.localeCompare(a.startedOn));

  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('assignment.add')}
          </Button>
        </Flex>
      )}
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignment.empty')} />
      ) : (
        <Timeline
          style={{ paddingTop: 8 }}
          items={rows.map((a) => ({
            key: a.id,
            color: a.endedOn ? 'gray' : 'green',
            content: (
              <Flex justify="space-between" align="start" gap={8}>
                <div>
                  <Typography.Text type="secondary" className="nt-num" style={{ display: 'block' }}>
                    {formatDate(a.startedOn)} – {a.endedOn ? formatDate(a.endedOn) : t('assignment.present')}
                  </Typography.Text>
                  <Typography.Text strong>{a.title ? `${a.title.name} — ${a.unit.name}` : a.unit.name}</Typography.Text>
                  <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
                    <Tag color={REASON_COLORS[a.reason]}>{label(ASSIGNMENT_REASONS, a.reason)}</Tag>
                    {a.decisionNo && (
                      <Typography.Text type="secondary">
                        {t('assignment.decisionNo')}: {a.decisionNo}
                      </Typography.Text>
                    )}
                  </Flex>
                </div>
                {canEdit && (
                  <Popconfirm
                    title={t('records.confirmRemove')}
                    okText={t('action.remove')}
                    cancelText={t('action.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync({ kind: 'assignments', itemId: a.id })}
                  >
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('records.removeItem', { item: a.unit.name })} title={t('records.removeItem', { item: a.unit.name })} />
                  </Popconfirm>
                )}
              </Flex>
            ),
          }))}
        />
      )}
      {adding && (
        <AddRecordModal<Values>
          open
          name="assignment"
          title={t('assignment.add')}
          onClose={() => setAdding(false)}
          fields={['unitId', 'titleId', 'startedOn', 'endedOn', 'reason', 'decisionNo']}
          onSubmit={(v) =>
            add.mutateAsync({
              kind: 'assignments',
              body: {
                unitId: v.unitId ?? 0,
                titleId: v.titleId ?? null,
                startedOn: toIso(v.startedOn) ?? '',
                endedOn: toIso(v.endedOn),
                reason: v.reason!,
                decisionNo: v.decisionNo?.trim() ? v.decisionNo.trim() : null,
              },
            })
          }
        >
          {() => (
            <>
              <Form.Item name="unitId" label={t('person.unit')} rules={[{ required: true, message: t('validation.required') }]}>
                <UnitPicker />
              </Form.Item>
              <Form.Item name="titleId" label={t('person.title')}>
                <Select
                  allowClear
                  showSearch={{ filterOption: foldedFilter }}
                  placeholder={t('common.choose')}
                  options={(ref?.titles ?? []).map((x) => ({ value: x.id, label: x.name }))}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="startedOn" label={t('assignment.startedOn')} rules={[{ required: true, message: t('validation.required') }]}>
                    <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="endedOn"
                    label={t('assignment.endedOn')}
                    dependencies={['startedOn']}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, value: Dayjs | null) => {
                          const start = getFieldValue('startedOn') as Dayjs | null;
                          return value && start && value.isBefore(start, 'day')
                            ? Promise.reject(new Error(t('validation.endBeforeStart')))
                            : Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="reason" label={t('assignment.reason')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select
                  placeholder={t('common.choose')}
                  options={ASSIGNMENT_REASONS.map((r) => ({ value: r.code, label: label(ASSIGNMENT_REASONS, r.code) }))}
                />
              </Form.Item>
              <Form.Item name="decisionNo" label={t('assignment.decisionNo')}>
                <Input maxLength={60} placeholder={t('assignment.decisionNoHint')} />
              </Form.Item>
            </>
          )}
        </AddRecordModal>
      )}
    </>
  );
}
