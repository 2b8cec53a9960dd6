import { useState } from 'react';
import { Alert, Card, Empty, Flex, Form, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { EligibilityResult } from '@nang-tam/contracts';
import { rulesApi, useProgrammes } from '../../api/rules';
import { useI18n, type MessageKey } from '../../i18n';
import { useDebounced, useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { foldedFilter } from '../../shared/select';
import { AsOfPicker, CheckIcon, formatFacts, modeLabel, OutcomeTag, SourceText, today, useCodeNames } from './common';

type RuleRow = EligibilityResult['rules'][number];

const ROW_BG: Record<RuleRow['outcome'], string> = {
  pass: '#f0fdf4',
  fail: '#fef2f2',
  missing_fact: '#f3f4f6',
  not_applicable: '#fafafa',
};

function RuleItem({ r }: { r: RuleRow }) {
  const { t, label } = useI18n();
  const names = useCodeNames();
  const facts = formatFacts(t, label, names, r.facts);
  return (
    <List.Item style={{ display: 'block', background: ROW_BG[r.outcome], borderRadius: 8, padding: '10px 12px', marginBottom: 8, border: 'none' }}>
      <Flex gap={10} align="flex-start">
        <span style={{ marginTop: 2 }}>
          <CheckIcon outcome={r.outcome} />
        </span>
        <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text type="secondary">{t('elig.condition')}:</Typography.Text>
            <Typography.Text strong>{r.description}</Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`check.${r.outcome}` as MessageKey)}</Tag>
          </Flex>
          {facts && (
            <Typography.Text>
              <Typography.Text type="secondary">{t('elig.facts')}: </Typography.Text>
              {facts}
            </Typography.Text>
          )}
          <Typography.Text>
            <Typography.Text type="secondary">{t('elig.found')}: </Typography.Text>
            <span>{r.message}</span>
          </Typography.Text>
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
          <SourceText source={r.source} period={r.period} />
        </Flex>
      </Flex>
    </List.Item>
  );
}

export function EligibilityResultView({ result }: { result: EligibilityResult }) {
  const { t } = useI18n();
  const type = result.outcome === 'eligible' ? 'success' : result.outcome === 'not_eligible' ? 'error' : 'warning';
  return (
    <Flex vertical gap={12}>
      <Alert
        type={type}
        showIcon
        title={
          <Flex gap={8} wrap align="center">
            <OutcomeTag outcome={result.outcome} large />
            <span>
              {result.programmeName} · {modeLabel(t, result.mode)}
            </span>
          </Flex>
        }
        description={
          <Flex vertical gap={4}>
            <span>{result.summary}</span>
            {result.missingLabels.length > 0 && <strong>{t('elig.missingFacts', { list: result.missingLabels.join(', ') })}</strong>}
          </Flex>
        }
      />
      {result.notes.length > 0 && (
        <Card size="small" title={t('elig.notes')}>
          {result.notes.map((n, i) => (
            <Flex key={i} vertical style={{ marginBottom: 6 }}>
              <span>{n.text}</span>
              <SourceText source={n.source} />
            </Flex>
          ))}
        </Card>
      )}
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('elig.rules')}
        </Typography.Title>
        <List dataSource={result.rules} split={false} rowKey={(r) => `${r.ruleId}@${r.version}`} renderItem={(r) => <RuleItem r={r} />} />
      </div>
    </Flex>
  );
}

/** Eligibility explainer: programme + mode + date → outcome and every rule with its facts and source. */
export function EligibilityTab({ personId }: { personId: number }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const programmes = useProgrammes();
  // A link may open the tab on a programme, mode and date (the candidate list does): ?programme=…&mode=…&asOf=…
  const [sp] = useSearchParams();
  const [programme, setProgramme] = useState<string | null>(() => sp.get('programme'));
  const [mode, setMode] = useState<string | null>(() => sp.get('mode'));
  const [asOf, setAsOf] = useState(() => {
    const d = sp.get('asOf');
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : today();
  });
  const prog = programmes.data?.items.find((p) => p.code === programme);
  // a code from the URL that is no programme (any more) is no choice
  const chosen = programmes.data && !prog ? null : programme;
  const modes = prog?.modes ?? [];
  const effectiveMode = mode && modes.includes(mode as (typeof modes)[number]) ? mode : (modes[0] ?? null);

  // the field the person would study: only rules matching it with the job position read it (postgraduate)
  const [studyFieldInput, setStudyFieldInput] = useState(() => sp.get('studyField') ?? '');
  const studyField = useDebounced(studyFieldInput.trim(), 400) || null;
  const q = useQuery({
    queryKey: ['people', personId, 'eligibility', chosen, effectiveMode, asOf, studyField],
    queryFn: () => rulesApi.personEligibility(personId, { programme: chosen!, mode: effectiveMode, asOf, studyField }),
    enabled: !!chosen && !!effectiveMode,
    placeholderData: keepPreviousData,
  });
  const result = q.data?.results.find((r) => r.programmeCode === chosen && r.mode === effectiveMode) ?? q.data?.results[0];
  const asksStudyField = prog?.kind === 'postgraduate' || studyField !== null || (result?.missing.includes('studyField') ?? false);

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('elig.intro')}</Typography.Text>
      <Form layout={isMobile ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
        <Form.Item label={t('elig.programme')} htmlFor="elig-programme" style={{ minWidth: isMobile ? undefined : 360 }}>
          <Select
            id="elig-programme"
            value={chosen}
            onChange={(v) => {
              setProgramme(v);
              setMode(null);
            }}
            placeholder={t('elig.chooseProgramme')}
            loading={programmes.isPending}
            showSearch={{ filterOption: foldedFilter }}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
            style={{ width: '100%', minWidth: isMobile ? undefined : 340 }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        {modes.length > 0 && (
          <Form.Item label={t('elig.mode')}>
            <Segmented
              value={effectiveMode ?? undefined}
              onChange={(v) => setMode(String(v))}
              options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('common.asOf')} htmlFor="elig-asof">
          <AsOfPicker id="elig-asof" value={asOf} onChange={setAsOf} />
        </Form.Item>
        {asksStudyField && (
          <Form.Item label={t('elig.studyField')} htmlFor="elig-study-field">
            <Input
              id="elig-study-field"
              value={studyFieldInput}
              onChange={(e) => setStudyFieldInput(e.target.value)}
              placeholder={t('elig.studyFieldPlaceholder')}
              maxLength={200}
              allowClear
              style={{ width: isMobile ? '100%' : 240 }}
            />
          </Form.Item>
        )}
      </Form>
      {programmes.isError && <PageError error={programmes.error} onRetry={() => void programmes.refetch()} />}
      {!chosen ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('elig.pickFirst')} />
      ) : q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : result ? (
        <Space direction="vertical" style={{ width: '100%', opacity: q.isFetching ? 0.6 : 1 }}>
          <EligibilityResultView result={result} />
        </Space>
      ) : null}
    </Flex>
  );
}
