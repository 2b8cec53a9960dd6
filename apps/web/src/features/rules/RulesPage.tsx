import { useState } from 'react';
import { Card, Empty, Flex, Form, Modal, Select, Tabs, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ErrorDetail, Rule, RuleVersion, RuleVersionInput } from '@nang-tam/contracts';
import { rulesApi, useProgrammes } from '../../api/rules';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { SourceText } from '../eligibility/common';
import { JobFieldsTab } from './JobFieldsTab';
import { ParamsText, RuleParamsFields, formToParams, paramsToForm, type Params, type RuleKind } from './params';
import { StandardsTab } from './StandardsTab';
import {
  FormErrorBanner,
  VersionHistory,
  VersionMetaFields,
  VersionedItem,
  metaFromVersion,
  clearErrors,
  invalidateAnswers,
  placeServerErrors,
  versionBody,
  type MetaValues,
  type VersionLike,
  summaryOf,
  versionedState,
  VersionSummaryMeta,
  type VersionedState,
} from './versioning';

type Values = MetaValues & { params: Params };

function AddVersionModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const kind = rule.kind as RuleKind;
  const last = rule.versions[rule.versions.length - 1];
  const mutation = useMutation({
    mutationFn: (body: RuleVersionInput) => rulesApi.addRuleVersion(rule.id, body),
    onSuccess: async () => {
      message.success(t('rules.saved'));
      await invalidateAnswers(qc, 'rules');
      onClose();
    },
  });

  /** Correcting a version starts from its content and period; back to a change, from the latest. */
  const onCorrect = (v: VersionLike | undefined) => {
    const from = (v ?? last) as RuleVersion | undefined;
    form.setFieldsValue({
      ...metaFromVersion(from, v ? 'correct' : 'change'),
      params: paramsToForm(kind, from?.params ?? {}),
    });
    clearErrors(form);
  };

  const submit = async (v: Values) => {
    setTopError(null);
    setOtherErrors([]);
    const body = { kind: rule.kind, params: formToParams(kind, v.params ?? {}), ...versionBody(v, last?.version ?? 0) } as RuleVersionInput;
    try {
      await mutation.mutateAsync(body);
    } catch (e) {
      setTopError(errorMessage(e, locale));
      setOtherErrors(placeServerErrors(form, e, locale));
    }
  };

  return (
    <Modal
      open
      title={
        <Flex vertical gap={2}>
          <span>{t('rules.addTitle', { rule: `${t(`rule.kind.${rule.kind}` as MessageKey)}${last ? ` (${last.source.code})` : ''}` })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {last?.description}
          </Typography.Text>
        </Flex>
      }
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      width={800}
      destroyOnHidden
    >
      <FormErrorBanner message={topError} other={otherErrors} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="rule-version"
        onFinish={(v) => void submit(v)}
        initialValues={{ ...metaFromVersion(last), params: paramsToForm(kind, last?.params ?? {}) }}
      >
        <VersionMetaFields form={form} versions={rule.versions} onCorrect={onCorrect}>
          <RuleParamsFields kind={kind} form={form} />
        </VersionMetaFields>
      </Form>
    </Modal>
  );
}

const STATE_ORDER: Record<VersionedState, number> = { in_force: 0, future: 1, ended: 2 };

/** The rules in force first, then the coming ones, then those no longer in force (each in the server's order). */
function ordered(items: readonly Rule[], asOf: string): Rule[] {
  return items
    .map((r, i) => ({ r, i, s: STATE_ORDER[versionedState(r, asOf)] }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.r);
}

function RuleSummary({ rule, asOf }: { rule: Rule; asOf: string }) {
  const { t } = useI18n();
  const { shown } = summaryOf(rule, asOf);
  return (
    <span className="nt-rule-summary">
      <span className="nt-rule-kind">
        <Tag color="blue">{t(`rule.kind.${rule.kind}` as MessageKey)}</Tag>
      </span>
      <span className="nt-rule-text">
        <span>{shown?.description ?? rule.id}</span>
        <VersionSummaryMeta item={rule} asOf={asOf} />
      </span>
    </span>
  );
}

/** The rules of one programme with every version; a new version through the form of the rule's kind. */
function ProgrammeRules() {
  const { t } = useI18n();
  const programmes = useProgrammes();
  const [sp, setSp] = useSearchParams();
  const code = sp.get('programme') ?? programmes.data?.items[0]?.code ?? null;
  const setProgramme = (p: string) => {
    const next = new URLSearchParams(sp);
    next.set('programme', p);
    setSp(next, { replace: true });
  };
  const [editing, setEditing] = useState<Rule | null>(null);
  const q = useQuery({ queryKey: ['rules', code], queryFn: () => rulesApi.rules(code), enabled: !!code });

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label={t('elig.programme')} htmlFor="rules-programme" style={{ marginBottom: 0, maxWidth: 560 }}>
            <Select
              id="rules-programme"
              value={code}
              onChange={setProgramme}
              loading={programmes.isPending}
              showSearch={{ filterOption: foldedFilter }}
              options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
        </Form>
      </Card>
      {programmes.isError && <PageError error={programmes.error} onRetry={() => void programmes.refetch()} />}
      {q.isPending && code ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <Flex vertical gap={12}>
          {q.data.notes.length > 0 && (
            <Card size="small" title={t('rules.notes')}>
              {q.data.notes.map((n, i) => (
                <Flex key={i} vertical style={{ marginBottom: 6 }}>
                  <span>
                    {n.text} {n.inForce && <Tag color="success">{t('rules.inForce')}</Tag>}
                  </span>
                  <SourceText source={n.source} period={n.period} />
                </Flex>
              ))}
            </Card>
          )}
          {q.data.items.length === 0 ? (
            <Empty description={t('rules.empty')} />
          ) : (
            <ul className="nt-versioned-list" aria-label={t('rules.listLabel')}>
              {ordered(q.data.items, q.data.asOf).map((r) => {
                const shown = r.current ?? r.versions[r.versions.length - 1];
                return (
                  <VersionedItem
                    key={r.id}
                    summary={<RuleSummary rule={r} asOf={q.data.asOf} />}
                    addLabel={t('rules.addVersionOf', { rule: shown?.description ?? r.id })}
                    onAdd={() => setEditing(r)}
                    canAdd
                  >
                    {() => (
                      <VersionHistory<RuleVersion>
                        label={t('rules.historyOf', { rule: shown?.description ?? r.id })}
                        versions={r.versions}
                        content={(v) => <ParamsText kind={v.kind} params={v.params} />}
                      />
                    )}
                  </VersionedItem>
                );
              })}
            </ul>
          )}
        </Flex>
      ) : null}
      {editing && <AddVersionModal key={editing.id} rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const TABS = ['programmes', 'standards', 'fields'] as const;
type TabKey = (typeof TABS)[number];

/**
 * Programme rules, title and job-position standards, and the fields of study matching each job
 * position; administrators correct them here (every change is a new version).
 */
export default function RulesPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  usePageTitle(t('rules.title'));
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = TABS.includes(sp.get('tab') as TabKey) ? (sp.get('tab') as TabKey) : 'programmes';
  const setTab = (k: string) => {
    const next = new URLSearchParams();
    if (k !== 'programmes') next.set('tab', k);
    setSp(next, { replace: true });
  };

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('rules.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('rules.subtitle')}</Typography.Text>
        </div>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'programmes', label: t(isMobile ? 'rules.tabShort.programmes' : 'rules.tab.programmes'), children: <ProgrammeRules /> },
          { key: 'standards', label: t(isMobile ? 'rules.tabShort.standards' : 'rules.tab.standards'), children: <StandardsTab /> },
          { key: 'fields', label: t(isMobile ? 'rules.tabShort.fields' : 'rules.tab.fields'), children: <JobFieldsTab /> },
        ]}
      />
    </>
  );
}
