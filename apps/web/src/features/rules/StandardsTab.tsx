/**
 * Title and job-position standards (tiêu chuẩn chức danh, vị trí việc làm): each requirement with
 * its minimum level, the level accepted from ethnic-minority cadres, its document and period, and
 * every version; a new version (a change from a date or a correction) or a new standard through a
 * form, with the server's problems at their fields.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, Modal, Select, Tag, Typography, message } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail, Standard, StandardVersion, StandardVersionInput } from '@nang-tam/contracts';
import { QUALIFICATION_KINDS, foldVietnamese } from '@nang-tam/domain';
import { useReference } from '../../api/reference';
import { rulesApi } from '../../api/rules';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { useCodeNames } from '../eligibility/common';
import { RequirementFields, describeRequirement } from './params';
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
  VersionSummaryMeta,
} from './versioning';

interface RequirementValues {
  kind?: string;
  minLevel?: string;
  alternatives?: { when: 'ethnic_minority'; level: string }[];
}

type Values = MetaValues & { requirement: RequirementValues; target?: string };

function requirementToForm(v: StandardVersion | undefined): RequirementValues {
  return {
    kind: v?.requirement.kind,
    minLevel: v?.requirement.minLevel,
    alternatives: (v?.requirement.alternatives ?? []).map((a) => ({ when: a.when, level: a.level })),
  };
}

/** "title:BT_X" / "job:KT" → the API's target field. */
function targetOf(value: string | undefined): { titleCode?: string; jobPositionCode?: string; code: string } | null {
  if (!value) return null;
  const [type, code] = value.split(':') as [string, string];
  return type === 'title' ? { titleCode: code, code } : { jobPositionCode: code, code };
}

/** Adds a version to `standard`, or (standard null) creates a standard for a title or job position. */
function StandardVersionModal({ standard, all, onClose }: { standard: Standard | null; all: readonly Standard[]; onClose: () => void }) {
  const { t, locale, label } = useI18n();
  const qc = useQueryClient();
  const { data: ref } = useReference();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const last = standard?.versions[standard.versions.length - 1];
  const mutation = useMutation({
    mutationFn: ({ id, body }: { id: string; body: StandardVersionInput }) => rulesApi.addStandardVersion(id, body),
    onSuccess: async () => {
      message.success(t(standard ? 'rules.saved' : 'std.created'));
      await invalidateAnswers(qc, 'standards');
      onClose();
    },
  });

  const onCorrect = (v: VersionLike | undefined) => {
    const from = (v ?? last) as StandardVersion | undefined;
    form.setFieldsValue({ ...metaFromVersion(from, v ? 'correct' : 'change'), requirement: requirementToForm(from) });
    clearErrors(form);
  };

  const submit = async (v: Values) => {
    setTopError(null);
    setOtherErrors([]);
    const target = standard ? null : targetOf(v.target);
    const id = standard?.id ?? `STD.${target?.code}.${v.requirement.kind}`;
    if (!standard && all.some((s) => s.id === id)) {
      form.setFields([{ name: ['requirement', 'kind'], errors: [t('std.exists')] }]);
      return;
    }
    const requirement = {
      kind: v.requirement.kind ?? '',
      minLevel: v.requirement.minLevel ?? '',
      ...(v.requirement.alternatives?.length ? { alternatives: v.requirement.alternatives } : {}),
    };
    const body: StandardVersionInput = {
      ...(target?.titleCode ? { titleCode: target.titleCode } : {}),
      ...(target?.jobPositionCode ? { jobPositionCode: target.jobPositionCode } : {}),
      requirement,
      ...versionBody(v, last?.version ?? 0),
    };
    try {
      await mutation.mutateAsync({ id, body });
    } catch (e) {
      setTopError(errorMessage(e, locale));
      setOtherErrors(placeServerErrors(form, e, locale));
    }
  };

  const kindName = last ? label(QUALIFICATION_KINDS, last.requirement.kind) : '';
  const targetOptions = [
    { label: t('std.titles'), options: (ref?.titles ?? []).map((x) => ({ value: `title:${x.code}`, label: x.name })) },
    { label: t('std.jobPositions'), options: (ref?.jobPositions ?? []).map((x) => ({ value: `job:${x.code}`, label: x.name })) },
  ];

  return (
    <Modal
      open
      title={
        standard ? (
          <Flex vertical gap={2}>
            <span>{t('std.addTitle', { target: standard.targetName, kind: kindName })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
              {last?.description}
            </Typography.Text>
          </Flex>
        ) : (
          t('std.newTitle')
        )
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
        name="standard-version"
        onFinish={(v) => void submit(v)}
        initialValues={{ ...metaFromVersion(last), requirement: requirementToForm(last) }}
      >
        {!standard && (
          <Form.Item name="target" label={t('std.target')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select showSearch={{ filterOption: foldedFilter }} options={targetOptions} placeholder={t('std.pickTarget')} />
          </Form.Item>
        )}
        <VersionMetaFields form={form} versions={standard?.versions ?? []} onCorrect={onCorrect}>
          <RequirementFields prefix={['requirement']} form={form} />
        </VersionMetaFields>
      </Form>
    </Modal>
  );
}


function StandardSummary({ standard, asOf }: { standard: Standard; asOf: string }) {
  const { t, label } = useI18n();
  const names = useCodeNames();
  const { shown } = summaryOf(standard, asOf);
  const lines = shown ? describeRequirement({ t, label, names }, shown.requirement, false) : [];
  return (
    <span className="nt-rule-summary">
      <span className="nt-rule-kind">
        <Tag color="purple">{shown ? label(QUALIFICATION_KINDS, shown.requirement.kind) : ''}</Tag>
      </span>
      <span className="nt-rule-text">
        <strong>{lines[0]}</strong>
        {lines.slice(1).map((l, i) => (
          <span key={i}>{l}</span>
        ))}
        <VersionSummaryMeta item={standard} asOf={asOf} withArticle />
      </span>
    </span>
  );
}

function RequirementText({ v }: { v: StandardVersion }) {
  const { t, label } = useI18n();
  const names = useCodeNames();
  return (
    <ul className="nt-params">
      {describeRequirement({ t, label, names }, v.requirement).map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** The standards grouped by title or job position, filtered by name and kind. */
export function StandardsTab() {
  const { t, label } = useI18n();
  const q = useQuery({ queryKey: ['standards'], queryFn: () => rulesApi.standards() });
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [editing, setEditing] = useState<Standard | 'new' | null>(null);

  const groups = useMemo(() => {
    const folded = foldVietnamese(search.trim());
    const out = new Map<string, { name: string; type: 'title' | 'job'; items: Standard[] }>();
    for (const s of q.data?.items ?? []) {
      if (folded && !foldVietnamese(s.targetName).includes(folded)) continue;
      const k = (s.current ?? s.versions[s.versions.length - 1])?.requirement.kind;
      if (kind && k !== kind) continue;
      const key = s.titleCode ? `title:${s.titleCode}` : `job:${s.jobPositionCode}`;
      const g = out.get(key) ?? { name: s.targetName, type: s.titleCode ? ('title' as const) : ('job' as const), items: [] };
      g.items.push(s);
      out.set(key, g);
    }
    return [...out.entries()];
  }, [q.data, search, kind]);
  const kinds = [...new Set((q.data?.items ?? []).map((s) => (s.current ?? s.versions[s.versions.length - 1])?.requirement.kind).filter(Boolean))] as string[];

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="flex-end">
          <Form layout="vertical" style={{ flex: '2 1 260px' }}>
            <Form.Item label={t('std.search')} htmlFor="std-search" style={{ marginBottom: 0 }}>
              <Input id="std-search" allowClear prefix={<SearchOutlined aria-hidden />} value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('std.searchPlaceholder')} />
            </Form.Item>
          </Form>
          <Form layout="vertical" style={{ flex: '1 1 200px' }}>
            <Form.Item label={t('rp.qualKind')} htmlFor="std-kind" style={{ marginBottom: 0 }}>
              <Select
                id="std-kind"
                allowClear
                value={kind}
                onChange={(v?: string) => setKind(v ?? null)}
                placeholder={t('std.allKinds')}
                options={kinds.map((k) => ({ value: k, label: label(QUALIFICATION_KINDS, k) }))}
              />
            </Form.Item>
          </Form>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('std.new')}
          </Button>
        </Flex>
      </Card>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : groups.length === 0 ? (
        <Empty description={t('std.empty')} />
      ) : (
        <Flex vertical gap={16}>
          {groups.map(([key, g]) => (
            <section key={key} aria-labelledby={`std-${key}`} className="nt-std-group">
              <Flex gap={8} align="baseline" wrap style={{ marginBottom: 6 }}>
                <Typography.Title level={5} id={`std-${key}`} style={{ margin: 0 }}>
                  {g.name}
                </Typography.Title>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(g.type === 'title' ? 'std.typeTitle' : 'std.typeJob')}
                </Typography.Text>
              </Flex>
              <ul className="nt-versioned-list" aria-label={t('std.listOf', { target: g.name })}>
                {g.items.map((s) => {
                  const kindName = label(QUALIFICATION_KINDS, (s.current ?? s.versions[s.versions.length - 1])?.requirement.kind ?? '');
                  return (
                    <VersionedItem
                      key={s.id}
                      summary={<StandardSummary standard={s} asOf={q.data.asOf} />}
                      addLabel={t('std.addVersionOf', { target: s.targetName, kind: kindName })}
                      onAdd={() => setEditing(s)}
                      canAdd
                    >
                      {() => (
                        <VersionHistory<StandardVersion>
                          label={t('std.historyOf', { target: s.targetName, kind: kindName })}
                          versions={s.versions}
                          content={(v) => <RequirementText v={v} />}
                        />
                      )}
                    </VersionedItem>
                  );
                })}
              </ul>
            </section>
          ))}
        </Flex>
      )}
      {editing && (
        <StandardVersionModal
          key={editing === 'new' ? 'new' : editing.id}
          standard={editing === 'new' ? null : editing}
          all={q.data?.items ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
