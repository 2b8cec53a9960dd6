import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { CatalogueProgramme } from '@nang-tam/contracts';
import { training } from '@nang-tam/domain';
import { catalogueApi } from '../../api/catalogue';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { useDebounced, useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { ProgrammeFormModal } from './ProgrammeFormModal';
import { durationText, OrganiserTag, vocabLabel } from './common';

/**
 * The programme catalogue: every kind of training, as of a date (today by default), filtered by
 * kind and organiser and searched without diacritics; the board and home affairs add programmes.
 */
export default function CataloguePage() {
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  usePageTitle(t('catalogue.title'));
  const [sp, setSp] = useSearchParams();
  const [search, setSearch] = useState(sp.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const kind = sp.get('kind');
  const organiserType = sp.get('organiser');
  const asOf = sp.get('asOf');
  const [creating, setCreating] = useState(false);
  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(sp);
    if (value) next.set(key, value);
    else next.delete(key);
    setSp(next, { replace: true });
  };
  const list = useQuery({
    queryKey: ['catalogue', 'list', { asOf, kind, organiserType, q }],
    queryFn: () => catalogueApi.list({ asOf, kind, organiserType, q }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<CatalogueProgramme> = [
    {
      key: 'name',
      title: t('catalogue.name'),
      render: (_, p) => (
        <Flex vertical gap={2}>
          <Link to={`/catalogue/${encodeURIComponent(p.code)}`}>{p.current.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code} · {t('source.label')}: {p.current.source.code}
            {!p.current.inForce && ` · ${t('catalogue.notYet', { date: formatDate(p.current.period.from) })}`}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'kind',
      title: t('catalogue.kind'),
      width: 220,
      render: (_, p) => (
        <Flex vertical gap={2}>
          <span>{t(`catalogue.kindLabel.${p.current.kind}` as MessageKey)}</span>
          {p.current.level && <Typography.Text type="secondary">{vocabLabel('levels', p.current.level, locale)}</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'duration', title: t('catalogue.duration'), width: 120, render: (_, p) => durationText(t, p.current.duration) },
    {
      key: 'modes',
      title: t('catalogue.modes'),
      width: 200,
      render: (_, p) => p.current.modes.map((m) => t(`mode.${m}` as MessageKey)).join(', '),
    },
    { key: 'organiser', title: t('catalogue.organiser'), width: 220, render: (_, p) => <OrganiserTag version={p.current} /> },
    {
      key: 'rules',
      title: t('catalogue.ruleSet'),
      width: 140,
      render: (_, p) =>
        p.ruleSet ? (
          t('catalogue.rulesInForce', { n: p.ruleSet.rulesInForce })
        ) : (
          <Typography.Text type="secondary">{t('catalogue.noRuleSet')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className="nt-h1">{t('catalogue.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('catalogue.subtitle')}</Typography.Text>
        </div>
        {allows(list.data, 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('catalogue.create')}
          </Button>
        )}
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex gap={12} wrap>
            <Form.Item label={t('catalogue.search')} htmlFor="catalogue-search" style={{ flex: '2 1 240px', marginBottom: 8 }}>
              <Input
                id="catalogue-search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  update('q', e.target.value.trim() || null);
                }}
                allowClear
                prefix={<SearchOutlined aria-hidden />}
                placeholder={t('catalogue.searchPlaceholder')}
                maxLength={100}
              />
            </Form.Item>
            <Form.Item label={t('catalogue.kind')} htmlFor="catalogue-kind" style={{ flex: '1 1 220px', marginBottom: 8 }}>
              <Select
                id="catalogue-kind"
                value={kind}
                onChange={(v) => update('kind', v ?? null)}
                allowClear
                placeholder={t('catalogue.allKinds')}
                options={training.PROGRAMME_KINDS.map((k) => ({ value: k, label: t(`catalogue.kindLabel.${k}` as MessageKey) }))}
              />
            </Form.Item>
            <Form.Item label={t('catalogue.organiser')} htmlFor="catalogue-organiser" style={{ flex: '1 1 200px', marginBottom: 8 }}>
              <Select
                id="catalogue-organiser"
                value={organiserType}
                onChange={(v) => update('organiser', v ?? null)}
                allowClear
                placeholder={t('catalogue.allOrganisers')}
                options={training.ORGANISER_TYPES.map((o) => ({ value: o, label: t(`catalogue.organiserLabel.${o}` as MessageKey) }))}
              />
            </Form.Item>
            <Form.Item label={t('catalogue.asOf')} htmlFor="catalogue-asof" style={{ flex: '1 1 160px', marginBottom: 8 }}>
              <DatePicker
                id="catalogue-asof"
                value={toDayjs(asOf)}
                onChange={(d) => update('asOf', toIso(d))}
                format={VI_DATE_FORMATS}
                placeholder={t('catalogue.today')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Flex>
        </Form>
      </Card>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CatalogueProgramme>
          aria-label={t('catalogue.listLabel')}
          rowKey="code"
          size={isMobile ? 'small' : 'middle'}
          loading={list.isFetching}
          columns={isMobile ? columns.filter((c) => c.key === 'name' || c.key === 'organiser') : columns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('catalogue.empty')} /> }}
          footer={() => (list.data ? t('catalogue.count', { n: list.data.items.length, date: formatDate(list.data.asOf) }) : null)}
        />
      )}
      {creating && (
        <ProgrammeFormModal
          programme={null}
          onClose={() => setCreating(false)}
          onSaved={(code) => {
            setCreating(false);
            navigate(`/catalogue/${encodeURIComponent(code)}`);
          }}
        />
      )}
    </>
  );
}
