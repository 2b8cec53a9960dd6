import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Empty, Flex, Input, List, Spin, Typography } from 'antd';
import { CloseOutlined, DownOutlined, PlusOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { ClassDetail, EligibilityResult, NominationDetail, PersonListItem, PlanningEntry } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { nominationsApi } from '../../api/classes';
import { peopleApi } from '../../api/endpoints';
import { rulesApi } from '../../api/rules';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useDebounced, useIsMobile } from '../../shared/hooks';
import { CheckIcon, modeLabel, OutcomeTag } from '../eligibility/common';
import { EligibilityResultView } from '../eligibility/EligibilityTab';
import { dateRange, nominationsKey, NominationStatusTag } from './common';
import { useInvalidateNominations } from './NominationActions';

interface Entry {
  person: PersonListItem;
  expanded: boolean;
  override: boolean;
  reason: string;
  sent?: NominationDetail;
  error?: unknown;
}

const eligibilityKey = (personId: number, cls: ClassDetail) =>
  ['people', personId, 'eligibility', cls.programme.code, cls.mode, cls.startDate, null] as const;

/**
 * "Cử người đi học": the agency officer picks people of their unit subtree (search without
 * diacritics), sees each one's eligibility for the class's programme and mode as of its start date,
 * and sends the eligible ones. An ineligible person is refused with the failed conditions and their
 * sources; whoever the server allows to (the `override` action: the provincial board) may
 * nominate them anyway with a reason.
 */
export function NominateDrawer({ cls, open, onClose }: { cls: ClassDetail; open: boolean; onClose: () => void }) {
  const isMobile = useIsMobile();
  const { t } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} destroyOnHidden size={isMobile ? '100%' : 760} title={t('nom.nominateTitle', { name: cls.name })}>
      {open && <NominateForm cls={cls} onClose={onClose} />}
    </Drawer>
  );
}

function NominateForm({ cls, onClose }: { cls: ClassDetail; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const invalidate = useInvalidateNominations();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);

  // people already in the class's list (of those the user may see): not nominated twice
  const existingParams = { status: null, limit: 200, offset: 0 };
  const existing = useQuery({
    queryKey: [...nominationsKey(cls.id), 'list', existingParams],
    queryFn: ({ signal }) => nominationsApi.list(cls.id, existingParams, signal),
  });
  /** The server says whether the user may nominate an ineligible person with a reason. */
  const mayOverride = existing.data?.actions.includes('override') ?? false;
  const already = new Map(
    (existing.data?.items ?? []).filter((n) => n.status !== 'refused' && n.status !== 'withdrawn').map((n) => [n.person.id, n] as const),
  );

  const people = useQuery({
    queryKey: ['people', 'list', { q, limit: 8, offset: 0 }],
    queryFn: ({ signal }) => peopleApi.list({ q, limit: 8, offset: 0 }, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });

  // each person found, judged before being picked: eligibility for the class's programme and mode
  // as of its start (the same question, and cache, as the picked person's card below)
  const foundAnswers = useQueries({
    queries: (q.length >= 2 ? (people.data?.items ?? []) : []).map((p) => ({
      queryKey: eligibilityKey(p.id, cls),
      queryFn: () => rulesApi.personEligibility(p.id, { programme: cls.programme.code, mode: cls.mode, asOf: cls.startDate }),
      select: (d: { results: EligibilityResult[] }) =>
        d.results.find((r) => r.programmeCode === cls.programme.code && r.mode === cls.mode) ?? d.results[0],
      staleTime: 60_000,
    })),
  });
  const foundAnswer = new Map((people.data?.items ?? []).map((p, i) => [p.id, foundAnswers[i]?.data]));
  // and each one's planning (quy hoạch): the same record, and cache, as their profile
  const foundDetails = useQueries({
    queries: (q.length >= 2 ? (people.data?.items ?? []) : []).map((p) => ({
      queryKey: ['people', p.id],
      queryFn: () => peopleApi.get(p.id),
      staleTime: 60_000,
    })),
  });
  const foundPlanning = new Map((people.data?.items ?? []).map((p, i) => [p.id, foundDetails[i]?.data?.planningEntries]));

  const answers = useQueries({
    queries: entries.map((e) => ({
      queryKey: eligibilityKey(e.person.id, cls),
      queryFn: () => rulesApi.personEligibility(e.person.id, { programme: cls.programme.code, mode: cls.mode, asOf: cls.startDate }),
      select: (d: { results: EligibilityResult[] }) =>
        d.results.find((r) => r.programmeCode === cls.programme.code && r.mode === cls.mode) ?? d.results[0],
    })),
  });

  const update = (id: number, patch: Partial<Entry>) => setEntries((es) => es.map((e) => (e.person.id === id ? { ...e, ...patch } : e)));
  const add = (p: PersonListItem) => {
    if (entries.some((e) => e.person.id === p.id) || already.has(p.id)) return;
    setEntries((es) => [...es, { person: p, expanded: false, override: false, reason: '' }]);
  };
  const remove = (id: number) => setEntries((es) => es.filter((e) => e.person.id !== id));

  /** Who goes: the eligible, and the ineligible the board overrides with a reason; none sent already. */
  const ready = entries.filter((e, i) => {
    if (e.sent) return false;
    const r = answers[i]?.data;
    if (!r) return false;
    return r.outcome === 'eligible' || (mayOverride && e.override && e.reason.trim() !== '');
  });

  const send = async () => {
    setSending(true);
    let ok = 0;
    for (const e of ready) {
      const r = answers[entries.indexOf(e)]?.data;
      try {
        const sent = await nominationsApi.create(cls.id, {
          personId: e.person.id,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(r?.outcome !== 'eligible' ? { overrideReason: e.reason.trim() } : {}),
        });
        update(e.person.id, { sent, error: undefined });
        ok += 1;
      } catch (err) {
        update(e.person.id, { error: err });
      }
    }
    setSending(false);
    invalidate(cls.id);
    if (ok > 0) message.success(t('nom.sentN', { n: formatNumber(ok) }));
  };

  const inBasket = new Set(entries.map((e) => e.person.id));
  const allSent = entries.length > 0 && entries.every((e) => e.sent);

  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        title={`${cls.programme.name} · ${modeLabel(t, cls.mode)} · ${dateRange(cls.startDate, cls.endDate)}`}
        description={t('nom.nominateIntro', { date: formatDate(cls.startDate), unit: me.unit.name, free: formatNumber(cls.freePlaces) })}
      />

      <Card size="small" title={t('nom.findPeople')}>
        <Flex vertical gap={8}>
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('nom.searchPlaceholder')}
            aria-label={t('nom.searchPeople')}
            maxLength={100}
            data-testid="nominate-search"
            autoFocus
          />
          {q.length < 2 ? (
            <Typography.Text type="secondary">{t('nom.searchHint')}</Typography.Text>
          ) : people.isError ? (
            <Alert type="error" showIcon title={errorMessage(people.error, locale)} />
          ) : (
            <List<PersonListItem>
              size="small"
              loading={people.isFetching}
              aria-label={t('nom.searchResults')}
              dataSource={people.data?.items ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nom.noPeople')} /> }}
              renderItem={(p) => {
                const inClass = already.get(p.id);
                return (
                  <List.Item
                    actions={[
                      inClass ? (
                        <NominationStatusTag key="in" status={inClass.status} position={inClass.waitlistPosition} />
                      ) : (
                        <Button
                          key="add"
                          size="small"
                          icon={<PlusOutlined />}
                          disabled={inBasket.has(p.id)}
                          onClick={() => add(p)}
                          aria-label={t('nom.pickOf', { name: p.fullName })}
                        >
                          {inBasket.has(p.id) ? t('nom.picked') : t('nom.pick')}
                        </Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={p.fullName}
                      description={
                        <>
                          {[formatDate(p.birthDate), p.title?.name, p.unit.name].filter(Boolean).join(' · ')}
                          {!inClass && <FoundEligibility result={foundAnswer.get(p.id)} />}
                          <FoundPlanning entries={foundPlanning.get(p.id)} />
                          {inClass && (
                            <Typography.Text type="secondary" style={{ display: 'block' }}>
                              {t('nom.alreadyInClass')}
                            </Typography.Text>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          )}
          {people.data && people.data.total > people.data.items.length && q.length >= 2 && (
            <Typography.Text type="secondary">{t('nom.moreResults', { n: formatNumber(people.data.total) })}</Typography.Text>
          )}
        </Flex>
      </Card>

      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('nom.chosen', { n: formatNumber(entries.length) })}
        </Typography.Title>
        {entries.length === 0 ? (
          <Typography.Text type="secondary">{t('nom.chosenEmpty')}</Typography.Text>
        ) : (
          <Flex vertical gap={8} role="list" aria-label={t('nom.chosenLabel')}>
            {entries.map((e, i) => (
              <EntryCard
                key={e.person.id}
                entry={e}
                answer={answers[i]}
                mayOverride={mayOverride}
                onChange={(patch) => update(e.person.id, patch)}
                onRemove={() => remove(e.person.id)}
              />
            ))}
          </Flex>
        )}
      </div>

      {entries.length > 0 && !allSent && (
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={2000}
          placeholder={t('nom.notePlaceholder')}
          aria-label={t('nom.note')}
        />
      )}

      <Flex
        gap={8}
        justify="flex-end"
        wrap
        style={{ position: 'sticky', bottom: -24, zIndex: 5, background: '#fff', padding: '12px 0 16px', borderTop: '1px solid #f0f0f0' }}
      >
        <Button onClick={onClose}>{allSent ? t('action.close') : t('action.cancel')}</Button>
        {!allSent && (
          <Button type="primary" onClick={() => void send()} loading={sending} disabled={ready.length === 0}>
            {t('nom.send', { n: formatNumber(ready.length) })}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

function EntryCard({
  entry: e,
  answer,
  mayOverride,
  onChange,
  onRemove,
}: {
  entry: Entry;
  answer: { data?: EligibilityResult; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown } | undefined;
  mayOverride: boolean;
  onChange: (patch: Partial<Entry>) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useI18n();
  const r = answer?.data;
  const failed = r ? r.rules.filter((x) => x.outcome === 'fail' || x.outcome === 'missing_fact') : [];
  const p = e.person;
  const sendError = e.error;

  return (
    <Card size="small" role="listitem" aria-label={p.fullName} data-testid="nominee">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="start" gap={8}>
          <Flex vertical gap={0} style={{ minWidth: 0 }}>
            <strong>{p.fullName}</strong>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[formatDate(p.birthDate), p.title?.name, p.unit.name].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
          <Flex gap={6} align="center">
            {e.sent ? (
              <NominationStatusTag status={e.sent.status} position={e.sent.waitlistPosition} />
            ) : answer?.isPending ? (
              <Spin size="small" />
            ) : (
              r && <OutcomeTag outcome={r.outcome} />
            )}
            {!e.sent && (
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('nom.unpickOf', { name: p.fullName })}
                onClick={onRemove}
              />
            )}
          </Flex>
        </Flex>

        {answer?.isError && <Alert type="error" showIcon title={errorMessage(answer.error, locale)} />}
        {r && (
          <>
            {/* every condition, green or red, with its source: the explanation before sending */}
            <Flex vertical gap={4} aria-label={t('nom.conditions')}>
              {r.rules
                .filter((x) => x.outcome !== 'not_applicable')
                .map((x) => (
                  <Flex key={`${x.ruleId}@${x.version}`} gap={8} align="flex-start" data-testid="nominee-rule">
                    <span style={{ marginTop: 1 }}>
                      <CheckIcon outcome={x.outcome} />
                    </span>
                    <Typography.Text style={{ fontSize: 13 }}>
                      {x.description}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        ({t('source.label')}: {x.source.code}
                        {x.source.article ? `, ${x.source.article}` : ''})
                      </Typography.Text>
                      {/* a failed condition says what was found, not only what the rule requires */}
                      {x.outcome === 'fail' && (
                        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                          {t('elig.found')}: {x.message}
                        </Typography.Text>
                      )}
                    </Typography.Text>
                  </Flex>
                ))}
            </Flex>
            {r.outcome !== 'eligible' && !e.sent && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('nom.refusedTitle')}
                description={
                  <Flex vertical gap={2}>
                    <span>{r.summary}</span>
                    {failed.map((x) => (
                      <span key={x.ruleId}>
                        • {x.message} ({t('source.label')}: {x.source.code}
                        {x.source.article ? `, ${x.source.article}` : ''})
                      </span>
                    ))}
                    {r.missingLabels.length > 0 && <strong>{t('elig.missingFacts', { list: r.missingLabels.join(', ') })}</strong>}
                  </Flex>
                }
              />
            )}
            {r.outcome !== 'eligible' && !e.sent && mayOverride && (
              <Flex vertical gap={6}>
                <Checkbox checked={e.override} onChange={(ev) => onChange({ override: ev.target.checked })}>
                  {t('nom.overrideCheck')}
                </Checkbox>
                {e.override && (
                  <Input.TextArea
                    value={e.reason}
                    onChange={(ev) => onChange({ reason: ev.target.value })}
                    rows={2}
                    maxLength={2000}
                    status={e.reason.trim() === '' ? 'warning' : undefined}
                    placeholder={t('nom.overridePlaceholder')}
                    aria-label={t('nom.overrideReasonOf', { name: p.fullName })}
                  />
                )}
              </Flex>
            )}
            <div>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                icon={e.expanded ? <UpOutlined /> : <DownOutlined />}
                onClick={() => onChange({ expanded: !e.expanded })}
                aria-expanded={e.expanded}
              >
                {e.expanded ? t('nom.hideExplanation') : t('nom.showExplanation')}
              </Button>
              {e.expanded && (
                <div style={{ marginTop: 8 }}>
                  <EligibilityResultView result={r} />
                </div>
              )}
            </div>
          </>
        )}

        {e.sent && (
          <Alert
            type={e.sent.status === 'waitlisted' ? 'warning' : 'success'}
            showIcon
            title={e.sent.status === 'waitlisted' ? t('nom.sentWaitlisted', { n: e.sent.waitlistPosition ?? 0 }) : t('nom.sentOk')}
          />
        )}
        {sendError !== undefined && !e.sent && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorMessage(sendError, locale)}
            description={
              isApiError(sendError) && sendError.details.length > 0 ? (
                <Flex vertical gap={2}>
                  {sendError.details.map((d, i) => (
                    <span key={i}>• {fieldErrorMessage(d, locale)}</span>
                  ))}
                </Flex>
              ) : undefined
            }
          />
        )}
      </Flex>
    </Card>
  );
}

/** A person found, before being picked: the posts they are planned for (quy hoạch), if any. */
function FoundPlanning({ entries }: { entries: readonly PlanningEntry[] | undefined }) {
  const { t } = useI18n();
  if (!entries || entries.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="found-planning">
      {t('nom.foundPlanning', { entries: entries.map((e) => `${e.title.name} (${e.term})`).join('; ') })}
    </Typography.Text>
  );
}

/** A person found, before being picked: eligible, or not with the first failing (or undecidable) condition. */
function FoundEligibility({ result }: { result: EligibilityResult | undefined }) {
  if (!result) return null;
  const first = result.rules.find((r) => r.outcome === 'fail') ?? result.rules.find((r) => r.outcome === 'missing_fact');
  return (
    <Flex gap={4} align="baseline" wrap style={{ marginTop: 2 }} data-testid="found-eligibility">
      <OutcomeTag outcome={result.outcome} />
      {result.outcome !== 'eligible' && first && (
        <Typography.Text type={result.outcome === 'not_eligible' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
          {first.description}: {first.message}
        </Typography.Text>
      )}
    </Flex>
  );
}
