/**
 * Create a programme, or change one: every change is a new version from an effective date, with
 * the reason and the source document. Server field errors land under the field their path names.
 */
import { useState } from 'react';
import { Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Typography, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { CatalogueProgrammeDetail, ErrorDetail, ProgrammeCreateInput, ProgrammeVersionInput } from '@nang-tam/contracts';
import { catalogueApi, useCatalogueVocabulary } from '../../api/catalogue';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { foldedFilter } from '../../shared/select';
import { FormErrorBanner, placeServerErrors } from '../rules/versioning';
import { vocabLabel } from './common';

const MODES = ['full_time', 'part_time', 'online'] as const;

interface Values {
  code: string;
  name: string;
  kind: string;
  level: string | null;
  duration: { value: number | null; unit: string };
  modes: string[];
  targetGroups: string[];
  grants: string | null;
  organiserType: string;
  defaultInstitution: string;
  admissionDeadlineMonths: number | null;
  note: string;
  source: { code: string; title: string; issuer: string; issuedOn: Dayjs | null; article: string };
  effectiveFrom: Dayjs | null;
  reason: string;
}

const grantsKey = (g: { kind: string; level: string } | null | undefined) => (g ? `${g.kind}/${g.level}` : null);

function initialValues(from: CatalogueProgrammeDetail | null): Partial<Values> {
  const c = from?.current;
  return {
    code: '',
    name: c?.name ?? '',
    kind: c?.kind,
    level: c?.level?.code ?? null,
    duration: { value: c?.duration?.value ?? null, unit: c?.duration?.unit ?? 'day' },
    modes: c?.modes ?? ['full_time'],
    targetGroups: c?.targetGroups.map((g) => g.code) ?? [],
    grants: grantsKey(c?.grants),
    organiserType: c?.organiserType ?? 'provincial_school',
    defaultInstitution: c?.defaultInstitution ?? '',
    admissionDeadlineMonths: c?.deadline?.months ?? null,
    note: c?.note ?? '',
    source: {
      code: c?.source.code ?? '',
      title: c?.source.title ?? '',
      issuer: c?.source.issuer ?? '',
      issuedOn: toDayjs(c?.source.issuedOn),
      article: c?.source.article ?? '',
    },
    effectiveFrom: null,
    reason: '',
  };
}

function bodyOf(v: Values) {
  const [gKind, gLevel] = v.grants ? v.grants.split('/') : [];
  return {
    name: v.name,
    kind: v.kind,
    level: v.level ?? null,
    duration:
      v.duration?.value === null || v.duration?.value === undefined ? null : { value: v.duration.value, unit: v.duration.unit as 'day' },
    modes: v.modes ?? [],
    targetGroups: v.targetGroups ?? [],
    grants: gKind && gLevel ? { kind: gKind, level: gLevel } : null,
    organiserType: v.organiserType,
    defaultInstitution: v.defaultInstitution?.trim() ? v.defaultInstitution.trim() : null,
    admissionDeadlineMonths: v.admissionDeadlineMonths ?? null,
    note: v.note?.trim() ? v.note.trim() : null,
    source: {
      code: v.source.code,
      title: v.source.title,
      issuer: v.source.issuer,
      issuedOn: toIso(v.source.issuedOn) ?? '',
      ...(v.source.article?.trim() ? { article: v.source.article.trim() } : {}),
    },
    effectiveFrom: toIso(v.effectiveFrom) ?? '',
    reason: v.reason,
  };
}

/** `programme` null: a new programme; else a new version of it, starting from its latest content. */
export function ProgrammeFormModal({
  programme,
  onClose,
  onSaved,
}: {
  programme: CatalogueProgrammeDetail | null;
  onClose: () => void;
  onSaved: (code: string) => void;
}) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const vocab = useCatalogueVocabulary();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const latest = programme ? { ...programme, current: programme.versions[programme.versions.length - 1]! } : null;
  const organiser = Form.useWatch('organiserType', form);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      programme
        ? catalogueApi.addVersion(programme.code, { ...bodyOf(v), basedOnVersion: latest!.current.version } as ProgrammeVersionInput)
        : catalogueApi.create({ ...bodyOf(v), code: v.code.trim() } as ProgrammeCreateInput),
    onSuccess: async (d) => {
      message.success(t(programme ? 'catalogue.versionSaved' : 'catalogue.created'));
      await Promise.all([qc.invalidateQueries({ queryKey: ['catalogue'] }), qc.invalidateQueries({ queryKey: ['programmes'] })]);
      onSaved(d.code);
    },
  });
  const submit = async (v: Values) => {
    setTopError(null);
    setOtherErrors([]);
    try {
      await mutation.mutateAsync(v);
    } catch (e) {
      setTopError(errorMessage(e, locale));
      setOtherErrors(placeServerErrors(form, e, locale));
    }
  };
  const req = [{ required: true, whitespace: true, message: t('validation.required') }];
  const options = (list: { code: string; label: string }[] | undefined, prefix?: string, table?: 'targetGroups' | 'levels') =>
    (list ?? []).map((x) => ({
      value: x.code,
      label: prefix ? t(`${prefix}.${x.code}` as MessageKey) : table ? vocabLabel(table, x, locale) : x.label,
    }));

  return (
    <Modal
      open
      title={programme ? t('catalogue.addVersionTitle', { name: programme.current.name }) : t('catalogue.createTitle')}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      width={820}
      destroyOnHidden
    >
      {programme && (
        <Typography.Paragraph type="secondary">{t('catalogue.versionHint', { n: latest!.current.version + 1 })}</Typography.Paragraph>
      )}
      <FormErrorBanner message={topError} other={otherErrors} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="programme-form"
        onFinish={(v) => void submit(v)}
        initialValues={initialValues(latest)}
      >
        {!programme && (
          <Form.Item name="code" label={t('catalogue.code')} rules={req} extra={t('catalogue.codeHint')}>
            <Input maxLength={40} style={{ maxWidth: 280 }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('catalogue.name')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="kind"
            label={t('catalogue.kind')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: '2 1 260px' }}
          >
            <Select
              options={options(vocab.data?.kinds, 'catalogue.kindLabel')}
              loading={vocab.isPending}
              showSearch={{ filterOption: foldedFilter }}
            />
          </Form.Item>
          <Form.Item name="level" label={t('catalogue.level')} style={{ flex: '1 1 180px' }}>
            <Select
              allowClear
              options={options(vocab.data?.levels, undefined, 'levels')}
              showSearch={{ filterOption: foldedFilter }}
              placeholder={t('common.none')}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name={['duration', 'value']} label={t('catalogue.duration')} style={{ flex: '1 1 140px' }}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={['duration', 'unit']} label={t('catalogue.durationUnit')} style={{ flex: '1 1 140px' }}>
            <Select
              options={(vocab.data?.durationUnits ?? []).map((u) => ({
                value: u.code,
                label: t(`catalogue.unit.${u.code}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item name="modes" label={t('catalogue.modes')} style={{ flex: '2 1 300px' }}>
            <Checkbox.Group options={MODES.map((m) => ({ value: m, label: t(`mode.${m}` as MessageKey) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="targetGroups" label={t('catalogue.targetGroups')}>
          <Select
            mode="multiple"
            options={options(vocab.data?.targetGroups, undefined, 'targetGroups')}
            showSearch={{ filterOption: foldedFilter }}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="grants" label={t('catalogue.grants')} style={{ flex: '1 1 260px' }}>
            <Select
              allowClear
              placeholder={t('common.none')}
              showSearch={{ filterOption: foldedFilter }}
              options={(vocab.data?.qualifications ?? []).map((q) => ({
                value: `${q.kind}/${q.level}`,
                label: `${t(`catalogue.qualificationKind.${q.kind}` as MessageKey)}: ${q.label}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="admissionDeadlineMonths"
            label={t('catalogue.deadline')}
            extra={t('catalogue.deadlineHint')}
            style={{ flex: '1 1 220px' }}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="organiserType"
            label={t('catalogue.organiser')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: '1 1 240px' }}
          >
            <Select options={options(vocab.data?.organiserTypes, 'catalogue.organiserLabel')} />
          </Form.Item>
          <Form.Item
            name="defaultInstitution"
            label={t('catalogue.institution')}
            extra={organiser === 'outside_institution' ? t('catalogue.institutionRequired') : undefined}
            style={{ flex: '2 1 300px' }}
          >
            <Input maxLength={300} placeholder="Học viện Chính trị quốc gia Hồ Chí Minh" />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('catalogue.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <fieldset className="nt-fieldset">
          <legend>{t('catalogue.versionLegend')}</legend>
          <Flex gap={12} wrap>
            <Form.Item
              name="effectiveFrom"
              label={t('catalogue.effectiveFrom')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '1 1 180px' }}
            >
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('catalogue.reason')} rules={req} style={{ flex: '3 1 320px' }}>
              <Input maxLength={1000} />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name={['source', 'code']} label={t('rules.sourceCode')} rules={req} style={{ flex: '1 1 180px' }}>
              <Input maxLength={100} placeholder="145-QĐ/TW" />
            </Form.Item>
            <Form.Item name={['source', 'issuer']} label={t('rules.issuer')} rules={req} style={{ flex: '1 1 180px' }}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={['source', 'issuedOn']}
              label={t('rules.issuedOn')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '1 1 160px' }}
            >
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name={['source', 'title']} label={t('rules.sourceTitle')} rules={req}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name={['source', 'article']} label={t('rules.article')}>
            <Input maxLength={200} />
          </Form.Item>
        </fieldset>
      </Form>
    </Modal>
  );
}
