import { App, DatePicker, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { SessionRef } from '@nang-tam/contracts';
import { enrolmentsApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { notInFuture, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { sessionLabel } from './common';

interface Values {
  sessionId: number;
  doneOn: Dayjs;
  note?: string;
}

export interface MakeUpTarget {
  enrolmentId: number;
  classId: number;
  personName: string;
  /** Sessions still to be made up; the first is chosen. */
  sessions: SessionRef[];
}

/** "Ghi nhận học bổ sung": which missed session, when it was made up, a note. */
export function MakeUpModal({ target, onClose }: { target: MakeUpTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  if (!target) return null;
  return (
    <FormModal<Values>
      open
      name="makeup"
      title={t('makeup.title', { name: target.personName })}
      okText={t('makeup.submit')}
      onClose={onClose}
      fields={['sessionId', 'doneOn', 'note']}
      initialValues={{ sessionId: target.sessions[0]?.id, doneOn: dayjs() }}
      onSubmit={async (v) => {
        await enrolmentsApi.makeUp(target.enrolmentId, {
          sessionId: v.sessionId,
          doneOn: toIso(v.doneOn)!,
          note: v.note?.trim() || undefined,
        });
        message.success(t('makeup.saved'));
        void qc.invalidateQueries({ queryKey: ['classes', target.classId] });
        void qc.invalidateQueries({ queryKey: ['enrolments', target.enrolmentId] });
        void qc.invalidateQueries({ queryKey: ['my-learners'] });
      }}
    >
      {() => (
        <>
          <Form.Item name="sessionId" label={t('makeup.session')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={target.sessions.map((s) => ({ value: s.id, label: sessionLabel(t, s) }))} />
          </Form.Item>
          <Form.Item name="doneOn" label={t('makeup.doneOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker
              format={VI_DATE_FORMATS}
              placeholder={t('common.datePlaceholder')}
              disabledDate={notInFuture}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item name="note" label={t('makeup.note')}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('makeup.notePlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
