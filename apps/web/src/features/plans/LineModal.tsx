import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, type FormInstance } from 'antd';
import type { PlanLine, PlanLineInput } from '@nang-tam/contracts';
import { ApiError, isApiError } from '../../api/client';
import { useProgrammes } from '../../api/rules';
import { useI18n } from '../../i18n';
import { FormModal } from '../../shared/FormModal';
import { UnitPicker } from '../../shared/UnitPicker';
import { foldedFilter } from '../../shared/select';
import { modeLabel } from '../eligibility/common';

interface Values {
  programmeCode: string;
  mode: PlanLineInput['mode'];
  classes: number;
  learners: number;
  quarter: number;
  organiserUnitId: number | null;
  siteKind: 'school' | 'local';
  site: string;
  estimatedCost: number;
  carriedOver: boolean;
  note: string;
}

const FIELDS = ['programmeCode', 'mode', 'classes', 'learners', 'year', 'quarter', 'organiserUnitId', 'siteKind', 'site', 'estimatedCost', 'carriedOver', 'note'];

/** The server names a line's fields "lines.0.quarter" / "line.quarter": under the form's own fields. */
function unprefixed(err: unknown): unknown {
  if (!isApiError(err)) return err;
  return new ApiError(err.status, err.code, err.message, err.details.map((d) => ({ ...d, path: d.path.replace(/^lines\.\d+\.|^line\./, '') })));
}

/** The modes the chosen programme offers. */
function ModeChoice({ form, value, onChange }: { form: FormInstance<Values>; value?: string; onChange?: (v: string) => void }) {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const code = Form.useWatch('programmeCode', form);
  const modes = programmes.data?.items.find((p) => p.code === code)?.modes ?? [];
  return <Radio.Group optionType="button" value={value} onChange={(e) => onChange?.(e.target.value as string)} options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))} />;
}

/** Add or edit one plan line (programme × mode × classes × learners × quarter × organiser × site × cost). */
export function LineModal({
  open,
  year,
  line,
  onClose,
  onSubmit,
}: {
  open: boolean;
  year: number;
  line: PlanLine | null;
  onClose: () => void;
  onSubmit: (input: PlanLineInput) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const initialValues: Partial<Values> = line
    ? {
        programmeCode: line.programme.code,
        mode: line.mode,
        classes: line.classes,
        learners: line.learners,
        quarter: line.quarter,
        organiserUnitId: line.organiser.id,
        siteKind: line.siteKind,
        site: line.site,
        estimatedCost: line.estimatedCost,
        carriedOver: line.carriedOver,
        note: line.note ?? '',
      }
    : { classes: 1, learners: 50, quarter: 1, siteKind: 'school', estimatedCost: 0, carriedOver: false, note: '' };
  const required = { required: true, message: t('validation.required') };
  return (
    <FormModal<Values>
      open={open}
      name="planLine"
      title={line ? t('plans.editLine') : t('plans.addLine')}
      okText={t('action.save')}
      onClose={onClose}
      fields={FIELDS}
      width={640}
      initialValues={initialValues}
      onSubmit={async (v) => {
        try {
          await onSubmit({
            programmeCode: v.programmeCode,
            mode: v.mode,
            classes: v.classes,
            learners: v.learners,
            year,
            quarter: v.quarter,
            organiserUnitId: v.organiserUnitId ?? undefined,
            siteKind: v.siteKind,
            site: v.site,
            estimatedCost: v.estimatedCost,
            carriedOver: v.carriedOver,
            note: v.note?.trim() ? v.note.trim() : null,
          });
        } catch (err) {
          throw unprefixed(err);
        }
      }}
    >
      {(form) => {
        return (
          <>
            <Form.Item name="programmeCode" label={t('plans.col.programme')} rules={[required]}>
              <Select
                showSearch={{ filterOption: foldedFilter }}
                loading={programmes.isPending}
                options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
                onChange={(c: string) => form.setFieldValue('mode', programmes.data?.items.find((p) => p.code === c)?.modes[0])}
              />
            </Form.Item>
            <Form.Item name="mode" label={t('plans.col.mode')} rules={[required]}>
              <ModeChoice form={form} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="classes" label={t('plans.col.classes')} rules={[required]}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="learners" label={t('plans.col.learners')} rules={[required]}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="quarter" label={t('plans.col.quarter')} rules={[required]}>
                  <Select options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('plans.quarterValue', { q }) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="organiserUnitId" label={t('plans.col.organiser')}>
              <UnitPicker initialLabel={line?.organiser.name} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="siteKind" label={t('plans.col.siteKind')} rules={[required]}>
                  <Radio.Group optionType="button" options={(['school', 'local'] as const).map((k) => ({ value: k, label: t(`plans.siteKind.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="site" label={t('plans.col.site')} rules={[{ ...required, whitespace: true }]}>
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="estimatedCost" label={t('plans.col.cost')} rules={[required]}>
              <InputNumber<number>
                min={0}
                precision={0}
                style={{ width: '100%' }}
                formatter={(v) => (v === undefined || v === null ? '' : String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '.'))}
                parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
              />
            </Form.Item>
            <Form.Item name="carriedOver" valuePropName="checked">
              <Checkbox>{t('plans.col.carriedOver')}</Checkbox>
            </Form.Item>
            <Form.Item name="note" label={t('plans.col.note')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </>
        );
      }}
    </FormModal>
  );
}
