/**
 * "Đề nghị cử đi học": the agency officer picks a person of their scope (search without
 * diacritics), the programme and mode, the outside institution (the national academy, a
 * university, abroad with its country), the dates and the cost; the person's eligibility for the
 * programme as of the start date is shown before sending. An ineligible person is refused by the
 * server with each failed condition; whoever it allows to (the `override` action of the list: the
 * provincial board) may send them anyway with a reason. The server's field errors land under the
 * fields.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Spin,
} from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { ErrorDetail, EligibilityResult, OutsideCreate } from '@nang-tam/contracts';
import type { Dayjs } from 'dayjs';
import { outsideApi } from '../../api/outside';
import { plansApi } from '../../api/plans';
import { peopleApi } from '../../api/endpoints';
import { rulesApi, useProgrammes } from '../../api/rules';
import { useI18n } from '../../i18n';
import { VI_DATE_FORMATS, toIso } from '../../shared/dates';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { applyServerErrors } from '../../shared/form-errors';
import { formatDate } from '../../shared/format';
import { useDebounced, useIsMobile } from '../../shared/hooks';
import { foldedFilter } from '../../shared/select';
import { modeLabel } from '../eligibility/common';
import { EligibilityResultView } from '../eligibility/EligibilityTab';

interface Values {
  personId?: number;
  programmeCode?: string;
  mode?: OutsideCreate['mode'];
  institution?: string;
  abroad?: boolean;
  country?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  cost?: number | null;
  studyField?: string;
  outsidePlan?: boolean;
  planLineId?: number | null;
  note?: string;
  overrideReason?: string;
}

const FIELDS = [
  'personId',
  'programmeCode',
  'mode',
  'institution',
  'abroad',
  'country',
  'startDate',
  'endDate',
  'cost',
  'studyField',
  'outsidePlan',
  'planLineId',
  'note',
  'overrideReason',
] as const;

const SUGGESTED_INSTITUTIONS = [
  'Học viện Chính trị quốc gia Hồ Chí Minh',
  'Học viện Chính trị khu vực I',
  'Học viện Hành chính và Quản trị công',
  'Đại học Quốc gia Hà Nội',
  'Trường Đại học Kinh tế quốc dân',
];

export function ProposeDrawer({ open, onClose, mayOverride }: { open: boolean; onClose: () => void; mayOverride: boolean }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Drawer open={open} onClose={onClose} destroyOnHidden size={isMobile ? '100%' : 720} title={t('out.proposeTitle')}>
      {open && <ProposeForm onClose={onClose} mayOverride={mayOverride} />}
    </Drawer>
  );
}

function ProposeForm({ onClose, mayOverride }: { onClose: () => void; mayOverride: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const programmes = useProgrammes();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [other, setOther] = useState<ErrorDetail[]>([]);

  const people = useQuery({
    queryKey: ['people', 'list', { q, limit: 10, offset: 0 }],
    queryFn: ({ signal }) => peopleApi.list({ q, limit: 10, offset: 0 }, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const institutions = useQuery({
    queryKey: ['outside', 'list', { limit: 1, offset: 0 }],
    queryFn: ({ signal }) => outsideApi.list({ limit: 1, offset: 0 }, signal),
  });

  const personId = Form.useWatch('personId', form);
  const programmeCode = Form.useWatch('programmeCode', form);
  const mode = Form.useWatch('mode', form);
  const start = toIso(Form.useWatch('startDate', form));
  const abroad = Form.useWatch('abroad', form);
  const studyField = Form.useWatch('studyField', form);
  const programme = programmes.data?.items.find((p) => p.code === programmeCode);
  const outsidePlan = Form.useWatch('outsidePlan', form);
  // the plan line it realises: a line of the plan of the year it starts, of its programme (decision 0035)
  const planYear = start ? Number(start.slice(0, 4)) : null;
  const lines = useQuery({
    queryKey: ['plans', 'linkable', planYear, programmeCode, 'outside'],
    queryFn: () => plansApi.linkableLines(planYear!, programmeCode!, 'outside'),
    enabled: planYear !== null && !!programmeCode,
  });

  const eligibility = useQuery({
    queryKey: ['people', personId, 'eligibility', programmeCode, mode, start, studyField ?? null],
    queryFn: () =>
      rulesApi.personEligibility(personId!, { programme: programmeCode!, mode: mode ?? null, asOf: start, studyField: studyField || null }),
    enabled: !!personId && !!programmeCode && !!mode && !!start,
    select: (d: { results: EligibilityResult[] }) =>
      d.results.find((r) => r.programmeCode === programmeCode && r.mode === mode) ?? d.results[0],
  });
  const outcome = eligibility.data?.outcome;
  const blocked = outcome !== undefined && outcome !== 'eligible' && !mayOverride;

  const suggestions = [...new Set([...(institutions.data?.institutions ?? []), ...SUGGESTED_INSTITUTIONS])].map((v) => ({ value: v }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setOther([]);
    try {
      const made = await outsideApi.propose({
        personId: v.personId!,
        programmeCode: v.programmeCode!,
        mode: v.mode!,
        institution: v.institution ?? '',
        abroad: !!v.abroad,
        ...(v.abroad ? { country: v.country ?? '' } : {}),
        startDate: toIso(v.startDate) ?? '',
        endDate: toIso(v.endDate) ?? '',
        cost: v.cost ?? null,
        ...(v.studyField ? { studyField: v.studyField } : {}),
        outsidePlan: !!v.outsidePlan,
        ...(v.planLineId && !v.outsidePlan ? { planLineId: v.planLineId } : {}),
        ...(v.note ? { note: v.note } : {}),
        ...(outcome !== 'eligible' && v.overrideReason ? { overrideReason: v.overrideReason } : {}),
      });
      void qc.invalidateQueries({ queryKey: ['outside', 'list'] });
      message.success(t('out.proposed', { name: made.person.fullName }));
      onClose();
      navigate(`/outside-trainings/${made.id}`);
    } catch (e) {
      setError(e);
      setOther(applyServerErrors(form, e, FIELDS, locale));
    } finally {
      setSaving(false);
    }
  };

  const dateProps = { format: VI_DATE_FORMATS, placeholder: t('common.datePlaceholder'), style: { width: '100%' } };
  const required = [{ required: true, message: t('out.required') }];

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="outside-propose"
      onFinish={(v) => void submit(v)}
      initialValues={{ abroad: false, outsidePlan: false }}
    >
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorMessage(error, locale)}
          description={
            other.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {other.map((d, i) => (
                  <li key={i}>{fieldErrorMessage(d, locale)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form.Item name="personId" label={t('out.pickPerson')} rules={required}>
        <Select
          showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
          placeholder={t('out.personSearch')}
          notFoundContent={people.isFetching ? <Spin size="small" /> : null}
          options={(people.data?.items ?? []).map((p) => ({
            value: p.id,
            label: [p.fullName, formatDate(p.birthDate), p.unit.name].filter(Boolean).join(' · '),
          }))}
          data-testid="outside-person"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item name="programmeCode" label={t('out.programme')} rules={required}>
            <Select
              showSearch={{ filterOption: foldedFilter }}
              loading={programmes.isPending}
              options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
              onChange={() => form.setFieldValue('mode', undefined)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="mode" label={t('out.mode')} rules={required}>
            <Select options={(programme?.modes ?? []).map((m) => ({ value: m, label: modeLabel(t, m) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="institution" label={t('out.institution')} rules={[{ required: true, whitespace: true, message: t('out.required') }]}>
        <AutoComplete
          options={suggestions}
          placeholder={t('out.institutionPlaceholder')}
          filterOption={(input, o) =>
            String(o?.value ?? '')
              .toLowerCase()
              .includes(input.toLowerCase())
          }
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="abroad" valuePropName="checked" label=" ">
            <Checkbox>{t('out.abroad')}</Checkbox>
          </Form.Item>
        </Col>
        {abroad && (
          <Col xs={24} md={16}>
            <Form.Item name="country" label={t('out.country')} rules={[{ required: true, whitespace: true, message: t('out.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="startDate" label={t('out.startDate')} rules={required}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="endDate" label={t('out.endDate')} rules={required}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="cost" label={t('out.cost')}>
            <InputNumber<number>
              style={{ width: '100%' }}
              min={0}
              step={1_000_000}
              precision={0}
              formatter={(v) => (v === undefined || v === null || String(v) === '' ? '' : Number(v).toLocaleString('vi-VN'))}
              parser={(v) => Number((v ?? '').replace(/\D/g, ''))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="studyField" label={t('out.studyField')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="outsidePlan" valuePropName="checked">
        <Checkbox onChange={(e) => e.target.checked && form.setFieldValue('planLineId', null)}>{t('out.outsidePlan')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="planLineId"
        label={t('out.planLine')}
        tooltip={t('out.planLineHelp')}
        extra={planYear !== null && programmeCode && lines.data && lines.data.items.length === 0 ? t('out.planLineNone', { year: planYear }) : undefined}
      >
        <Select<number>
          allowClear
          disabled={!!outsidePlan}
          loading={lines.isFetching}
          data-testid="outside-plan-line"
          options={(lines.data?.items ?? []).map((l) => ({
            value: l.lineId,
            label: t('out.planLineOption', { programme: l.programmeName, mode: modeLabel(t, l.mode), quarter: l.quarter, classes: l.classes, learners: l.learners, site: l.site }),
          }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('out.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>

      {eligibility.isFetching && <Spin />}
      {eligibility.data && (
        <div style={{ marginBottom: 16 }}>
          <EligibilityResultView result={eligibility.data} />
        </div>
      )}
      {outcome !== undefined &&
        outcome !== 'eligible' &&
        (mayOverride ? (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('out.overrideHint')} />
            <Form.Item
              name="overrideReason"
              label={t('out.overrideReason')}
              rules={[{ required: true, whitespace: true, message: t('out.required') }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ) : (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('out.notEligibleHint')} />
        ))}
      <Flex gap={8} justify="end">
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        {/* not a submit button: Enter in a date field confirms the date, it does not send the proposal */}
        <Button type="primary" onClick={() => form.submit()} loading={saving} disabled={blocked} data-testid="outside-submit">
          {t('out.propose')}
        </Button>
      </Flex>
    </Form>
  );
}
