import { App, DatePicker, Flex, Form, Input, Typography } from 'antd';
import { training } from '@nang-tam/domain';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { enrolmentsApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { sessionLabel } from './common';

interface Values {
  fromDate?: Dayjs | null;
  toDate?: Dayjs | null;
  reason: string;
}

export interface RecallTarget {
  enrolmentId: number;
  personName: string;
  classId: number;
  className: string;
  startDate: string;
  endDate: string;
}

/**
 * "Ghi nhận cơ quan triệu tập về": the period (both dates) and the agency's reason. Sessions of the
 * period without a mark become "được triệu tập về" and must be made up once held.
 */
export function RecallModal({ target, onClose }: { target: RecallTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  if (!target) return null;
  const start = toDayjs(target.startDate);
  const end = toDayjs(target.endDate);
  const outside = (d: Dayjs) => (!!start && d.isBefore(start, 'day')) || (!!end && d.isAfter(end, 'day'));

  return (
    <FormModal<Values>
      open
      name="recall"
      title={t('recall.title', { name: target.personName })}
      okText={t('recall.submit')}
      onClose={onClose}
      fields={['fromDate', 'toDate', 'reason']}
      intro={
        <Typography.Paragraph type="secondary">
          {t('recall.intro', { className: target.className, classStart: training.classPhrase(target.className, 'start'), from: formatDate(target.startDate), to: formatDate(target.endDate) })}
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        const res = await enrolmentsApi.recall(target.enrolmentId, {
          fromDate: toIso(v.fromDate),
          toDate: toIso(v.toDate),
          reason: v.reason.trim(),
        });
        void qc.invalidateQueries({ queryKey: ['classes', target.classId] });
        void qc.invalidateQueries({ queryKey: ['enrolments', target.enrolmentId] });
        void qc.invalidateQueries({ queryKey: ['my-learners'] });
        if (res.markedSessions.length > 0) {
          modal.info({
            title: t('recall.markedTitle', { n: res.markedSessions.length }),
            content: (
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                {res.markedSessions.map((s) => (
                  <li key={s.id}>{sessionLabel(t, s)}</li>
                ))}
              </ul>
            ),
          });
        } else message.success(t('recall.saved'));
      }}
    >
      {() => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="fromDate"
              label={t('recall.from')}
              style={{ flex: '1 1 160px' }}
              rules={[{ required: true, message: t('recall.datesRequired') }]}
            >
              <DatePicker
                format={VI_DATE_FORMATS}
                placeholder={t('common.datePlaceholder')}
                disabledDate={outside}
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item
              name="toDate"
              label={t('recall.to')}
              style={{ flex: '1 1 160px' }}
              dependencies={['fromDate']}
              rules={[
                { required: true, message: t('recall.datesRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | null) => {
                    const from = getFieldValue('fromDate') as Dayjs | null;
                    return v && from && v.isBefore(from, 'day')
                      ? Promise.reject(new Error(t('validation.endBeforeStart')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker
                format={VI_DATE_FORMATS}
                placeholder={t('common.datePlaceholder')}
                disabledDate={outside}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Flex>
          <Form.Item
            name="reason"
            label={t('recall.reason')}
            rules={[{ required: true, whitespace: true, message: t('recall.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('recall.reasonPlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
