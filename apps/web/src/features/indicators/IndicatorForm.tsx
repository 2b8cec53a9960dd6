/**
 * Defining or changing an indicator: population (the people list's filters), condition, target,
 * period, source document, owner unit. The server checks every code and rule and answers each
 * refusal with its field; they are listed above the form.
 */
import { useState } from 'react';
import { Alert, App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PERSON_CATEGORIES, QUALIFICATION_KINDS } from '@nang-tam/domain';
import { INDICATOR_SOURCE_KINDS, type ErrorDetail, type IndicatorCreate, type IndicatorDetail } from '@nang-tam/contracts';
import { indicatorsApi } from '../../api/indicators';
import { rulesApi } from '../../api/rules';
import { levelsOf, useReference } from '../../api/reference';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { UnitPicker } from '../../shared/UnitPicker';
import { useCurrentUser } from '../../app/session';

const LEVEL_KINDS = ['education', 'political_theory', 'state_management'] as const;

interface Values {
  code?: string;
  name: string;
  unitId?: number | null;
  subtree: boolean;
  category?: string;
  titleIds?: number[];
  managementScopeId?: number;
  jobPositionId?: number;
  adminReformPost: boolean;
  conditionKind: 'qualification' | 'adminReformTraining' | 'standard';
  standardId?: string;
  qualificationKind?: string;
  minLevel?: string;
  withinYears?: number;
  targetKind: 'share' | 'count';
  comparison: 'atLeast' | 'above';
  targetValue: number;
  startOn: string | null;
  deadline: string | null;
  sourceKind: string;
  sourceNumber: string;
  sourceIssuedOn: string | null;
  sourceIssuer: string;
  sourceTitle?: string;
  ownerUnitId?: number | null;
  note?: string;
}

function initialOf(d: IndicatorDetail | null, ownerUnitId: number): Partial<Values> {
  if (!d) return { ownerUnitId, subtree: true, adminReformPost: false, conditionKind: 'qualification', qualificationKind: 'education', targetKind: 'share', comparison: 'atLeast', sourceKind: 'resolution' };
  const p = d.definition.population;
  const c = d.definition.condition;
  return {
    name: d.name,
    unitId: p.unitId ?? null,
    subtree: p.subtree ?? true,
    category: p.category,
    titleIds: p.titleIds,
    managementScopeId: p.managementScopeId,
    jobPositionId: p.jobPositionId,
    adminReformPost: p.adminReformPost ?? false,
    conditionKind: c.kind,
    qualificationKind: c.kind === 'qualification' ? c.qualificationKind : 'education',
    minLevel: c.kind === 'qualification' ? c.minLevel : undefined,
    withinYears: c.kind === 'adminReformTraining' ? c.withinYears : undefined,
    standardId: c.kind === 'standard' ? c.standardId : undefined,
    targetKind: d.target.kind,
    comparison: d.target.comparison,
    targetValue: d.target.value,
    startOn: d.startOn,
    deadline: d.deadline,
    sourceKind: d.source.kind,
    sourceNumber: d.source.number,
    sourceIssuedOn: d.source.issuedOn,
    sourceIssuer: d.source.issuer,
    sourceTitle: d.source.title,
    ownerUnitId: d.ownerUnit.id,
    note: d.definition.note ?? undefined,
  };
}

function bodyOf(v: Values): Omit<IndicatorCreate, 'code'> {
  const population: IndicatorCreate['population'] = { subtree: v.subtree };
  if (v.unitId) population.unitId = v.unitId;
  if (v.category) population.category = v.category as IndicatorCreate['population']['category'];
  if (v.titleIds && v.titleIds.length > 0) population.titleIds = v.titleIds;
  if (v.managementScopeId) population.managementScopeId = v.managementScopeId;
  if (v.jobPositionId) population.jobPositionId = v.jobPositionId;
  if (v.adminReformPost) population.adminReformPost = true;
  const condition: IndicatorCreate['condition'] =
    v.conditionKind === 'qualification'
      ? { kind: 'qualification', qualificationKind: (v.qualificationKind ?? 'education') as 'education', minLevel: v.minLevel ?? '' }
      : v.conditionKind === 'standard'
        ? { kind: 'standard', standardId: v.standardId ?? '' }
        : { kind: 'adminReformTraining', withinYears: v.withinYears ?? 5 };
  return {
    name: v.name,
    population,
    condition,
    target: { kind: v.targetKind, comparison: v.comparison, value: v.targetValue },
    startOn: v.startOn ?? '',
    deadline: v.deadline ?? '',
    source: { kind: v.sourceKind as IndicatorCreate['source']['kind'], number: v.sourceNumber, issuedOn: v.sourceIssuedOn ?? '', issuer: v.sourceIssuer, ...(v.sourceTitle ? { title: v.sourceTitle } : {}) },
    ownerUnitId: v.ownerUnitId ?? 0,
    ...(v.note ? { note: v.note } : {}),
  };
}

export function IndicatorForm({ open, onClose, indicator, onSaved }: { open: boolean; onClose: () => void; indicator: IndicatorDetail | null; onSaved: (d: IndicatorDetail) => void }) {
  const { t, locale, label } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const ref = useReference();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const conditionKind = Form.useWatch('conditionKind', form);
  const qualificationKind = Form.useWatch('qualificationKind', form);
  const targetKind = Form.useWatch('targetKind', form);
  // the rules engine's standards (title and job-position standards), for a condition "meets standard X"
  const standards = useQuery({ queryKey: ['standards', 'all'], queryFn: () => rulesApi.standards(), enabled: open && conditionKind === 'standard' });
  const save = useMutation({
    mutationFn: (v: Values) =>
      indicator ? indicatorsApi.update(indicator.id, { ...bodyOf(v), version: indicator.version }) : indicatorsApi.create({ ...bodyOf(v), code: v.code ?? '' }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      message.success(t('ind.saved'));
      onSaved(d);
    },
    onError: (err) => {
      setProblems(hasFieldDetails(err) ? err.details : []);
      setGeneralError(hasFieldDetails(err) ? null : errorMessage(err, locale));
    },
  });
  const dateField = (name: keyof Values, msg: MessageKey) => (
    <Form.Item
      name={name}
      label={t(msg)}
      rules={[{ required: true, message: t('ind.required') }]}
      getValueProps={(v: string | null) => ({ value: toDayjs(v) })}
      normalize={(d) => toIso(d)}
    >
      <DatePicker format={VI_DATE_FORMATS} style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      width={860}
      title={indicator ? t('ind.edit') : t('ind.create')}
      okText={t('ind.save')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('ind.refused')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="indicator-problems">
              {problems.map((p, i) => (
                <li key={i}>{fieldErrorMessage(p, locale)}</li>
              ))}
            </ul>
          }
        />
      )}
      {generalError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={generalError} />}
      <Form form={form} layout="vertical" initialValues={initialOf(indicator, me.unit.id)} requiredMark="optional">
        <Row gutter={12}>
          {!indicator && (
            <Col xs={24} md={8}>
              <Form.Item name="code" label={t('ind.code')} rules={[{ required: true, message: t('ind.required') }]} extra={t('ind.codeHint')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={indicator ? 24 : 16}>
            <Form.Item name="name" label={t('ind.name')} rules={[{ required: true, message: t('ind.required') }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('ind.population')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('ind.unit')}>
              <UnitPicker initialLabel={indicator?.populationText} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="subtree" label={t('ind.subtree')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="managementScopeId" label={t('ind.managementScope')}>
              <Select allowClear options={(ref.data?.managementScopes ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('ind.category')}>
              <Select allowClear options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: label(PERSON_CATEGORIES, c.code) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="titleIds" label={t('ind.titles')}>
              <Select mode="multiple" allowClear optionFilterProp="label" options={(ref.data?.titles ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="jobPositionId" label={t('ind.jobPosition')}>
              <Select allowClear options={(ref.data?.jobPositions ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="adminReformPost" label={t('ind.adminReformPost')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('ind.condition')}
        </Divider>
        <Form.Item name="conditionKind">
          <Radio.Group
            options={[
              { value: 'qualification', label: t('ind.cond.qualification') },
              { value: 'adminReformTraining', label: t('ind.cond.adminReformTraining') },
              { value: 'standard', label: t('ind.cond.standard') },
            ]}
          />
        </Form.Item>
        {conditionKind === 'standard' ? (
          <>
            <Form.Item name="standardId" label={t('ind.standardId')} rules={[{ required: true, message: t('ind.required') }]} extra={t('ind.standardAsOf')}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={standards.isLoading}
                options={(standards.data?.items ?? []).map((st) => ({
                  value: st.id,
                  label: `${st.targetName} — ${st.current?.description ?? st.versions.at(-1)?.description ?? ''} (${st.id})`,
                }))}
              />
            </Form.Item>
          </>
        ) : conditionKind === 'adminReformTraining' ? (
          <Form.Item name="withinYears" label={t('ind.withinYears')} rules={[{ required: true, message: t('ind.required') }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="qualificationKind" label={t('ind.qualificationKind')}>
                <Select options={LEVEL_KINDS.map((k) => ({ value: k, label: label(QUALIFICATION_KINDS, k) }))} onChange={() => form.setFieldValue('minLevel', undefined)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="minLevel" label={t('ind.minLevel')} rules={[{ required: true, message: t('ind.required') }]}>
                <Select options={levelsOf(ref.data, qualificationKind ?? 'education').map((l) => ({ value: l.code, label: l.name }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Divider titlePlacement="start" plain>
          {t('ind.targetAndPeriod')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="targetKind" label={t('ind.targetKind')}>
              <Radio.Group options={[{ value: 'share', label: t('ind.share') }, { value: 'count', label: t('ind.count') }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="comparison" label={t('ind.comparison')}>
              <Select options={[{ value: 'atLeast', label: t('ind.atLeast') }, { value: 'above', label: t('ind.above') }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="targetValue" label={t('ind.targetValue')} rules={[{ required: true, message: t('ind.required') }]}>
              <InputNumber min={0} step={targetKind === 'count' ? 1 : 0.1} addonAfter={targetKind === 'count' ? t('ind.peopleUnit') : '%'} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            {dateField('startOn', 'ind.startOn')}
          </Col>
          <Col xs={12} md={8}>
            {dateField('deadline', 'ind.deadline')}
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ownerUnitId" label={t('ind.ownerUnit')} rules={[{ required: true, message: t('ind.required') }]}>
              <UnitPicker initialLabel={indicator?.ownerUnit.name ?? me.unit.name} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('ind.source')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="sourceKind" label={t('ind.sourceKind')}>
              <Select options={INDICATOR_SOURCE_KINDS.map((k) => ({ value: k, label: t(`ind.sourceKind.${k}` as MessageKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="sourceNumber" label={t('ind.sourceNumber')} rules={[{ required: true, message: t('ind.required') }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            {dateField('sourceIssuedOn', 'ind.sourceIssuedOn')}
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="sourceIssuer" label={t('ind.sourceIssuer')} rules={[{ required: true, message: t('ind.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="sourceTitle" label={t('ind.sourceTitle')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label={t('ind.note')}>
              <Input.TextArea maxLength={1000} rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
