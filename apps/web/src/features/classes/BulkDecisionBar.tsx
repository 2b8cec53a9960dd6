/**
 * Deciding many nominations at once (the board's approval, the school's acceptance, or a refusal
 * with its reason) on the class's nomination list: the rows picked are sent as one bulk decision
 * per step, and the server decides each on its own; its per-item outcomes are shown, person by person.
 */
import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { NominationBulkDecisionItem, NominationDecision, NominationSummary } from '@nang-tam/contracts';
import { nominationsApi } from '../../api/classes';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { useInvalidateNominations } from './NominationActions';

type Step = NominationDecision['step'];

/** The step an approval of this nomination is at, as its actions say (null: the user may not approve it). */
export const approvalStepOf = (n: Pick<NominationSummary, 'actions'>): Step | null =>
  n.actions.includes('approve') ? 'board' : n.actions.includes('enrol') ? 'school' : null;
/** The step a refusal of this nomination is at (null: the user may not refuse it). */
export const refusalStepOf = (n: Pick<NominationSummary, 'actions' | 'refusalStep'>): Step | null =>
  n.actions.includes('refuse') ? n.refusalStep : null;

/** Whether a row may be picked for a bulk decision. */
export const decidable = (n: Pick<NominationSummary, 'actions' | 'refusalStep'>) => approvalStepOf(n) !== null || refusalStepOf(n) !== null;

function byStep(rows: readonly NominationSummary[], stepOf: (n: NominationSummary) => Step | null): Map<Step, number[]> {
  const out = new Map<Step, number[]>();
  for (const n of rows) {
    const step = stepOf(n);
    if (step) out.set(step, [...(out.get(step) ?? []), n.id]);
  }
  return out;
}

interface Outcome {
  kind: 'approved' | 'refused';
  items: (NominationBulkDecisionItem & { name: string })[];
}

export function BulkDecisionBar({ classId, selected, onDone }: { classId: number; selected: NominationSummary[]; onDone: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const invalidate = useInvalidateNominations();
  const [refusing, setRefusing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const approvable = selected.filter((n) => approvalStepOf(n) !== null);
  const refusable = selected.filter((n) => refusalStepOf(n) !== null);
  const nameOf = new Map(selected.map((n) => [n.id, n.person.fullName]));

  const send = useMutation({
    mutationFn: async ({ kind, note }: { kind: Outcome['kind']; note?: string }) => {
      const groups = kind === 'approved' ? byStep(approvable, approvalStepOf) : byStep(refusable, refusalStepOf);
      const items: Outcome['items'] = [];
      for (const [step, ids] of groups) {
        const r = await nominationsApi.decideMany({ ids, step, decision: kind, ...(note ? { note } : {}) });
        items.push(...r.items.map((i) => ({ ...i, name: nameOf.get(i.id) ?? `#${i.id}` })));
      }
      return { kind, items };
    },
    onSuccess: (o) => {
      setRefusing(false);
      setOutcome(o);
      invalidate(classId);
      onDone();
    },
  });

  if (selected.length === 0 && !outcome) return null;
  const decided = outcome?.items.filter((i) => i.outcome === 'decided').length ?? 0;
  return (
    <>
      {selected.length > 0 && (
        <Flex
          className="nt-sticky-actions"
          justify="space-between"
          align="center"
          gap={8}
          wrap
          role="region"
          aria-label={t('nomBulk.barLabel')}
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 3,
            padding: '8px 12px',
            background: 'var(--ant-color-bg-container, #fff)',
            borderTop: '1px solid #e5e7eb',
          }}
        >
          <Typography.Text>{t('nomBulk.selected', { n: formatNumber(selected.length) })}</Typography.Text>
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={approvable.length === 0}
              loading={send.isPending && send.variables?.kind === 'approved'}
              onClick={() => send.mutate({ kind: 'approved' })}
            >
              {t('nomBulk.approve', { n: formatNumber(approvable.length) })}
            </Button>
            <Button danger icon={<CloseOutlined />} disabled={refusable.length === 0} onClick={() => setRefusing(true)}>
              {t('nomBulk.refuse', { n: formatNumber(refusable.length) })}
            </Button>
          </Flex>
          {send.isError && !refusing && <Alert type="error" showIcon role="alert" title={errorMessage(send.error, locale)} />}
        </Flex>
      )}
      <Modal
        open={refusing}
        title={t('nomBulk.refuseTitle', { n: formatNumber(refusable.length) })}
        onCancel={() => setRefusing(false)}
        onOk={() => form.submit()}
        okText={t('nomBulk.refuse', { n: formatNumber(refusable.length) })}
        okButtonProps={{ danger: true }}
        cancelText={t('action.cancel')}
        confirmLoading={send.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="nominations-bulk-refusal"
          onFinish={(v) => send.mutate({ kind: 'refused', note: v.note.trim() })}
        >
          {send.isError && (
            <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorMessage(send.error, locale)} />
          )}
          <Typography.Paragraph type="secondary">{t('nom.refuseHint')}</Typography.Paragraph>
          <Form.Item name="note" label={t('nom.reason')} rules={[{ required: true, whitespace: true, message: t('nom.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={outcome !== null}
        title={t(outcome?.kind === 'refused' ? 'nomBulk.refusedTitle' : 'nomBulk.approvedTitle', {
          n: formatNumber(decided),
          total: formatNumber(outcome?.items.length ?? 0),
        })}
        onCancel={() => setOutcome(null)}
        footer={<Button onClick={() => setOutcome(null)}>{t('action.close')}</Button>}
      >
        <List
          size="small"
          aria-label={t('nomBulk.resultLabel')}
          dataSource={outcome?.items ?? []}
          renderItem={(i) => (
            <List.Item>
              <Flex vertical gap={2}>
                <span>
                  <strong>{i.name}</strong> <Tag color={i.outcome === 'decided' ? 'green' : 'red'}>{t(`nomBulk.outcome.${i.outcome}`)}</Tag>
                </span>
                {i.error && <Typography.Text type="secondary">{i.error.message}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
