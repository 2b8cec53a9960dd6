import { App, Form, Input, Radio, Typography } from 'antd';
import { training } from '@nang-tam/domain';
import { useQueryClient } from '@tanstack/react-query';
import type { ConductReport } from '@nang-tam/contracts';
import { enrolmentsApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';

interface Values {
  satisfactory: boolean;
  conduct: string;
  discipline: string;
  workDuringCourse?: string;
}

export interface ConductTarget {
  enrolmentId: number;
  classId: number;
  personName: string;
  className: string;
  dueOn: string | null;
  /** The report already sent (it can be corrected until the class graduates). */
  report: Pick<ConductReport, 'satisfactory' | 'content'> | null;
}

/**
 * The home agency's report on a learner's conduct during the course (phiếu nhận xét): ý thức,
 * thái độ; chấp hành tổ chức, kỷ luật; công tác tại cơ quan; the conclusion.
 */
export function ConductReportModal({ target, onClose }: { target: ConductTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  if (!target) return null;
  const r = target.report;
  return (
    <FormModal<Values>
      open
      name="conduct"
      width={640}
      title={t('conduct.formTitle', { name: target.personName })}
      okText={t('conduct.send')}
      onClose={onClose}
      fields={['satisfactory', 'conduct', 'discipline', 'workDuringCourse']}
      initialValues={
        r?.content
          ? {
              satisfactory: r.satisfactory ?? undefined,
              conduct: r.content.conduct,
              discipline: r.content.discipline,
              workDuringCourse: r.content.workDuringCourse,
            }
          : undefined
      }
      intro={
        <Typography.Paragraph type="secondary">
          {t('conduct.formIntro', { className: target.className, classInside: training.classPhrase(target.className) })}
          {target.dueOn ? ` ${t('conduct.dueOnText', { date: formatDate(target.dueOn) })}` : ''}
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        await enrolmentsApi.fillConductReport(target.enrolmentId, {
          satisfactory: v.satisfactory,
          conduct: v.conduct.trim(),
          discipline: v.discipline.trim(),
          workDuringCourse: v.workDuringCourse?.trim() || undefined,
        });
        message.success(t('conduct.sent', { name: target.personName }));
        void qc.invalidateQueries({ queryKey: ['conduct-reports'] });
        void qc.invalidateQueries({ queryKey: ['my-learners'] });
        void qc.invalidateQueries({ queryKey: ['classes', target.classId] });
        void qc.invalidateQueries({ queryKey: ['enrolments', target.enrolmentId] });
      }}
    >
      {() => (
        <>
          <Form.Item
            name="conduct"
            label={t('conduct.conduct')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('conduct.conductPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="discipline"
            label={t('conduct.discipline')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('conduct.disciplinePlaceholder')} />
          </Form.Item>
          <Form.Item name="workDuringCourse" label={t('conduct.work')} extra={t('conduct.workHint')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="satisfactory"
            label={t('conduct.conclusion')}
            rules={[{ required: true, message: t('conduct.conclusionRequired') }]}
          >
            <Radio.Group
              options={[
                { value: true, label: t('conduct.satisfactory') },
                { value: false, label: t('conduct.unsatisfactory') },
              ]}
            />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
