/**
 * What the rule and standard editors share: the version fields (document, period, change from a
 * date or correction), server errors placed at the form field their path names, the row of a
 * versioned item (a toggle for its history and an "add version" button side by side, never one
 * inside the other) and the version history. Their logic without React is versions.ts.
 */
import { useId, useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Radio, Select, Table, Tag, Typography, type FormInstance, type TableColumnsType } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import type { ErrorDetail } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';
import { fieldErrorMessage } from '../../shared/errors';
import { VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate, formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/hooks';
import { SourceText } from '../eligibility/common';
import { summaryOf, type MetaValues, type Segment, type VersionLike, type Versioned } from './versions';

export {
  clearErrors,
  fieldForPath,
  invalidateAnswers,
  metaFromVersion,
  pathSegments,
  placeServerErrors,
  summaryOf,
  versionBody,
  versionedState,
} from './versions';
export type { MetaValues, VersionLike, Versioned, VersionedState } from './versions';

/** The grey line under a row's text: source and period, how many versions, a later change, the state. */
export function VersionSummaryMeta({ item, asOf, withArticle = false }: { item: Versioned<VersionLike>; asOf: string; withArticle?: boolean }) {
  const { t } = useI18n();
  const { shown, state, next } = summaryOf(item, asOf);
  return (
    <span className="nt-rule-meta">
      {shown && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('source.label')}: <strong>{shown.source.code}</strong>
          {withArticle && shown.source.article ? `, ${shown.source.article}` : ''} ·{' '}
          {`${formatDate(shown.period.from)} – ${shown.period.to ? formatDate(shown.period.to) : t('source.open')}`}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        · {t('rules.versions', { n: item.versions.length })}
      </Typography.Text>
      {next && (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('rules.nextFrom', { date: formatDate(next.period.from) })}
        </Tag>
      )}
      {state !== 'in_force' && (
        <Tag color={state === 'future' ? 'gold' : undefined} style={{ marginInlineEnd: 0 }}>
          {t(state === 'future' ? 'rules.notYet' : 'rules.inactive')}
        </Tag>
      )}
    </span>
  );
}

/** The error banner above a version form: the server's message and the problems that name no field. */
export function FormErrorBanner({ message, other }: { message: string | null; other: readonly ErrorDetail[] }) {
  const { locale } = useI18n();
  if (!message) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      description={other.length > 0 ? other.map((d) => (d.path ? `${d.path}: ${fieldErrorMessage(d, locale)}` : fieldErrorMessage(d, locale))).join('; ') : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * How the new version relates to the others (a change from a date, or a correction of one version
 * over its own period), then the document, the period and a note. `onCorrect` fills the form from
 * the version chosen for correction (its content is the starting point).
 */
export function VersionMetaFields({
  form,
  versions,
  onCorrect,
  children,
}: {
  form: FormInstance;
  versions: readonly VersionLike[];
  onCorrect: (v: VersionLike | undefined) => void;
  /** The content fields (params, requirement), shown after the description. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const mode = Form.useWatch('mode', form) as MetaValues['mode'] | undefined;
  const correcting = mode === 'correct';
  const active = versions.filter((v) => v.active);
  const req = [{ required: true, whitespace: true, message: t('validation.required') }];
  const dateItem = (name: Segment[], label: string, required: boolean, extra?: string, disabled = false) => (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={required ? [{ required: true, message: t('validation.required') }] : []}
      style={{ flex: '1 1 180px' }}
    >
      <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} disabled={disabled} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="mode" label={t('rules.mode')} style={{ marginBottom: correcting ? 8 : undefined }}>
        <Radio.Group
          onChange={(e) => {
            if (e.target.value === 'change') onCorrect(undefined);
            else form.setFieldValue('corrects', null);
          }}
          options={[
            { value: 'change', label: t('rules.mode.change') },
            { value: 'correct', label: t('rules.mode.correct'), disabled: active.length === 0 },
          ]}
        />
      </Form.Item>
      {correcting && (
        <Form.Item name="corrects" label={t('rules.correctsField')} extra={t('rules.correctsHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            style={{ maxWidth: 420 }}
            onChange={(n: number) => onCorrect(active.find((v) => v.version === n))}
            options={active.map((v) => ({
              value: v.version,
              label: `${t('rules.version', { n: v.version })} · ${formatDate(v.period.from)} – ${v.period.to ? formatDate(v.period.to) : t('source.open')} · ${v.source.code}`,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('rules.description')} rules={req}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      <fieldset className="nt-fieldset">
        <legend>{t('rules.content')}</legend>
        {children}
      </fieldset>
      <Flex gap={12} wrap>
        <Form.Item name={['source', 'code']} label={t('rules.sourceCode')} rules={req} style={{ flex: '1 1 180px' }}>
          <Input maxLength={100} placeholder="350-QĐ/TW" />
        </Form.Item>
        <Form.Item name={['source', 'issuer']} label={t('rules.issuer')} rules={req} style={{ flex: '1 1 180px' }}>
          <Input maxLength={200} />
        </Form.Item>
        {dateItem(['source', 'issuedOn'], t('rules.issuedOn'), true)}
      </Flex>
      <Form.Item name={['source', 'title']} label={t('rules.sourceTitle')} rules={req}>
        <Input maxLength={500} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name={['source', 'article']} label={t('rules.article')} style={{ flex: '1 1 180px' }}>
          <Input maxLength={200} />
        </Form.Item>
        {dateItem(['period', 'from'], t('rules.from'), true, correcting ? t('rules.correctPeriodHint') : undefined, correcting)}
        {dateItem(['period', 'to'], t('rules.to'), false, correcting ? undefined : t('rules.toHint'), correcting)}
      </Flex>
      <Form.Item name="note" label={t('rules.note')}>
        <Input maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** Tags of a version's state: in force, corrected, correcting. */
function VersionTags({ v }: { v: VersionLike }) {
  const { t } = useI18n();
  return (
    <>
      {v.inForce && <Tag color="success">{t('rules.inForce')}</Tag>}
      {v.supersededBy && <Tag>{t('rules.superseded', { n: v.supersededBy })}</Tag>}
      {v.corrects && <Tag color="orange">{t('rules.corrects', { n: v.corrects })}</Tag>}
    </>
  );
}

function VersionMeta({ v }: { v: VersionLike }) {
  const { t, locale } = useI18n();
  return (
    <Flex vertical gap={2}>
      <span>{v.description}</span>
      <SourceText source={v.source} />
      {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rules.createdBy')}: {v.createdBy ?? t('rules.seed')} · {formatDateTime(v.createdAt, locale)}
      </Typography.Text>
    </Flex>
  );
}

/** Every version, oldest first: period, description with its document, and the content as text. */
export function VersionHistory<V extends VersionLike>({ versions, content, label }: { versions: readonly V[]; content: (v: V) => ReactNode; label: string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const period = (v: V) => `${formatDate(v.period.from)} – ${v.period.to ? formatDate(v.period.to) : t('source.open')}`;
  if (isMobile) {
    return (
      <ol className="nt-version-list" aria-label={label}>
        {versions.map((v) => (
          <li key={v.version} className={v.supersededBy ? 'nt-superseded' : undefined}>
            <Flex gap={6} wrap align="center">
              <strong>{t('rules.version', { n: v.version })}</strong>
              <span className="nt-num">{period(v)}</span>
              <VersionTags v={v} />
            </Flex>
            <div className="nt-version-content">{content(v)}</div>
            <VersionMeta v={v} />
          </li>
        ))}
      </ol>
    );
  }
  const columns: TableColumnsType<V> = [
    {
      key: 'v',
      title: t('rules.version', { n: '' }).trim(),
      width: 120,
      render: (_, v) => (
        <Flex vertical gap={2} align="flex-start">
          <strong className="nt-num">{v.version}</strong>
          <VersionTags v={v} />
        </Flex>
      ),
    },
    { key: 'period', title: t('rules.period'), width: 190, render: (_, v) => <span className="nt-num">{period(v)}</span> },
    { key: 'content', title: t('rules.content'), width: '32%', render: (_, v) => content(v) },
    { key: 'desc', title: t('rules.descriptionAndSource'), render: (_, v) => <VersionMeta v={v} /> },
  ];
  return (
    <Table<V>
      aria-label={label}
      rowKey="version"
      size="small"
      columns={columns}
      dataSource={[...versions]}
      pagination={false}
      rowClassName={(v) => (v.supersededBy ? 'nt-superseded' : '')}
      scroll={{ x: 860 }}
    />
  );
}

/**
 * One versioned item in a list: a toggle (the whole summary, a real button with aria-expanded) and,
 * beside it, the "add version" button; the history below when open.
 */
export function VersionedItem({
  summary,
  addLabel,
  onAdd,
  canAdd,
  children,
}: {
  summary: ReactNode;
  addLabel: string;
  onAdd: () => void;
  canAdd: boolean;
  children: () => ReactNode;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <li className={`nt-versioned${open ? ' nt-versioned-open' : ''}`}>
      <div className="nt-versioned-head">
        <button type="button" className="nt-versioned-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <RightOutlined className="nt-versioned-arrow" rotate={open ? 90 : 0} aria-hidden />
          <span className="nt-versioned-summary">{summary}</span>
        </button>
        {canAdd && (
          <Button size="small" icon={<PlusOutlined />} aria-label={addLabel} onClick={onAdd} className="nt-versioned-add">
            {isMobile ? null : t('rules.addVersion')}
          </Button>
        )}
      </div>
      {open && (
        <div id={panelId} className="nt-versioned-body">
          {children()}
        </div>
      )}
    </li>
  );
}
