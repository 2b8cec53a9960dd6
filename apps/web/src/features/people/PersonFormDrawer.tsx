import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { ErrorDetail, PersonCreate, PersonDetail } from '@nang-tam/contracts';
import { FIELD_ERRORS } from '@nang-tam/contracts';
import { checkPersonFacts, GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES, todayInVietnam } from '@nang-tam/domain';
import { isApiError } from '../../api/client';
import { peopleApi } from '../../api/endpoints';
import { useReference } from '../../api/reference';
import { useI18n } from '../../i18n';
import { notInFuture, toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { applyServerErrors } from '../../shared/form-errors';
import { useIsMobile } from '../../shared/hooks';
import { foldedFilter } from '../../shared/select';
import { UnitPicker } from '../../shared/UnitPicker';

const UNKNOWN = 'unknown';

interface Values {
  fullName: string;
  citizenId: string;
  birthDate: Dayjs | null;
  gender: string | null;
  ethnicityCode: string | null;
  category: string | null;
  /** A PARTY_MEMBERSHIPS code, or UNKNOWN for "not known" (sent as null). */
  partyMembership: string;
  partyJoinedOn: Dayjs | null;
  partyOfficialOn: Dayjs | null;
  unitId: number | null;
  titleId: number | null;
  jobPositionId: number | null;
  rankId: number | null;
  managementScopeId: number | null;
  phone: string;
  email: string;
}

const FIELDS = [
  'fullName',
  'citizenId',
  'birthDate',
  'gender',
  'ethnicityCode',
  'category',
  'partyMembership',
  'partyJoinedOn',
  'partyOfficialOn',
  'unitId',
  'titleId',
  'jobPositionId',
  'rankId',
  'managementScopeId',
  'phone',
  'email',
] as const;

function fromPerson(p: PersonDetail): Values {
  return {
    fullName: p.fullName,
    citizenId: p.citizenId,
    birthDate: toDayjs(p.birthDate),
    gender: p.gender,
    ethnicityCode: p.ethnicity.code,
    category: p.category,
    partyMembership: p.partyMembership ?? UNKNOWN,
    partyJoinedOn: toDayjs(p.partyJoinedOn),
    partyOfficialOn: toDayjs(p.partyOfficialOn),
    unitId: p.unit.id,
    titleId: p.title?.id ?? null,
    jobPositionId: p.jobPosition?.id ?? null,
    rankId: p.rank?.id ?? null,
    managementScopeId: p.managementScope?.id ?? null,
    phone: p.phone ?? '',
    email: p.email ?? '',
  };
}

function toPayload(v: Values): PersonCreate {
  const text = (s: string | undefined | null) => {
    const x = (s ?? '').trim();
    return x === '' ? null : x;
  };
  return {
    fullName: v.fullName.trim().replace(/\s+/g, ' '),
    citizenId: v.citizenId.trim(),
    birthDate: toIso(v.birthDate) ?? '',
    gender: v.gender as PersonCreate['gender'],
    ethnicityCode: v.ethnicityCode ?? '',
    category: v.category as PersonCreate['category'],
    partyMembership: v.partyMembership === UNKNOWN ? null : (v.partyMembership as NonNullable<PersonCreate['partyMembership']>),
    partyJoinedOn: toIso(v.partyJoinedOn),
    partyOfficialOn: toIso(v.partyOfficialOn),
    unitId: v.unitId ?? 0,
    titleId: v.titleId ?? null,
    jobPositionId: v.jobPositionId ?? null,
    rankId: v.rankId ?? null,
    managementScopeId: v.managementScopeId ?? null,
    phone: text(v.phone),
    email: text(v.email),
  };
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Edit this person; without it, create a new one. */
  person?: PersonDetail;
  /** Re-reads the person after a conflict. */
  onReload?: () => Promise<PersonDetail | undefined>;
  defaultUnit?: { id: number; name: string };
  onSaved: (p: PersonDetail) => void;
}

/** Create or edit a person record (all PersonUpdate fields). */
export function PersonFormDrawer(props: Props) {
  const isMobile = useIsMobile();
  const { t } = useI18n();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      destroyOnHidden
      size={isMobile ? '100%' : 760}
      title={props.person ? t('personForm.editTitle', { name: props.person.fullName }) : t('personForm.createTitle')}
    >
      {props.open && <PersonForm {...props} />}
    </Drawer>
  );
}

function PersonForm({ person, onClose, onReload, defaultUnit, onSaved }: Props) {
  const { t, locale, label } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { data: ref } = useReference();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(person?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const [unitLabel, setUnitLabel] = useState(person?.unit.name ?? defaultUnit?.name);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      person
        ? fromPerson(person)
        : {
            fullName: '',
            citizenId: '',
            unitId: defaultUnit?.id ?? null,
            partyMembership: UNKNOWN,
            ethnicityCode: ref?.ethnicities.find((e) => !e.minority)?.code ?? null,
            phone: '',
            email: '',
          },
    // Only the record as it was when the form opened.
    [],
  );

  const save = useMutation({
    mutationFn: (body: PersonCreate) => (person ? peopleApi.update(person.id, { ...body, version }) : peopleApi.create(body)),
    onSuccess: (saved) => {
      qc.setQueryData(['people', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['people', 'list'] });
      void qc.invalidateQueries({ queryKey: ['people', saved.id, 'audit'] });
      void qc.invalidateQueries({ queryKey: ['units'] });
      message.success(person ? t('personForm.saved') : t('personForm.created', { name: saved.fullName }));
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
      form.setFieldsValue(fromPerson(fresh));
      setUnitLabel(fresh.unit.name);
      setVersion(fresh.version);
      setConflict(false);
      save.reset();
    },
  });

  const onFinish = (v: Values) => {
    setOtherErrors([]);
    const body = toPayload(v);
    // The same cross-field rules the server applies, checked before sending.
    const problems = checkPersonFacts(
      {
        birthDate: body.birthDate,
        partyMembership: body.partyMembership ?? null,
        partyJoinedOn: body.partyJoinedOn,
        partyOfficialOn: body.partyOfficialOn,
        category: body.category,
      },
      todayInVietnam(),
    );
    if (problems.length) {
      form.setFields(
        problems.map((p) => ({
          name: p.field as keyof Values,
          errors: [(FIELD_ERRORS as Record<string, { vi: string; en: string } | undefined>)[p.code]?.[locale] ?? p.code],
        })),
      );
      return;
    }
    save.mutate(body);
  };

  const required = { required: true, message: t('validation.required') };
  const col = isMobile ? 24 : 12;
  const refOptions = (list: { id: number; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.name }));
  const selectProps = { allowClear: true, showSearch: { filterOption: foldedFilter }, placeholder: t('common.choose') } as const;
  const dateProps = {
    format: VI_DATE_FORMATS,
    placeholder: t('common.datePlaceholder'),
    style: { width: '100%' },
    disabledDate: notInFuture,
  } as const;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      name="person"
      scrollToFirstError={{ block: 'center' }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('personForm.conflictTitle')}
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
                  <li key={i}>
                    {d.path}: {fieldErrorMessage(d, locale)}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('personForm.sectionPersonal')}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="fullName" label={t('person.fullName')} rules={[{ ...required, whitespace: true }, { max: 120, message: t('validation.tooLong') }]}>
            <Input autoComplete="off" maxLength={120} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item
            name="citizenId"
            label={t('person.citizenId')}
            rules={[required, { pattern: /^\d{12}$/, message: t('validation.citizenId') }]}
          >
            <Input inputMode="numeric" maxLength={12} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="birthDate" label={t('person.birthDate')} rules={[required]}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="gender" label={t('person.gender')} rules={[required]}>
            <Select placeholder={t('common.choose')} options={GENDERS.map((g) => ({ value: g.code, label: label(GENDERS, g.code) }))} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="ethnicityCode" label={t('person.ethnicity')} rules={[required]}>
            <Select {...selectProps} allowClear={false} options={(ref?.ethnicities ?? []).map((e) => ({ value: e.code, label: e.name }))} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="category" label={t('person.category')} rules={[required]}>
            <Select
              placeholder={t('common.choose')}
              options={PERSON_CATEGORIES.map((c) => ({ value: c.code, label: label(PERSON_CATEGORIES, c.code) }))}
            />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="phone" label={t('person.phone')} rules={[{ pattern: /^[0-9+ .()-]{6,20}$/, message: t('validation.phone') }]}>
            <Input inputMode="tel" autoComplete="off" maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="email" label={t('person.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input inputMode="email" autoComplete="off" maxLength={120} />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5}>{t('personForm.sectionParty')}</Typography.Title>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="partyMembership" label={t('person.partyMembership')} extra={t('personForm.partyMembershipHint')}>
            <Select
              options={[
                ...PARTY_MEMBERSHIPS.map((m) => ({ value: m.code, label: label(PARTY_MEMBERSHIPS, m.code) })),
                { value: UNKNOWN, label: t('person.partyUnknown') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="partyJoinedOn" label={t('person.partyJoinedOn')}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="partyOfficialOn" label={t('person.partyOfficialOn')}>
            <DatePicker {...dateProps} />
          </Form.Item>
        </Col>
      </Row>

      <Typography.Title level={5}>{t('personForm.sectionWork')}</Typography.Title>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="unitId" label={t('person.unit')} rules={[required]}>
            <UnitPicker initialLabel={unitLabel} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="titleId" label={t('person.title')}>
            <Select {...selectProps} options={refOptions(ref?.titles)} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="jobPositionId" label={t('person.jobPosition')}>
            <Select {...selectProps} options={refOptions(ref?.jobPositions)} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="rankId" label={t('person.rank')}>
            <Select {...selectProps} options={refOptions(ref?.ranks)} />
          </Form.Item>
        </Col>
        <Col span={col}>
          <Form.Item name="managementScopeId" label={t('person.managementScope')}>
            <Select {...selectProps} options={refOptions(ref?.managementScopes)} />
          </Form.Item>
        </Col>
      </Row>

      <Flex
        gap={8}
        justify="flex-end"
        style={{ position: 'sticky', bottom: -24, zIndex: 5, background: '#fff', padding: '12px 0 16px', borderTop: '1px solid #f0f0f0' }}
      >
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={conflict}>
          {person ? t('action.save') : t('personForm.createSubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
