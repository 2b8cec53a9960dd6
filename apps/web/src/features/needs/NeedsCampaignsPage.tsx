import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import type { NeedsCampaign, NeedsCampaignCreate } from '@nang-tam/contracts';
import { UNIT_KINDS, todayInVietnam } from '@nang-tam/domain';
import { needsApi } from '../../api/needs';
import { unitsApi } from '../../api/endpoints';
import { useProgrammes } from '../../api/rules';
import { allows } from '../../app/actions';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { FormModal } from '../../shared/FormModal';
import { useDebounced, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { modeLabel } from '../eligibility/facts';
import { AnswerStatusTag, CampaignStatusTag, NeedsRemindersBanner } from './common';

interface CreateValues {
  year: number;
  title: string;
  deadline: Dayjs;
  programmes: string[];
  modes: Record<string, string[]>;
  targetBy: 'kinds' | 'units';
  kinds: string[];
  unitIds: number[];
  note?: string;
}

/** Several units of the caller's scope, found by typing part of their name (diacritics optional). */
function UnitsSelect({ value, onChange, id }: { value?: number[]; onChange?: (v: number[]) => void; id?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<number, string>>(new Map());
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({ queryKey: ['units', 'search', q], queryFn: () => unitsApi.search(q), enabled: q.length >= 2 });
  const options = [
    ...(value ?? []).map((v) => ({ value: v, label: known.get(v) ?? String(v) })),
    ...(found.data?.items ?? []).filter((u) => !(value ?? []).includes(u.id)).map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={q.length < 2 ? t('needs.typeName') : undefined}
      options={options}
      onChange={(v: number[]) => {
        const names = new Map(known);
        for (const u of found.data?.items ?? []) names.set(u.id, u.name);
        setKnown(names);
        onChange?.(v);
      }}
    />
  );
}

function CreateCampaignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const programmes = useProgrammes();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const nextYear = Number(todayInVietnam().slice(0, 4)) + 1;
  const submit = async (v: CreateValues) => {
    const byCode = new Map((programmes.data?.items ?? []).map((p) => [p.code, p]));
    const body: NeedsCampaignCreate = {
      year: v.year,
      title: v.title,
      deadline: toIso(v.deadline) ?? '',
      offers: (v.programmes ?? []).map((code) => ({
        programmeCode: code,
        modes: (v.modes?.[code]?.length
          ? v.modes[code]
          : (byCode.get(code)?.modes ?? [])) as NeedsCampaignCreate['offers'][number]['modes'],
      })),
      target: v.targetBy === 'units' ? { unitIds: v.unitIds ?? [] } : { kinds: v.kinds as NeedsCampaignCreate['target']['kinds'] },
      note: v.note,
    };
    const made = await needsApi.create(body);
    await qc.invalidateQueries({ queryKey: ['needs'] });
    navigate(`/needs/${made.id}`);
  };
  return (
    <FormModal<CreateValues>
      open={open}
      title={t('needs.create.title')}
      okText={t('needs.create.ok')}
      onClose={onClose}
      onSubmit={submit}
      fields={['year', 'title', 'deadline', 'offers', 'target', 'note']}
      name="needs-campaign"
      width={720}
      initialValues={{
        year: nextYear,
        title: t('needs.create.defaultTitle', { year: nextYear }),
        targetBy: 'kinds',
        kinds: ['commune', 'department'],
        unitIds: [],
        programmes: [],
      }}
    >
      {(form) => (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="year"
              label={t('needs.year')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '0 0 120px' }}
            >
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={t('needs.deadline')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '0 0 180px' }}
            >
              <DatePicker format={VI_DATE_FORMATS} placeholder={t('common.datePlaceholder')} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="title"
            label={t('needs.titleField')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="programmes" label={t('needs.offers')} rules={[{ required: true, message: t('needs.create.offersRequired') }]}>
            <Select
              mode="multiple"
              loading={programmes.isPending}
              showSearch={{ filterOption: foldedFilter }}
              options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
              placeholder={t('common.choose')}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.programmes !== b.programmes}>
            {() =>
              ((form.getFieldValue('programmes') as string[] | undefined) ?? []).map((code) => {
                const p = programmes.data?.items.find((x) => x.code === code);
                if (!p) return null;
                return (
                  <Form.Item
                    key={code}
                    name={['modes', code]}
                    label={t('needs.create.modesOf', { programme: p.name })}
                    initialValue={p.modes}
                  >
                    <Checkbox.Group options={p.modes.map((m) => ({ value: m, label: modeLabel(t, m) }))} />
                  </Form.Item>
                );
              })
            }
          </Form.Item>
          <Form.Item name="targetBy" label={t('needs.create.target')}>
            <Radio.Group
              options={[
                { value: 'kinds', label: t('needs.create.byKinds') },
                { value: 'units', label: t('needs.create.byUnits') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.targetBy !== b.targetBy}>
            {() =>
              form.getFieldValue('targetBy') === 'units' ? (
                <Form.Item name="unitIds" label={t('needs.create.units')} rules={[{ required: true, message: t('validation.required') }]}>
                  <UnitsSelect />
                </Form.Item>
              ) : (
                <Form.Item
                  name="kinds"
                  label={t('needs.create.unitKinds')}
                  rules={[{ required: true, message: t('validation.required') }]}
                  extra={t('needs.create.unitKindsHelp')}
                >
                  <Select mode="multiple" options={UNIT_KINDS.map((k) => ({ value: k.code, label: k[locale] }))} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="note" label={t('needs.note')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** The unit's requests year by year and what became of them. */
function UnitHistory({ unitId }: { unitId: number }) {
  const { t, formatNumber } = useI18n();
  const q = useQuery({ queryKey: ['needs', 'history', unitId], queryFn: () => needsApi.history(unitId) });
  if (!q.data) return null;
  type Item = (typeof q.data.items)[number];
  const columns: TableColumnsType<Item> = [
    { title: t('needs.year'), key: 'year', width: 80, render: (_, i) => <span className="nt-num">{i.campaign.year}</span> },
    {
      title: t('needs.campaignTitle'),
      key: 'title',
      render: (_, i) => <Link to={`/needs/${i.campaign.id}/units/${unitId}`}>{i.campaign.title}</Link>,
    },
    { title: t('needs.status'), key: 'status', width: 150, render: (_, i) => <AnswerStatusTag status={i.status} /> },
    {
      title: t('needs.people'),
      key: 'people',
      width: 110,
      align: 'right',
      render: (_, i) => <span className="nt-num">{formatNumber(i.people)}</span>,
    },
    { title: t('needs.history.outcome'), key: 'outcome', render: (_, i) => i.outcome },
  ];
  return (
    <Card title={t('needs.history.title', { unit: q.data.unit.name })} style={{ marginTop: 16 }}>
      <Table<Item>
        rowKey={(i) => i.campaign.id}
        columns={columns}
        dataSource={q.data.items}
        pagination={false}
        size="small"
        locale={{ emptyText: <Empty description={t('needs.history.empty')} /> }}
      />
    </Card>
  );
}

/**
 * "Nhu cầu đào tạo": the campaigns (newest first), with how many units answered; the board opens a
 * new one here. An officer sees the campaigns that ask their units, their reminders, and their
 * unit's history of requests.
 */
export default function NeedsCampaignsPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t('needs.title'));
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['needs', 'campaigns'], queryFn: needsApi.campaigns });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const runsCampaigns = me.permissions.includes('needs.manage') || me.permissions.includes('needs.aggregate');
  const columns: TableColumnsType<NeedsCampaign> = [
    { title: t('needs.year'), key: 'year', width: 80, render: (_, c) => <span className="nt-num">{c.year}</span> },
    { title: t('needs.campaignTitle'), key: 'title', render: (_, c) => <Link to={`/needs/${c.id}`}>{c.title}</Link> },
    {
      title: t('needs.deadline'),
      key: 'deadline',
      width: 200,
      render: (_, c) => <CampaignStatusTag status={c.status} deadline={c.deadline} pastDeadline={c.pastDeadline} />,
    },
    runsCampaigns
      ? {
          title: t('needs.answered'),
          key: 'answered',
          width: 130,
          align: 'right',
          render: (_, c) => <span className="nt-num">{`${formatNumber(c.submittedUnits)} / ${formatNumber(c.requiredUnits)}`}</span>,
        }
      : {
          title: t('needs.myUnits'),
          key: 'mine',
          width: 160,
          render: (_, c) => (
            <span className="nt-num">{t('needs.myUnitsAnswered', { n: formatNumber(c.mySubmitted), of: formatNumber(c.myUnits) })}</span>
          ),
        },
    ...(runsCampaigns
      ? [
          {
            title: t('needs.people'),
            key: 'people',
            width: 110,
            align: 'right' as const,
            render: (_: unknown, c: NeedsCampaign) => <span className="nt-num">{formatNumber(c.people)}</span>,
          },
        ]
      : []),
  ];
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {t('needs.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('needs.subtitle')}</Typography.Text>
        </div>
        {allows(q.data, 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('needs.create.button')}
          </Button>
        )}
      </Flex>
      <NeedsRemindersBanner />
      <Card>
        <Table<NeedsCampaign>
          rowKey="id"
          columns={columns}
          dataSource={q.data.items}
          pagination={false}
          aria-label={t('needs.title')}
          locale={{ emptyText: <Empty description={t('needs.empty')} /> }}
          scroll={{ x: 700 }}
        />
      </Card>
      {me.permissions.includes('needs.write') && !me.permissions.includes('needs.manage') && <UnitHistory unitId={me.unit.id} />}
      {creating && <CreateCampaignModal open onClose={() => setCreating(false)} />}
    </>
  );
}
