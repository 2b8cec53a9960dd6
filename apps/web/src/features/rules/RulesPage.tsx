import { useState } from 'react';
import { Alert, Button, Card, Collapse, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography, message, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { ErrorDetail, Rule, RuleVersion, RuleVersionInput } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { rulesApi, useProgrammes } from '../../api/rules';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { VI_DATE_FORMATS, toDayjs, toIso } from '../../shared/dates';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { SourceText } from '../eligibility/common';

interface Values {
  description: string;
  paramsJson: string;
  sourceCode: string;
  sourceTitle: string;
  issuer: string;
  issuedOn: Dayjs | null;
  article?: string;
  from: Dayjs | null;
  to?: Dayjs | null;
  note?: string;
  corrects?: number | null;
}

/** Server paths (params.max, source.code, period.from…) → form fields. */
const PATH_TO_FIELD: Record<string, keyof Values> = {
  description: 'description',
  params: 'paramsJson',
  'source.code': 'sourceCode',
  'source.title': 'sourceTitle',
  'source.issuer': 'issuer',
  'source.issuedOn': 'issuedOn',
  'source.article': 'article',
  'period.from': 'from',
  'period.to': 'to',
  period: 'from',
  note: 'note',
  corrects: 'corrects',
};
function fieldOf(path: string): keyof Values | null {
  if (PATH_TO_FIELD[path]) return PATH_TO_FIELD[path]!;
  if (path.startsWith('params')) return 'paramsJson';
  const head = Object.keys(PATH_TO_FIELD).find((k) => path.startsWith(`${k}.`));
  return head ? PATH_TO_FIELD[head]! : null;
}

function AddVersionModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [topError, setTopError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<ErrorDetail[]>([]);
  const last = rule.versions[rule.versions.length - 1];
  const mutation = useMutation({
    mutationFn: (body: RuleVersionInput) => rulesApi.addRuleVersion(rule.id, body),
    onSuccess: async () => {
      message.success(t('rules.saved'));
      await qc.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
  });

  const submit = async (v: Values) => {
    setTopError(null);
    setOtherErrors([]);
    let params: unknown;
    try {
      params = JSON.parse(v.paramsJson);
      if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new Error('not an object');
    } catch {
      form.setFields([{ name: 'paramsJson', errors: [t('rules.paramsInvalid')] }]);
      return;
    }
    const body = {
      kind: rule.kind,
      params,
      description: v.description.trim(),
      source: {
        code: v.sourceCode.trim(),
        title: v.sourceTitle.trim(),
        issuer: v.issuer.trim(),
        issuedOn: toIso(v.issuedOn) ?? '',
        ...(v.article?.trim() ? { article: v.article.trim() } : {}),
      },
      period: { from: toIso(v.from) ?? '', to: toIso(v.to) },
      note: v.note?.trim() || null,
      ...(v.corrects ? { corrects: v.corrects } : {}),
      baseVersion: last?.version ?? 0,
    } as RuleVersionInput;
    try {
      await mutation.mutateAsync(body);
    } catch (e) {
      setTopError(errorMessage(e, locale));
      if (isApiError(e) && e.details.length > 0) {
        const byField = new Map<keyof Values, string[]>();
        const rest: ErrorDetail[] = [];
        for (const d of e.details) {
          const f = fieldOf(d.path);
          const msg = fieldErrorMessage(d, locale) + (f === 'paramsJson' && d.path !== 'params' ? ` (${d.path})` : '');
          if (f) byField.set(f, [...(byField.get(f) ?? []), msg]);
          else rest.push(d);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
        setOtherErrors(rest);
      }
    }
  };

  const dateField = (name: keyof Values, lbl: string, required: boolean) => (
    <Form.Item name={name} label={lbl} rules={required ? [{ required: true, message: t('validation.required') }] : []} style={{ flex: '1 1 180px' }}>
      <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
    </Form.Item>
  );
  const req = [{ required: true, whitespace: true, message: t('validation.required') }];

  return (
    <Modal
      open
      title={t('rules.addTitle', { rule: rule.id })}
      onCancel={onClose}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      width={760}
      destroyOnHidden
    >
      {topError && (
        <Alert
          type="error"
          showIcon
          title={topError}
          description={otherErrors.length > 0 ? otherErrors.map((d) => `${d.path}: ${fieldErrorMessage(d, locale)}`).join('; ') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="rule-version"
        onFinish={(v) => void submit(v)}
        initialValues={{
          description: last?.description ?? '',
          paramsJson: JSON.stringify(last?.params ?? {}, null, 2),
          sourceCode: last?.source.code ?? '',
          sourceTitle: last?.source.title ?? '',
          issuer: last?.source.issuer ?? '',
          issuedOn: toDayjs(last?.source.issuedOn),
          article: last?.source.article ?? '',
          from: null,
          to: null,
          note: '',
          corrects: null,
        }}
      >
        <Form.Item name="description" label={t('rules.description')} rules={req}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="paramsJson" label={`${t('rules.paramsJson')} — ${t(`rule.kind.${rule.kind}` as MessageKey)}`} rules={req}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} style={{ fontFamily: 'monospace' }} spellCheck={false} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="sourceCode" label={t('rules.sourceCode')} rules={req} style={{ flex: '1 1 180px' }}>
            <Input maxLength={100} placeholder="350-QĐ/TW" />
          </Form.Item>
          <Form.Item name="issuer" label={t('rules.issuer')} rules={req} style={{ flex: '1 1 180px' }}>
            <Input maxLength={200} />
          </Form.Item>
          {dateField('issuedOn', t('rules.issuedOn'), true)}
        </Flex>
        <Form.Item name="sourceTitle" label={t('rules.sourceTitle')} rules={req}>
          <Input maxLength={500} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="article" label={t('rules.article')} style={{ flex: '1 1 180px' }}>
            <Input maxLength={200} />
          </Form.Item>
          {dateField('from', t('rules.from'), true)}
          {dateField('to', t('rules.to'), false)}
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="corrects" label={t('rules.correctsField')} style={{ flex: '1 1 220px' }}>
            <Select allowClear options={rule.versions.filter((x) => x.active).map((x) => ({ value: x.version, label: t('rules.version', { n: x.version }) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('rules.note')} style={{ flex: '2 1 300px' }}>
            <Input maxLength={2000} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function VersionsTable({ rule }: { rule: Rule }) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<RuleVersion> = [
    {
      key: 'v',
      title: t('rules.version', { n: '' }).trim(),
      width: 110,
      render: (_, v) => (
        <Flex vertical gap={2}>
          <strong className="nt-num">{v.version}</strong>
          {v.inForce && <Tag color="success">{t('rules.inForce')}</Tag>}
          {v.supersededBy && <Tag>{t('rules.superseded', { n: v.supersededBy })}</Tag>}
          {v.corrects && <Tag color="orange">{t('rules.corrects', { n: v.corrects })}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'period',
      title: t('rules.period'),
      width: 200,
      render: (_, v) => <span className="nt-num">{`${formatDate(v.period.from)} – ${v.period.to ? formatDate(v.period.to) : t('source.open')}`}</span>,
    },
    {
      key: 'desc',
      title: t('rules.description'),
      render: (_, v) => (
        <Flex vertical gap={2}>
          <span>{v.description}</span>
          <SourceText source={v.source} />
          {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rules.createdBy')}: {v.createdBy ?? t('rules.seed')} · {formatDateTime(v.createdAt, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'params',
      title: t('rules.params'),
      width: 260,
      render: (_, v) => (
        <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{JSON.stringify(v.params, null, 1)}</pre>
      ),
    },
  ];
  return <Table<RuleVersion> rowKey="version" size="small" columns={columns} dataSource={rule.versions} pagination={false} scroll={{ x: 800 }} />;
}

/** Rules of each programme with every version; users with rules.write add versions. */
export default function RulesPage() {
  const { t } = useI18n();
  usePageTitle(t('rules.title'));
  const programmes = useProgrammes();
  const [programme, setProgramme] = useState<string | null>(null);
  const code = programme ?? programmes.data?.items[0]?.code ?? null;
  const [editing, setEditing] = useState<Rule | null>(null);
  const q = useQuery({ queryKey: ['rules', code], queryFn: () => rulesApi.rules(code), enabled: !!code });

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={3}>{t('rules.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('rules.subtitle')}</Typography.Text>
        </div>
      </div>
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
            <Collapse
              items={q.data.items.map((r) => ({
                key: r.id,
                label: (
                  <Flex gap={8} wrap align="center">
                    <Tag color="blue">{t(`rule.kind.${r.kind}` as MessageKey)}</Tag>
                    <span>{r.current?.description ?? r.versions[r.versions.length - 1]?.description ?? r.id}</span>
                    <Typography.Text type="secondary">· {t('rules.versions', { n: r.versions.length })}</Typography.Text>
                    {!r.current && <Tag>{t('rules.inactive')}</Tag>}
                  </Flex>
                ),
                extra: (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      setEditing(r);
                    }}
                  >
                    {t('rules.addVersion')}
                  </Button>
                ),
                children: (
                  <Flex vertical gap={8}>
                    <Typography.Text type="secondary" code>
                      {r.id}
                    </Typography.Text>
                    <VersionsTable rule={r} />
                  </Flex>
                ),
              }))}
            />
          )}
        </Flex>
      ) : null}
      {editing && <AddVersionModal key={editing.id} rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
