/**
 * "Tạo dòng kế hoạch từ nhu cầu" (decision 0035): the board or home affairs picks a needs campaign of
 * the plan's year and a class size (empty: each programme's usual size); the server proposes one line
 * per programme × mode × quarter of the submitted needs; the user keeps the lines they want and adds
 * them to the draft version in one write (the same call as adding a line by hand).
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { NeedsPlanProposal, PlanLineInput, PlanVersion } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { needsApi } from '../../api/needs';
import { plansApi } from '../../api/plans';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { modeLabel } from '../eligibility/common';

type Proposed = NeedsPlanProposal['lines'][number];

export function FromNeedsModal({
  version,
  year,
  campaignId: initialCampaign,
  onClose,
  onAdded,
}: {
  version: PlanVersion;
  year: number;
  campaignId?: number | undefined;
  onClose: () => void;
  onAdded: (v: PlanVersion) => Promise<void>;
}) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const campaigns = useQuery({ queryKey: ['needs', 'campaigns'], queryFn: () => needsApi.campaigns() });
  const ofYear = (campaigns.data?.items ?? []).filter((c) => c.year === year);
  const [campaignId, setCampaignId] = useState<number | undefined>(initialCampaign);
  const chosen = campaignId ?? ofYear[0]?.id;
  const [classSize, setClassSize] = useState<number | null>(null);
  const [proposal, setProposal] = useState<NeedsPlanProposal | null>(null);
  const [keys, setKeys] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const keyOf = (l: Proposed) => `${l.programmeCode}|${l.mode}|${l.quarter}`;

  const propose = async () => {
    if (chosen === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const p = await plansApi.linesFromNeeds(chosen, classSize);
      setProposal(p);
      setKeys(p.lines.map(keyOf));
    } catch (e) {
      setProposal(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const add = async () => {
    if (!proposal) return;
    setBusy(true);
    setError(null);
    try {
      const lines: PlanLineInput[] = proposal.lines.filter((l) => keys.includes(keyOf(l))).map(({ programmeName: _n, classSize: _s, ...l }) => l);
      const saved = await plansApi.addLines(version.id, version.rowVersion, lines);
      message.success(t('fromNeeds.added', { n: lines.length }));
      await onAdded(saved);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open onCancel={onClose} width={960} title={t('fromNeeds.title')} footer={null} destroyOnHidden>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {campaigns.data && ofYear.length === 0 && <Alert type="info" showIcon title={t('fromNeeds.noCampaign', { year })} />}
        <Form layout="inline" name="from-needs">
          <Form.Item label={t('fromNeeds.campaign')}>
            <Select
              style={{ minWidth: 360 }}
              loading={campaigns.isPending}
              value={chosen}
              onChange={(v: number) => setCampaignId(v)}
              options={ofYear.map((c) => ({ value: c.id, label: c.title }))}
              data-testid="from-needs-campaign"
            />
          </Form.Item>
          <Form.Item label={t('fromNeeds.classSize')} tooltip={t('fromNeeds.classSizeHelp')} validateStatus={isApiError(error) && error.details.some((d) => d.path === 'classSize') ? 'error' : undefined}>
            <InputNumber<number> min={1} max={1000} precision={0} value={classSize} onChange={(v) => setClassSize(v ?? null)} data-testid="from-needs-class-size" />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => void propose()} loading={busy && !proposal} disabled={chosen === undefined} data-testid="from-needs-propose">
              {t('fromNeeds.propose')}
            </Button>
          </Form.Item>
        </Form>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorMessage(error, locale)}
            description={
              isApiError(error) && error.details.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {error.details.map((d, i) => (
                    <li key={i}>{fieldErrorMessage(d, locale)}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {proposal && (
          <>
            <Typography.Text type="secondary">{t('fromNeeds.note', { organiser: proposal.organiser.name })}</Typography.Text>
            <Table<Proposed>
              size="small"
              rowKey={keyOf}
              pagination={false}
              data-testid="from-needs-lines"
              locale={{ emptyText: t('fromNeeds.empty') }}
              dataSource={proposal.lines}
              rowSelection={{ selectedRowKeys: keys, onChange: (k) => setKeys(k.map(String)) }}
              columns={[
                { key: 'programme', title: t('plans.col.programme'), render: (_, l) => l.programmeName },
                { key: 'mode', title: t('plans.col.mode'), render: (_, l) => modeLabel(t, l.mode) },
                { key: 'quarter', title: t('plans.col.quarter'), align: 'right', render: (_, l) => l.quarter },
                { key: 'learners', title: t('plans.col.learners'), align: 'right', render: (_, l) => formatNumber(l.learners) },
                { key: 'size', title: t('fromNeeds.classSizeCol'), align: 'right', render: (_, l) => (l.classSize === null ? '—' : formatNumber(l.classSize)) },
                { key: 'classes', title: t('plans.col.classes'), align: 'right', render: (_, l) => formatNumber(l.classes) },
                { key: 'site', title: t('plans.col.site'), render: (_, l) => l.site },
              ]}
            />
            <Flex justify="end" gap={8}>
              <Button onClick={onClose}>{t('action.cancel')}</Button>
              <Button type="primary" disabled={keys.length === 0} loading={busy} onClick={() => void add()} data-testid="from-needs-add">
                {t('fromNeeds.add', { n: keys.length })}
              </Button>
            </Flex>
          </>
        )}
      </Space>
    </Modal>
  );
}
