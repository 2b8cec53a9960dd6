/**
 * The parameters of each rule kind (packages/domain/src/rules/types.ts) as form fields, and the
 * same parameters as Vietnamese text for the version history: no JSON, no raw codes.
 *
 * The form keeps the API's shape under `params` (so the server's paths, e.g. `params.minYears` or
 * `params.anyOf[1].rankCodes[0]`, name form fields), except for the age bounds and the
 * ethnic-minority alternative, which have their own small inputs (see paramsToForm / formToParams).
 * The conversions and the text live in rule-params.ts (no React), tested in rule-params.test.ts.
 */
import { Button, Card, Checkbox, Flex, Form, InputNumber, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import type { Reference } from '@nang-tam/contracts';
import { APPRAISAL_CLASSIFICATIONS, PERSON_CATEGORIES, QUALIFICATION_KINDS, type Term } from '@nang-tam/domain';
import { levelsOf, useReference } from '../../api/reference';
import { useProgrammes } from '../../api/rules';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { foldedFilter } from '../../shared/select';
import { useCodeNames } from '../eligibility/common';
import {
  STUDY_MODES,
  ageBoundProblem,
  describeParams,
  titleLevelLabel,
  type AgeBoundValue,
  type Alternative,
  type Params,
  type RuleKind,
} from './rule-params';

export { describeParams, describeRequirement, formToParams, paramsToForm } from './rule-params';
export type { AgeBoundValue, DescribeContext, Params, RuleKind } from './rule-params';

// ---------- age bounds ----------

function AgeBoundInput({
  id,
  value,
  onChange,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: AgeBoundValue;
  onChange?: (v: AgeBoundValue) => void;
  'aria-label'?: string;
}) {
  const { t } = useI18n();
  const v = value ?? { mode: 'none' };
  const set = (patch: Partial<AgeBoundValue>) => onChange?.({ ...v, ...patch });
  const num = (key: 'all' | 'male' | 'female', label: string) => (
    <InputNumber
      id={key === 'all' || key === 'male' ? `${id}-${key}` : undefined}
      aria-label={`${ariaLabel ?? ''} — ${label}`.trim()}
      min={0}
      max={100}
      precision={0}
      value={v[key] ?? null}
      onChange={(n) => set({ [key]: n })}
      prefix={key === 'all' ? undefined : label}
      suffix={t('rp.ageUnit')}
      style={{ width: key === 'all' ? 130 : 160 }}
    />
  );
  return (
    <Flex gap={8} wrap align="center">
      <Radio.Group
        id={id}
        aria-label={ariaLabel}
        value={v.mode}
        onChange={(e) => set({ mode: e.target.value as AgeBoundValue['mode'] })}
        optionType="button"
        options={[
          { value: 'none', label: t('rp.age.none') },
          { value: 'all', label: t('rp.age.all') },
          { value: 'gender', label: t('rp.age.gender') },
        ]}
      />
      {v.mode === 'all' && num('all', t('rp.age.everyone'))}
      {v.mode === 'gender' && (
        <>
          {num('female', t('rp.female'))}
          {num('male', t('rp.male'))}
        </>
      )}
    </Flex>
  );
}

function ageBoundRule(t: TFunction) {
  return {
    validator: async (_: unknown, v: AgeBoundValue | undefined) => {
      const problem = ageBoundProblem(v);
      if (problem) throw new Error(t(problem));
    },
  };
}

// ---------- the ethnic-minority alternative of a requirement ----------

/** A requirement's kind, minimum level and the lower level accepted from ethnic-minority cadres. */
export function RequirementFields({ prefix, form }: { prefix: (string | number)[]; form: FormInstance }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  const kind = Form.useWatch([...prefix, 'kind'], form) as string | undefined;
  const levels = levelsOf(ref, kind ?? '').map((l) => ({ value: l.code, label: l.name }));
  return (
    <>
      <Flex gap={12} wrap>
        <Form.Item
          name={[...prefix, 'kind']}
          label={t('rp.qualKind')}
          rules={[{ required: true, message: t('validation.required') }]}
          style={{ flex: '1 1 200px' }}
        >
          <Select
            options={kindOptions(ref, label)}
            onChange={() => {
              form.setFieldValue([...prefix, 'minLevel'], undefined);
              form.setFieldValue([...prefix, 'alternatives'], []);
            }}
          />
        </Form.Item>
        <Form.Item
          name={[...prefix, 'minLevel']}
          label={t('rp.minLevel')}
          extra={t('rp.orHigher')}
          rules={[{ required: true, message: t('validation.required') }]}
          style={{ flex: '1 1 200px' }}
        >
          <Select options={levels} disabled={!kind} />
        </Form.Item>
      </Flex>
      <Form.Item name={[...prefix, 'alternatives']} label={t('rp.alternative')} extra={t('rp.alternativeHint')}>
        <AlternativeInput levels={levels} />
      </Form.Item>
    </>
  );
}

function AlternativeInput({
  id,
  value,
  onChange,
  levels,
}: {
  id?: string;
  value?: Alternative[];
  onChange?: (v: Alternative[]) => void;
  levels: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const current = value?.find((a) => a.when === 'ethnic_minority')?.level ?? '';
  return (
    <Select
      id={id}
      value={current}
      options={[{ value: '', label: t('rp.alternativeNone') }, ...levels]}
      onChange={(level: string) => onChange?.(level ? [{ when: 'ethnic_minority', level }] : [])}
      style={{ maxWidth: 320 }}
    />
  );
}

function kindOptions(ref: Reference | undefined, label: (list: readonly Term[], code: string) => string) {
  const kinds = new Set((ref?.qualificationLevels ?? []).map((l) => l.kind));
  return QUALIFICATION_KINDS.filter((k) => kinds.has(k.code)).map((k) => ({ value: k.code, label: label(QUALIFICATION_KINDS, k.code) }));
}

// ---------- the form ----------

const req = (t: TFunction) => [{ required: true, message: t('validation.required') }];

/** The fields of one rule kind, under `params`. */
export function RuleParamsFields({ kind, form }: { kind: RuleKind; form: FormInstance }) {
  const { t, label } = useI18n();
  const { data: ref } = useReference();
  const programmes = useProgrammes();
  const titles = (ref?.titles ?? []).map((x) => ({ value: x.code, label: x.name }));
  const titleLevels = [...new Set((ref?.titles ?? []).map((x) => x.level))];
  const subject = Form.useWatch(['params', 'subject'], form) as string | undefined;
  const minYears = Form.useWatch(['params', 'minYears'], form) as number | null | undefined;
  const notHoldingKind = Form.useWatch(['params', 'kind'], form) as string | undefined;
  const search = { filterOption: foldedFilter };
  // age, service and appraisal conditions may bind some categories only (e.g. NĐ 101/2017 Điều 6)
  const scopeField = (
    <Form.Item name={['params', 'categories']} label={t('rp.scopeCategories')} extra={t('rp.scopeCategoriesHint')}>
      <Select
        mode="multiple"
        allowClear
        options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: label(PERSON_CATEGORIES, c.code) }))}
      />
    </Form.Item>
  );

  switch (kind) {
    case 'target_post':
      return (
        <>
          <Form.Item name={['params', 'titleCodes']} label={t('rp.titleCodes')} extra={t('rp.titleCodesHint')}>
            <Select mode="multiple" options={titles} showSearch={search} placeholder={t('rp.pickTitles')} />
          </Form.Item>
          <Form.Item label={t('rp.titleGroups')} extra={t('rp.titleGroupsHint')} style={{ marginBottom: 8 }}>
            <Form.List name={['params', 'titleGroups']}>
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="center" wrap>
                      <Form.Item name={[field.name, 'level']} rules={req(t)} style={{ marginBottom: 0, flex: '1 1 160px' }}>
                        <Select
                          aria-label={t('rp.titleGroupN', { n: i + 1 })}
                          options={titleLevels.map((l) => ({ value: l, label: t('rp.titleGroupLevel', { level: titleLevelLabel(t, l) }) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'leadershipOnly']} valuePropName="checked" style={{ marginBottom: 0 }}>
                        <Checkbox>{t('rp.leadershipOnly')}</Checkbox>
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('rp.removeGroupN', { n: i + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  ))}
                  <div>
                    <Button size="small" icon={<PlusOutlined />} onClick={() => add({ level: titleLevels[0], leadershipOnly: true })}>
                      {t('rp.addTitleGroup')}
                    </Button>
                  </div>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name={['params', 'includePlanned']} valuePropName="checked">
            <Checkbox>{t('rp.includePlanned')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'target_group':
      return (
        <Form.Item label={t('rp.anyOf')} extra={t('rp.anyOfHint')} required>
          <Form.List name={['params', 'anyOf']}>
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('rp.groupN', { n: i + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-label={t('rp.removeGroupN', { n: i + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    }
                  >
                    <Flex gap={12} wrap>
                      <Form.Item
                        name={[field.name, 'categories']}
                        label={t('rp.categories')}
                        style={{ flex: '1 1 220px', marginBottom: 8 }}
                      >
                        <Select
                          mode="multiple"
                          options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: label(PERSON_CATEGORIES, c.code) }))}
                          showSearch={search}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'unitLevel']} label={t('rp.unitLevel')} style={{ flex: '1 1 180px', marginBottom: 8 }}>
                        <Select
                          allowClear
                          placeholder={t('rp.unitLevelAny')}
                          options={(['commune', 'province'] as const).map((l) => ({ value: l, label: t(`rp.text.unitLevel.${l}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'rankCodes']} label={t('rp.rankCodes')} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                        <Select
                          mode="multiple"
                          options={(ref?.ranks ?? []).map((r) => ({ value: r.code, label: r.name }))}
                          showSearch={search}
                        />
                      </Form.Item>
                    </Flex>
                    <Form.Item name={[field.name, 'partyMember']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox>{t('rp.partyMemberOption')}</Checkbox>
                    </Form.Item>
                  </Card>
                ))}
                <Form.ErrorList errors={errors} />
                <div>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => add({ categories: [], rankCodes: [], partyMember: false })}>
                    {t('rp.addGroup')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      );
    case 'party_member':
      return (
        <>
          <Form.Item name={['params', 'status']} label={t('rp.partyStatus')} rules={req(t)}>
            <Radio.Group
              options={[
                { value: 'member', label: t('fact.required.member') },
                { value: 'official', label: t('fact.required.official') },
              ]}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name={['params', 'minYears']}
              label={t('rp.partyMinYears')}
              extra={t('rp.partyMinYearsHint')}
              style={{ flex: '0 1 220px' }}
            >
              <InputNumber min={0} max={60} precision={0} suffix={t('rp.years')} style={{ width: 160 }} />
            </Form.Item>
            {typeof minYears === 'number' && (
              <Form.Item name={['params', 'since']} label={t('rp.partySince')} style={{ flex: '1 1 220px' }}>
                <Radio.Group
                  options={[
                    { value: 'joined', label: t('rp.since.joined') },
                    { value: 'official', label: t('rp.since.official') },
                  ]}
                />
              </Form.Item>
            )}
          </Flex>
        </>
      );
    case 'min_qualification':
      return <RequirementFields prefix={['params']} form={form} />;
    case 'appraisal_streak':
      return (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name={['params', 'years']}
              label={t('rp.streakYears')}
              extra={t('rp.streakYearsHint')}
              rules={req(t)}
              style={{ flex: '0 1 220px' }}
            >
              <InputNumber min={1} max={10} precision={0} suffix={t('rp.years')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name={['params', 'minClassification']}
              label={t('rp.minClassification')}
              extra={t('rp.orHigher')}
              rules={req(t)}
              style={{ flex: '1 1 260px' }}
            >
              <Select
                options={APPRAISAL_CLASSIFICATIONS.map((c) => ({ value: c.code, label: label(APPRAISAL_CLASSIFICATIONS, c.code) }))}
              />
            </Form.Item>
          </Flex>
          {scopeField}
        </>
      );
    case 'age_limit':
      return (
        <>
          <Form.Item name={['params', 'min']} label={t('rp.ageMin')} rules={[ageBoundRule(t)]}>
            <AgeBoundInput aria-label={t('rp.ageMin')} />
          </Form.Item>
          <Form.Item name={['params', 'max']} label={t('rp.ageMax')} rules={[ageBoundRule(t)]}>
            <AgeBoundInput aria-label={t('rp.ageMax')} />
          </Form.Item>
          <Form.Item name={['params', 'modes']} label={t('rp.modes')} extra={t('rp.modesHint')}>
            <Checkbox.Group options={STUDY_MODES.map((m) => ({ value: m, label: t(`mode.${m}` as MessageKey) }))} />
          </Form.Item>
          {scopeField}
        </>
      );
    case 'min_service_years':
      return (
        <>
          <Form.Item name={['params', 'years']} label={t('rp.serviceYears')} extra={t('rp.serviceYearsHint')} rules={req(t)}>
            <InputNumber min={1} max={60} precision={0} suffix={t('rp.years')} style={{ width: 160 }} />
          </Form.Item>
          {scopeField}
        </>
      );
    case 'field_matches_job':
      return (
        <>
          <Form.Item name={['params', 'subject']} label={t('rp.subject')} extra={t('rp.subjectHint')} rules={req(t)}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={[
                { value: 'study_field', label: t('rp.subject.study_field') },
                { value: 'held_qualification', label: t('rp.subject.held_qualification') },
              ]}
            />
          </Form.Item>
          {subject === 'held_qualification' && (
            <Form.Item name={['params', 'minLevel']} label={t('rp.heldMinLevel')} extra={t('rp.heldMinLevelHint')}>
              <Select
                allowClear
                options={levelsOf(ref, 'education').map((l) => ({ value: l.code, label: l.name }))}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
          )}
        </>
      );
    case 'not_already_holding':
      return (
        <Flex gap={12} wrap>
          <Form.Item name={['params', 'kind']} label={t('rp.qualKind')} rules={req(t)} style={{ flex: '1 1 200px' }}>
            <Select options={kindOptions(ref, label)} onChange={() => form.setFieldValue(['params', 'level'], undefined)} />
          </Form.Item>
          <Form.Item
            name={['params', 'level']}
            label={t('rp.heldLevel')}
            extra={t('rp.heldLevelHint')}
            rules={req(t)}
            style={{ flex: '1 1 200px' }}
          >
            <Select
              options={levelsOf(ref, notHoldingKind ?? '').map((l) => ({ value: l.code, label: l.name }))}
              disabled={!notHoldingKind}
            />
          </Form.Item>
        </Flex>
      );
    case 'not_enrolled':
      return (
        <Form.Item name={['params', 'programmeCodes']} label={t('rp.programmeCodes')} extra={t('rp.programmeCodesHint')}>
          <Select
            mode="multiple"
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            showSearch={search}
          />
        </Form.Item>
      );
  }
}

// ---------- the params as text ----------

/** Lines of text for a version's params, with the names the reference tables give. */
export function ParamsText({ kind, params }: { kind: string; params: Params }) {
  const { t, label } = useI18n();
  const names = useCodeNames();
  const lines = describeParams({ t, label, names }, kind, params);
  return (
    <ul className="nt-params">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
