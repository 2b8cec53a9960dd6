import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { ClassCreate, ClassDetail, ClassUpdate, ErrorDetail } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { classesApi, useCatalogue } from '../../api/classes';
import { useProgrammes } from '../../api/rules';
import { useCurrentUser } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { applyServerErrors } from '../../shared/form-errors';
import { useIsMobile } from '../../shared/hooks';
import { foldedFilter } from '../../shared/select';
import { modeLabel } from '../eligibility/common';
import { classStatusLabel } from './common';
import { plansApi } from '../../api/plans';
import { linkOf, planChoiceOf, type PlanChoice } from '../plans/plan-view';

interface Values {
  programmeCode: string | null;
  mode: string | null;
  cohortCode: string;
  name: string;
  site: string;
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  capacity: number | null;
  status: 'open' | 'closed';
  /** The plan line, outside the plan, or not linked (form field named after the server's path). */
  planLineId: PlanChoice;
}

const FIELDS = ['programmeCode', 'mode', 'cohortCode', 'name', 'site', 'startDate', 'endDate', 'capacity', 'status', 'planLineId', 'outsidePlan'] as const;

function fromClass(c: ClassDetail): Values {
  return {
    programmeCode: c.programme.code,
    mode: c.mode,
    cohortCode: c.cohortCode,
    name: c.name,
    site: c.site,
    startDate: toDayjs(c.startDate),
    endDate: toDayjs(c.endDate),
    capacity: c.capacity,
    status: c.status === 'closed' ? 'closed' : 'open',
    planLineId: planChoiceOf(c.plan),
  };
}

/** "Lớp trung cấp lý luận chính trị K12": a name to start from while the registrar has not typed one. */
function suggestedName(programmeName: string | undefined, cohort: string): string {
  if (!programmeName) return '';
  const p = programmeName.charAt(0).toLowerCase() + programmeName.slice(1);
  return `Lớp ${p}${cohort.trim() ? ` ${cohort.trim()}` : ''}`;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Edit this class; without it, open a new one. */
  cls?: ClassDetail;
  /** Re-reads the class after a version conflict. */
  onReload?: () => Promise<ClassDetail | undefined>;
  onSaved: (c: ClassDetail) => void;
}

/** "Mở lớp" / "Sửa thông tin lớp": programme → modes it offers, cohort, name, site, dates, capacity. */
export function ClassFormDrawer(props: Props) {
  const isMobile = useIsMobile();
  const { t } = useI18n();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      destroyOnHidden
      size={isMobile ? '100%' : 640}
      title={props.cls ? t('classForm.editTitle', { name: props.cls.name }) : t('classForm.createTitle')}
    >
      {props.open && <ClassForm {...props} />}
    </Drawer>
  );
}

function ClassForm({ cls, onClose, onReload, onSaved }: Props) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const programmes = useProgrammes();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(cls?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const [nameTouched, setNameTouched] = useState(!!cls);

  const programmeCode = Form.useWatch('programmeCode', form) ?? cls?.programme.code ?? null;
  const programme = programmes.data?.items.find((p) => p.code === programmeCode);
  const catalogue = useCatalogue(programmeCode);
  const modes = programme?.modes ?? (cls ? [cls.mode] : []);

  const initialValues = useMemo<Partial<Values>>(
    () => (cls ? fromClass(cls) : { cohortCode: '', name: '', site: me.unit.name, capacity: 50, status: 'open', planLineId: 'none' }),
    // the class as it was when the form opened
    [],
  );

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!cls) {
        const body: ClassCreate = {
          programmeCode: v.programmeCode ?? '',
          cohortCode: v.cohortCode.trim(),
          name: v.name.trim().replace(/\s+/g, ' '),
          mode: v.mode as ClassCreate['mode'],
          site: v.site.trim(),
          startDate: toIso(v.startDate) ?? '',
          endDate: toIso(v.endDate) ?? '',
          capacity: v.capacity ?? 0,
          ...linkOf(v.planLineId),
        };
        return classesApi.create(body);
      }
      // only what changed, with the version read
      const before = fromClass(cls);
      const body: ClassUpdate = { version };
      const cohort = v.cohortCode.trim();
      if (cohort !== before.cohortCode) body.cohortCode = cohort;
      const name = v.name.trim().replace(/\s+/g, ' ');
      if (name !== before.name) body.name = name;
      if (v.mode !== before.mode) body.mode = v.mode as ClassUpdate['mode'];
      const site = v.site.trim();
      if (site !== before.site) body.site = site;
      const start = toIso(v.startDate) ?? '';
      if (start !== cls.startDate) body.startDate = start;
      const end = toIso(v.endDate) ?? '';
      if (end !== cls.endDate) body.endDate = end;
      if (v.capacity !== before.capacity) body.capacity = v.capacity ?? 0;
      if (cls.status !== 'finished' && v.status !== before.status) body.status = v.status;
      if (v.planLineId !== before.planLineId) Object.assign(body, linkOf(v.planLineId));
      return classesApi.update(cls.id, body);
    },
    onSuccess: (saved) => {
      qc.setQueryData(['classes', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['classes', 'list'] });
      message.success(cls ? t('classForm.saved') : t('classForm.created', { name: saved.name }));
      onSaved(saved);
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'CONFLICT') {
        setConflict(true);
        return;
      }
      setOtherErrors(applyServerErrors(form, err, FIELDS, locale));
    },
  });

  const reload = useMutation({
    mutationFn: async () => (onReload ? onReload() : undefined),
    onSuccess: (fresh) => {
      if (!fresh) return;
      form.resetFields();
      form.setFieldsValue(fromClass(fresh));
      setVersion(fresh.version);
      setConflict(false);
      save.reset();
    },
  });

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if ('name' in changed) setNameTouched(true);
    if ('programmeCode' in changed) {
      const p = programmes.data?.items.find((x) => x.code === changed.programmeCode);
      form.setFieldValue('mode', p?.modes[0] ?? null);
    }
    if (!nameTouched && ('programmeCode' in changed || 'cohortCode' in changed)) {
      const p = programmes.data?.items.find((x) => x.code === all.programmeCode);
      form.setFieldValue('name', suggestedName(p?.name, all.cohortCode ?? ''));
    }
  };

  const onFinish = (v: Values) => {
    setOtherErrors([]);
    save.mutate(v);
  };

  const required = { required: true, message: t('validation.required') };
  const col = isMobile ? 24 : 12;
  const dateProps = {
    format: VI_DATE_FORMATS,
    placeholder: t('common.datePlaceholder'),
    style: { width: '100%' },
    // Enter confirms a typed date; it must not also submit the form
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter') e.preventDefault();
    },
  } as const;
  const startDate = Form.useWatch('startDate', form) as Dayjs | null | undefined;
  const planYear = startDate ? startDate.year() : null;
  const lines = useQuery({
    queryKey: ['plans', 'linkable', planYear, programmeCode],
    queryFn: () => plansApi.linkableLines(planYear!, programmeCode),
    enabled: planYear !== null && !!programmeCode && me.permissions.includes('classes.manage'),
  });
  const cat = catalogue.data;
  const incomplete = cat && (!cat.gradingScheme || !cat.graduationConditions || cat.modules.length === 0);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      name="class"
      scrollToFirstError={{ block: 'center' }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('classForm.conflictTitle')}
          description={errorMessage(save.error, locale)}
          action={
            onReload && (
              <Button icon={<ReloadOutlined />} loading={reload.isPending} onClick={() => reload.mutate()}>
                {t('action.reload')}
              </Button>
            )
          }
        />
      )}
      {save.isError && !conflict && (otherErrors.length > 0 || !hasFieldDetails(save.error)) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorMessage(save.error, locale)}
          description={
            otherErrors.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {otherErrors.map((d, i) => (
                  <li key={i}>{fieldErrorMessage(d, locale)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <Form.Item name="programmeCode" label={t('classes.programme')} rules={[required]}>
        <Select
          disabled={!!cls}
          placeholder={t('elig.chooseProgramme')}
          loading={programmes.isPending}
          showSearch={{ filterOption: foldedFilter }}
          options={(programmes.data?.items ?? []).filter((p) => p.opensClasses || (!!cls && p.code === programmeCode)).map((p) => ({ value: p.code, label: p.name }))}
        />
      </Form.Item>
      {cat && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: -12, marginBottom: 12 }}
          items={[
            ...(cat.duration ? [{ key: 'duration', label: t('classForm.duration'), children: cat.duration }] : []),
            {
              key: 'modules',
              label: t('classForm.modules'),
              children: t('classForm.modulesValue', { n: formatNumber(cat.modules.length), periods: formatNumber(cat.totalPeriods) }),
            },
            { key: 'approver', label: t('classForm.approver'), children: t(`approver.${cat.approver}` as MessageKey) },
          ]}
        />
      )}
      {incomplete && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('classForm.catalogueIncomplete')} />}
      <Form.Item name="mode" label={t('classes.mode')} rules={[required]}>
        {modes.length > 0 ? (
          <Radio.Group optionType="button" buttonStyle="solid" options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))} />
        ) : (
          <Typography.Text type="secondary">{t('classForm.pickProgrammeFirst')}</Typography.Text>
        )}
      </Form.Item>
      <Row gutter={16}>
        <Col span={isMobile ? 24 : 8}>
          <Form.Item
            name="cohortCode"
            label={t('classes.cohort')}
            tooltip={t('classForm.cohortHint')}
            rules={[
              { ...required, whitespace: true },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, message: t('classForm.cohortInvalid') },
            ]}
          >
            <Input maxLength={40} autoComplete="off" placeholder="K12" />
          </Form.Item>
        </Col>
        <Col span={isMobile ? 24 : 16}>
          <Form.Item
            name="name"
            label={t('classForm.name')}
            rules={[
              { ...required, whitespace: true },
              { max: 300, message: t('validation.tooLong') },
            ]}
          >
            <Input maxLength={300} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="site" label={t('classes.site')} tooltip={t('classForm.siteHint')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={300} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={col}>
          <Form.Item name="startDate" label={t('classForm.startDate')} rules={[required]}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item
            name="endDate"
            label={t('classForm.endDate')}
            dependencies={['startDate']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null) => {
                  const s = getFieldValue('startDate') as Dayjs | null;
                  return v && s && v.isBefore(s, 'day') ? Promise.reject(new Error(t('validation.endBeforeStart'))) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="capacity" label={t('classForm.capacity')} rules={[required]}>
            <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {cls && cls.actions.includes('update') && (
          <Col span={col}>
            <Form.Item name="status" label={t('classes.status')} tooltip={t('classForm.statusHint')}>
              <Segmented<'open' | 'closed'>
                options={(['open', 'closed'] as const).map((s) => ({ value: s, label: classStatusLabel(t, s) }))}
              />
            </Form.Item>
          </Col>
        )}
      </Row>

      <Form.Item name="planLineId" label={t('classForm.plan')} tooltip={t('classForm.planHint')}>
        <Select<PlanChoice>
          loading={lines.isFetching}
          options={[
            { value: 'none', label: t('classForm.planNone') },
            { value: 'outside', label: t('classForm.planOutside') },
            ...(lines.data?.items ?? []).map((l) => ({
              value: `line:${l.lineId}` as PlanChoice,
              label: t('classForm.planLine', { programme: l.programmeName, mode: modeLabel(t, l.mode), quarter: l.quarter, classes: l.classes, organiser: l.organiser }),
            })),
            ...(cls?.plan.lineId && !(lines.data?.items ?? []).some((l) => l.lineId === cls.plan.lineId)
              ? [{ value: `line:${cls.plan.lineId}` as PlanChoice, label: `#${cls.plan.lineId}` }]
              : []),
          ]}
        />
      </Form.Item>

      <Flex
        gap={8}
        justify="flex-end"
        style={{ position: 'sticky', bottom: -24, zIndex: 5, background: '#fff', padding: '12px 0 16px', borderTop: '1px solid #f0f0f0' }}
      >
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={conflict}>
          {cls ? t('action.save') : t('classForm.createSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
