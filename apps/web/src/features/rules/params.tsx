/**
 * The parameters of each rule kind (packages/domain/src/rules/types.ts) as form fields, and the
 * same parameters as Vietnamese text for the version history: no JSON, no raw codes.
 *
 * The form keeps the API's shape under `params` (so the server's paths, e.g. `params.minYears` or
 * `params.anyOf[1].rankCodes[0]`, name form fields), except for the age bounds and the
 * ethnic-minority alternative, which have their own small inputs (see paramsToForm / formToParams).
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
import { useCodeNames, type CodeNames } from '../eligibility/common';

export type RuleKind =
  | 'target_post'
  | 'target_group'
  | 'party_member'
  | 'min_qualification'
  | 'appraisal_streak'
  | 'age_limit'
  | 'min_service_years'
  | 'field_matches_job'
  | 'not_already_holding'
  | 'not_enrolled';

export type Params = Record<string, unknown>;

const STUDY_MODES = ['full_time', 'part_time', 'online'] as const;

// ---------- age bounds ----------

/** An age bound as the form holds it: none, one figure for everyone, or one per gender. */
export interface AgeBoundValue {
  mode: 'none' | 'all' | 'gender';
  all?: number | null;
  male?: number | null;
  female?: number | null;
}

function toAgeBoundValue(b: unknown): AgeBoundValue {
  if (typeof b === 'number') return { mode: 'all', all: b };
  if (b && typeof b === 'object' && 'male' in b && 'female' in b) {
    const o = b as { male: number; female: number };
    return { mode: 'gender', male: o.male, female: o.female };
  }
  return { mode: 'none' };
}

function fromAgeBoundValue(v: AgeBoundValue | undefined): number | { male: number; female: number } | undefined {
  if (!v || v.mode === 'none') return undefined;
  if (v.mode === 'all') return v.all ?? undefined;
  if (v.male === null || v.male === undefined || v.female === null || v.female === undefined) return undefined;
  return { male: v.male, female: v.female };
}

function AgeBoundInput({ id, value, onChange, 'aria-label': ariaLabel }: { id?: string; value?: AgeBoundValue; onChange?: (v: AgeBoundValue) => void; 'aria-label'?: string }) {
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
      if (!v || v.mode === 'none') return;
      if (v.mode === 'all' && (v.all === null || v.all === undefined)) throw new Error(t('rp.age.enter'));
      if (v.mode === 'gender' && (v.male === null || v.male === undefined || v.female === null || v.female === undefined)) throw new Error(t('rp.age.enterBoth'));
    },
  };
}

// ---------- the ethnic-minority alternative of a requirement ----------

interface Alternative {
  when: 'ethnic_minority';
  level: string;
}

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

function AlternativeInput({ id, value, onChange, levels }: { id?: string; value?: Alternative[]; onChange?: (v: Alternative[]) => void; levels: { value: string; label: string }[] }) {
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

// ---------- form ↔ API ----------

/** The form's values under `params` for a version's params. */
export function paramsToForm(kind: RuleKind, params: Params): Params {
  switch (kind) {
    case 'target_post':
      return { titleCodes: params.titleCodes ?? [], titleGroups: params.titleGroups ?? [], includePlanned: params.includePlanned ?? true };
    case 'target_group':
      return { anyOf: (params.anyOf as Params[] | undefined)?.map((o) => ({ categories: o.categories ?? [], rankCodes: o.rankCodes ?? [], partyMember: o.partyMember === true })) ?? [] };
    case 'party_member':
      return { status: params.status ?? 'member', minYears: params.minYears ?? null, since: params.since ?? 'joined' };
    case 'min_qualification':
      return { kind: params.kind, minLevel: params.minLevel, alternatives: params.alternatives ?? [] };
    case 'appraisal_streak':
      return { minClassification: params.minClassification ?? 'good', years: params.years ?? 2 };
    case 'age_limit':
      return { min: toAgeBoundValue(params.min), max: toAgeBoundValue(params.max), modes: params.modes ?? [] };
    case 'min_service_years':
      return { years: params.years ?? null };
    case 'field_matches_job':
      return { subject: params.subject ?? 'study_field', minLevel: params.minLevel };
    case 'not_already_holding':
      return { kind: params.kind, level: params.level };
    case 'not_enrolled':
      return { programmeCodes: params.programmeCodes ?? [] };
  }
}

const nonEmpty = <T,>(a: T[] | undefined): T[] | undefined => (a && a.length > 0 ? a : undefined);

/** Drops undefined members (the API's objects are strict: absent, not null). */
function clean(o: Params): Params {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/** The API's params from the form's values under `params`. */
export function formToParams(kind: RuleKind, f: Params): Params {
  switch (kind) {
    case 'target_post':
      return clean({
        titleCodes: nonEmpty(f.titleCodes as string[]),
        titleGroups: nonEmpty((f.titleGroups as { level?: string; leadershipOnly?: boolean }[] | undefined)?.map((g) => clean({ level: g.level, leadershipOnly: g.leadershipOnly || undefined }))),
        includePlanned: f.includePlanned === true,
      });
    case 'target_group':
      return {
        anyOf: ((f.anyOf as Params[] | undefined) ?? []).map((o) =>
          clean({ categories: nonEmpty(o.categories as string[]), rankCodes: nonEmpty(o.rankCodes as string[]), partyMember: o.partyMember === true ? true : undefined }),
        ),
      };
    case 'party_member': {
      const minYears = typeof f.minYears === 'number' ? f.minYears : undefined;
      return clean({ status: f.status, minYears, since: minYears !== undefined ? f.since : undefined });
    }
    case 'min_qualification':
      return clean({ kind: f.kind, minLevel: f.minLevel, alternatives: nonEmpty(f.alternatives as Alternative[]) });
    case 'appraisal_streak':
      return clean({ minClassification: f.minClassification, years: f.years });
    case 'age_limit':
      return clean({
        min: fromAgeBoundValue(f.min as AgeBoundValue),
        max: fromAgeBoundValue(f.max as AgeBoundValue),
        modes: nonEmpty(f.modes as string[]),
      });
    case 'min_service_years':
      return clean({ years: f.years });
    case 'field_matches_job':
      return clean({ subject: f.subject, minLevel: f.subject === 'held_qualification' ? f.minLevel : undefined });
    case 'not_already_holding':
      return clean({ kind: f.kind, level: f.level });
    case 'not_enrolled':
      return clean({ programmeCodes: nonEmpty(f.programmeCodes as string[]) });
  }
}

// ---------- the form ----------

const req = (t: TFunction) => [{ required: true, message: t('validation.required') }];

function titleLevelLabel(t: TFunction, level: string): string {
  return level === 'province' || level === 'commune' ? t(`rp.titleLevel.${level}` as MessageKey) : level;
}

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
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rp.removeGroupN', { n: i + 1 })} onClick={() => remove(field.name)} />
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
                    extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('rp.removeGroupN', { n: i + 1 })} onClick={() => remove(field.name)} />}
                  >
                    <Flex gap={12} wrap>
                      <Form.Item name={[field.name, 'categories']} label={t('rp.categories')} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                        <Select mode="multiple" options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: label(PERSON_CATEGORIES, c.code) }))} showSearch={search} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'rankCodes']} label={t('rp.rankCodes')} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                        <Select mode="multiple" options={(ref?.ranks ?? []).map((r) => ({ value: r.code, label: r.name }))} showSearch={search} />
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
            <Form.Item name={['params', 'minYears']} label={t('rp.partyMinYears')} extra={t('rp.partyMinYearsHint')} style={{ flex: '0 1 220px' }}>
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
        <Flex gap={12} wrap>
          <Form.Item name={['params', 'years']} label={t('rp.streakYears')} extra={t('rp.streakYearsHint')} rules={req(t)} style={{ flex: '0 1 220px' }}>
            <InputNumber min={1} max={10} precision={0} suffix={t('rp.years')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name={['params', 'minClassification']} label={t('rp.minClassification')} extra={t('rp.orHigher')} rules={req(t)} style={{ flex: '1 1 260px' }}>
            <Select options={APPRAISAL_CLASSIFICATIONS.map((c) => ({ value: c.code, label: label(APPRAISAL_CLASSIFICATIONS, c.code) }))} />
          </Form.Item>
        </Flex>
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
        </>
      );
    case 'min_service_years':
      return (
        <Form.Item name={['params', 'years']} label={t('rp.serviceYears')} extra={t('rp.serviceYearsHint')} rules={req(t)}>
          <InputNumber min={1} max={60} precision={0} suffix={t('rp.years')} style={{ width: 160 }} />
        </Form.Item>
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
              <Select allowClear options={levelsOf(ref, 'education').map((l) => ({ value: l.code, label: l.name }))} style={{ maxWidth: 320 }} />
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
          <Form.Item name={['params', 'level']} label={t('rp.heldLevel')} extra={t('rp.heldLevelHint')} rules={req(t)} style={{ flex: '1 1 200px' }}>
            <Select options={levelsOf(ref, notHoldingKind ?? '').map((l) => ({ value: l.code, label: l.name }))} disabled={!notHoldingKind} />
          </Form.Item>
        </Flex>
      );
    case 'not_enrolled':
      return (
        <Form.Item name={['params', 'programmeCodes']} label={t('rp.programmeCodes')} extra={t('rp.programmeCodesHint')}>
          <Select mode="multiple" options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))} showSearch={search} />
        </Form.Item>
      );
  }
}

// ---------- the params as text ----------

export interface DescribeContext {
  t: TFunction;
  label: (list: readonly Term[], code: string | null | undefined) => string;
  names: CodeNames;
}

function ageBoundText(t: TFunction, b: unknown, which: 'min' | 'max'): string | null {
  if (typeof b === 'number') return t(`rp.text.${which}All` as MessageKey, { n: b });
  if (b && typeof b === 'object' && 'male' in b && 'female' in b) {
    const o = b as { male: number; female: number };
    return t(`rp.text.${which}Gender` as MessageKey, { female: o.female, male: o.male });
  }
  return null;
}

function requirementText(ctx: DescribeContext, p: Params, withKind = true): string[] {
  const { t, label, names } = ctx;
  const kind = String(p.kind ?? '');
  const level = names.level(kind, String(p.minLevel ?? ''));
  const lines = [withKind ? t('rp.text.requirement', { kind: label(QUALIFICATION_KINDS, kind), level }) : t('rp.text.levelOrHigher', { level })];
  for (const a of (p.alternatives as Alternative[] | undefined) ?? []) {
    if (a.when === 'ethnic_minority') lines.push(t('rp.text.alternative', { level: names.level(kind, a.level) }));
  }
  return lines;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A version's params in Vietnamese (or English), one line each. */
export function describeParams(ctx: DescribeContext, kind: string, p: Params): string[] {
  const { t, label, names } = ctx;
  switch (kind as RuleKind) {
    case 'target_post': {
      const lines: string[] = [];
      const codes = (p.titleCodes as string[] | undefined) ?? [];
      if (codes.length > 0) lines.push(t('rp.text.titles', { list: codes.map(names.title).join('; ') }));
      for (const g of (p.titleGroups as { level: string; leadershipOnly?: boolean }[] | undefined) ?? []) {
        lines.push(t(g.leadershipOnly ? 'rp.text.groupLeaders' : 'rp.text.groupAll', { level: titleLevelLabel(t, g.level) }));
      }
      lines.push(t(p.includePlanned ? 'rp.text.includePlanned' : 'rp.text.holdersOnly'));
      return lines;
    }
    case 'target_group': {
      const options = ((p.anyOf as Params[] | undefined) ?? []).map((o) => {
        const parts: string[] = [];
        const cats = (o.categories as string[] | undefined) ?? [];
        if (cats.length > 0) parts.push(cats.map((c) => label(PERSON_CATEGORIES, c)).join(t('rp.text.or')));
        const ranks = (o.rankCodes as string[] | undefined) ?? [];
        if (ranks.length > 0) parts.push(t('rp.text.ranks', { list: ranks.map(names.rank).join(', ') }));
        if (o.partyMember === true) parts.push(t('rp.text.partyMember'));
        return upperFirst(parts.join(t('rp.text.and')));
      });
      return options.length === 1 ? [options[0]!] : [t('rp.text.anyOf'), ...options.map((o, i) => `${i + 1}) ${o}`)];
    }
    case 'party_member': {
      const lines = [t(p.status === 'official' ? 'fact.required.official' : 'fact.required.member')];
      if (typeof p.minYears === 'number') {
        lines.push(t('rp.text.partyYears', { n: p.minYears, since: t(p.since === 'official' ? 'rp.since.official' : 'rp.since.joined') }));
      }
      return lines;
    }
    case 'min_qualification':
      return requirementText(ctx, p);
    case 'appraisal_streak':
      return [t('rp.text.streak', { classification: label(APPRAISAL_CLASSIFICATIONS, String(p.minClassification ?? '')), n: Number(p.years) })];
    case 'age_limit': {
      const lines = [ageBoundText(t, p.min, 'min'), ageBoundText(t, p.max, 'max')].filter((x): x is string => x !== null);
      const modes = (p.modes as string[] | undefined) ?? [];
      lines.push(modes.length > 0 ? t('rp.text.modes', { list: modes.map((m) => t(`mode.${m}` as MessageKey)).join(', ') }) : t('rp.text.allModes'));
      return lines;
    }
    case 'min_service_years':
      return [t('rp.text.service', { n: Number(p.years) })];
    case 'field_matches_job':
      return p.subject === 'held_qualification'
        ? [
            t('rp.text.fieldHeld'),
            ...(typeof p.minLevel === 'string' ? [t('rp.text.fieldHeldLevel', { level: names.level('education', p.minLevel) })] : []),
          ]
        : [t('rp.text.fieldStudy')];
    case 'not_already_holding': {
      const k = String(p.kind ?? '');
      return [t('rp.text.notHolding', { kind: lowerFirst(label(QUALIFICATION_KINDS, k)), level: names.level(k, String(p.level ?? '')) })];
    }
    case 'not_enrolled': {
      const codes = (p.programmeCodes as string[] | undefined) ?? [];
      return [codes.length > 0 ? t('rp.text.notEnrolled', { list: codes.map(names.programme).join('; ') }) : t('rp.text.notEnrolledSelf')];
    }
    default:
      return [];
  }
}

/** The requirement of a standard as text (same wording as a minimum-qualification rule). */
export function describeRequirement(
  ctx: DescribeContext,
  r: { kind: string; minLevel: string; alternatives: { when: string; level: string }[] },
  withKind = true,
): string[] {
  return requirementText(ctx, { kind: r.kind, minLevel: r.minLevel, alternatives: r.alternatives }, withKind);
}

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
