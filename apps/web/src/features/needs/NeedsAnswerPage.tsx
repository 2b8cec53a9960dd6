import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  BulbOutlined,
  DeleteOutlined,
  FilePdfOutlined,
  PlusOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { ExportButton } from '../jobs/ExportButton';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { NeedsAnswer } from '@nang-tam/contracts';
import { needsApi } from '../../api/needs';
import { peopleApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { useDebounced, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/facts';
import { AnswerStatusTag } from './common';
import { cellErrors, emptyRow, mergeSuggestion, rowsOf, toInput, totals, type CellErrors, type GridRow } from './grid';

/** Names one more person of the unit on a line: type a few letters of the name (diacritics optional). */
function PersonAdder({
  unitId,
  exclude,
  onPick,
  label,
}: {
  unitId: number;
  exclude: readonly number[];
  onPick: (p: { id: number; fullName: string; unitName: string }) => void;
  label: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: ['needs', 'people', unitId, q],
    queryFn: ({ signal }) => peopleApi.list({ q, unitId, limit: 20 }, signal),
    enabled: q.length >= 2,
  });
  const options = (found.data?.items ?? [])
    .filter((p) => !exclude.includes(p.id))
    .map((p) => ({ value: p.id, label: `${p.fullName} · ${p.unit.name}`, p }));
  return (
    <Select
      size="small"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={null}
      placeholder={t('needs.addPerson')}
      aria-label={label}
      style={{ minWidth: 200 }}
      loading={found.isFetching}
      notFoundContent={q.length < 2 ? t('needs.typeName') : undefined}
      options={options}
      onChange={(id: number) => {
        const p = options.find((o) => o.value === id)?.p;
        if (p) onPick({ id: p.id, fullName: p.fullName, unitName: p.unit.name });
        setSearch('');
      }}
    />
  );
}

function CellError({ errors, k }: { errors: CellErrors; k: string }) {
  const list = errors.get(k);
  if (!list) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} role="alert">
      {list.join(' ')}
    </Typography.Text>
  );
}

/**
 * A unit's needs registration: lines of programme × mode × quarter × people, optionally naming
 * people; "suggest from gaps" fills them from the people who lack what their post or planned post
 * requires and are already eligible; saved as a draft, submitted; the board returns it with a
 * comment. Buttons come from the answer's `actions`.
 */
export default function NeedsAnswerPage() {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const params = useParams();
  const campaignId = Number(params.id);
  const unitId = Number(params.unitId);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['needs', 'answer', campaignId, unitId], queryFn: () => needsApi.answer(campaignId, unitId) });
  const [rows, setRows] = useState<GridRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<{ cells: CellErrors; other: string[] }>({ cells: new Map(), other: [] });
  const [busy, setBusy] = useState<null | 'save' | 'submit' | 'suggest'>(null);
  const [returning, setReturning] = useState(false);
  const [suggestInfo, setSuggestInfo] = useState<string | null>(null);
  usePageTitle(q.data ? t('needs.answer.title', { unit: q.data.unit.name }) : t('needs.title'));

  useEffect(() => {
    if (q.data && !dirty) setRows(rowsOf(q.data.lines));
  }, [q.data, dirty]);

  const offers = useMemo(() => q.data?.offers ?? [], [q.data]);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const a: NeedsAnswer = q.data;
  const editable = allows(a, 'edit');
  const sum = totals(rows);

  const change = (key: string, patch: Partial<GridRow>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  };
  const fail = (e: unknown) => {
    if (isApiError(e) && e.details.length > 0) setErrors(cellErrors(e.details, (d) => fieldErrorMessage(d, locale)));
    else setErrors({ cells: new Map(), other: [] });
    void message.error(errorMessage(e, locale));
  };
  const reload = async (fresh: NeedsAnswer) => {
    qc.setQueryData(['needs', 'answer', campaignId, unitId], fresh);
    setRows(rowsOf(fresh.lines));
    setDirty(false);
    setErrors({ cells: new Map(), other: [] });
    await qc.invalidateQueries({ queryKey: ['needs', 'campaign', campaignId] });
    await qc.invalidateQueries({ queryKey: ['needs', 'reminders'] });
  };
  const save = async (): Promise<NeedsAnswer | null> => {
    setBusy('save');
    try {
      const fresh = await needsApi.save(campaignId, unitId, { version: a.version, lines: toInput(rows) });
      await reload(fresh);
      void message.success(t('needs.answer.saved'));
      return fresh;
    } catch (e) {
      fail(e);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    const saved = dirty || a.status === 'not_started' ? await save() : a;
    if (!saved) return;
    setBusy('submit');
    try {
      await reload(await needsApi.submit(campaignId, unitId, saved.version));
      void message.success(t('needs.answer.submitted'));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const suggest = async () => {
    setBusy('suggest');
    try {
      const s = await needsApi.suggestion(campaignId, unitId);
      setRows((rs) => mergeSuggestion(rs, s.lines));
      setDirty(true);
      const named = s.lines.reduce((n, l) => n + l.named.length, 0);
      setSuggestInfo(
        t('needs.answer.suggested', { n: formatNumber(named), gaps: formatNumber(s.peopleWithGaps), date: formatDate(s.asOf) }),
      );
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const offerOf = (code: string | null) => offers.find((o) => o.programmeCode === code);
  const columns: TableColumnsType<GridRow> = [
    {
      title: t('needs.programme'),
      key: 'programme',
      width: 260,
      render: (_, r, i) => (
        <>
          <Select
            size="small"
            value={r.programmeCode}
            disabled={!editable}
            style={{ width: '100%' }}
            aria-label={t('needs.answer.cellProgramme', { n: i + 1 })}
            options={offers.map((o) => ({ value: o.programmeCode, label: o.programmeName }))}
            onChange={(v: string) => change(r.key, { programmeCode: v, mode: offerOf(v)?.modes[0] ?? null })}
          />
          <CellError errors={errors.cells} k={`${i}.programmeCode`} />
        </>
      ),
    },
    {
      title: t('needs.mode'),
      key: 'mode',
      width: 170,
      render: (_, r, i) => (
        <>
          <Select
            size="small"
            value={r.mode}
            disabled={!editable}
            style={{ width: '100%' }}
            aria-label={t('needs.answer.cellMode', { n: i + 1 })}
            options={(offerOf(r.programmeCode)?.modes ?? []).map((m) => ({ value: m, label: modeLabel(t, m) }))}
            onChange={(v: GridRow['mode']) => change(r.key, { mode: v })}
          />
          <CellError errors={errors.cells} k={`${i}.mode`} />
        </>
      ),
    },
    {
      title: t('needs.quarter'),
      key: 'quarter',
      width: 100,
      render: (_, r, i) => (
        <>
          <Select
            size="small"
            value={r.quarter}
            disabled={!editable}
            style={{ width: '100%' }}
            aria-label={t('needs.answer.cellQuarter', { n: i + 1 })}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('needs.quarterN', { n }) }))}
            onChange={(v: number) => change(r.key, { quarter: v })}
          />
          <CellError errors={errors.cells} k={`${i}.quarter`} />
        </>
      ),
    },
    {
      title: t('needs.people'),
      key: 'people',
      width: 110,
      render: (_, r, i) => (
        <>
          <InputNumber
            size="small"
            value={r.people}
            disabled={!editable}
            style={{ width: '100%' }}
            aria-label={t('needs.answer.cellPeople', { n: i + 1 })}
            onChange={(v) => change(r.key, { people: typeof v === 'number' ? v : null })}
          />
          <CellError errors={errors.cells} k={`${i}.people`} />
        </>
      ),
    },
    {
      title: t('needs.namedPeople'),
      key: 'named',
      render: (_, r, i) => (
        <>
          <Space size={[4, 4]} wrap>
            {r.named.map((p) => (
              <Tag
                key={p.id}
                closable={editable}
                onClose={(e) => {
                  e.preventDefault();
                  change(r.key, { named: r.named.filter((x) => x.id !== p.id) });
                }}
              >
                {p.fullName}
              </Tag>
            ))}
            {editable && (
              <PersonAdder
                unitId={unitId}
                exclude={r.named.map((p) => p.id)}
                label={t('needs.answer.cellPerson', { n: i + 1 })}
                onPick={(p) => change(r.key, { named: [...r.named, p], people: Math.max(r.people ?? 0, r.named.length + 1) })}
              />
            )}
          </Space>
          <CellError errors={errors.cells} k={`${i}.personIds`} />
        </>
      ),
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            width: 50,
            render: (_: unknown, r: GridRow, i: number) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('needs.answer.removeLine', { n: i + 1 })}
                onClick={() => {
                  setRows((rs) => rs.filter((x) => x.key !== r.key));
                  setDirty(true);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {t('needs.answer.title', { unit: a.unit.name })}
          </Typography.Title>
          <Space wrap>
            <Link to={`/needs/${a.campaign.id}`}>{a.campaign.title}</Link>
            <AnswerStatusTag status={a.status} />
            <Typography.Text type="secondary">{t('needs.deadlineOn', { date: formatDate(a.campaign.deadline) })}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          {editable && (
            <Button icon={<BulbOutlined />} loading={busy === 'suggest'} onClick={() => void suggest()}>
              {t('needs.answer.suggest')}
            </Button>
          )}
          {editable && (
            <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={() => void save()}>
              {t('needs.answer.save')}
            </Button>
          )}
          {allows(a, 'submit') || editable ? (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void submit()}>
              {t('needs.answer.submit')}
            </Button>
          ) : null}
          {allows(a, 'export') && <ExportButton start={() => needsApi.exportAnswer(campaignId, unitId, 'xlsx')} total={undefined} />}
          {allows(a, 'export') && (
            <ExportButton
              start={() => needsApi.exportAnswer(campaignId, unitId, 'pdf')}
              total={undefined}
              label={t('needs.exportPdf')}
              icon={<FilePdfOutlined />}
            />
          )}
          {allows(a, 'return') && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
              {t('needs.answer.return')}
            </Button>
          )}
        </Space>
      </Flex>
      {a.status === 'returned' && a.returnComment && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('needs.answer.returnedBy', { who: a.returnedBy ?? '', date: formatDateTime(a.returnedAt, locale) })}
          description={a.returnComment}
        />
      )}
      {a.closedMessage && a.status !== 'submitted' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={a.closedMessage} />
      )}
      {a.reminders.map((r) => (
        <Alert key={r.kind} type="warning" showIcon style={{ marginBottom: 12 }} title={r.message} />
      ))}
      {suggestInfo && (
        <Alert type="info" showIcon closable style={{ marginBottom: 12 }} title={suggestInfo} onClose={() => setSuggestInfo(null)} />
      )}
      {errors.other.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.other.join(' ')} />}
      <Card>
        <Table<GridRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          aria-label={t('needs.answer.lines')}
          locale={{ emptyText: t('needs.answer.noLines') }}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <strong>{t('needs.total')}</strong>{' '}
                <Typography.Text type="secondary">
                  {sum.byQuarter.map((n, i) => `${t('needs.quarterN', { n: i + 1 })}: ${formatNumber(n)}`).join(' · ')}
                </Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3}>
                <strong className="nt-num" data-testid="needs-answer-total">
                  {formatNumber(sum.people)}
                </strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={editable ? 2 : 1}>
                {t('needs.answer.namedCount', { n: formatNumber(sum.named) })}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        {editable && (
          <Button
            style={{ marginTop: 12 }}
            icon={<PlusOutlined />}
            onClick={() => {
              setRows((rs) => [...rs, emptyRow(offers[0]?.programmeCode ?? null, offers[0]?.modes[0] ?? null, 1)]);
              setDirty(true);
            }}
          >
            {t('needs.answer.addLine')}
          </Button>
        )}
      </Card>
      <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, md: 3 }}>
        {a.submittedAt && (
          <Descriptions.Item
            label={t('needs.answer.submittedAt')}
          >{`${formatDateTime(a.submittedAt, locale)} · ${a.submittedBy ?? ''}`}</Descriptions.Item>
        )}
        {a.updatedAt && <Descriptions.Item label={t('needs.answer.updatedAt')}>{formatDateTime(a.updatedAt, locale)}</Descriptions.Item>}
        {a.reopenedUntil && <Descriptions.Item label={t('needs.reopenedUntil')}>{formatDate(a.reopenedUntil)}</Descriptions.Item>}
      </Descriptions>
      {returning && (
        <FormModal<{ comment: string }>
          open
          name="needs-return"
          title={t('needs.answer.returnTitle', { unit: a.unit.name })}
          okText={t('needs.answer.return')}
          fields={['comment']}
          onClose={() => setReturning(false)}
          onSubmit={async (v) => reload(await needsApi.giveBack(campaignId, unitId, a.version, v.comment))}
        >
          {() => (
            <Form.Item
              name="comment"
              label={t('needs.answer.comment')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
          )}
        </FormModal>
      )}
    </>
  );
}
