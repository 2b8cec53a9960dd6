/**
 * The buttons of one nomination, drawn from the `actions` the server sent with it (its nomination
 * policy decides who may approve, refuse, enrol or withdraw, and when): approve (the board step),
 * enrol (the school's acceptance), refuse (at the step the server names, `refusalStep`), withdraw.
 * The server decides again on each request; its refusal is shown.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NominationDecision, NominationDetail, NominationSummary } from '@nang-tam/contracts';
import { nominationsApi } from '../../api/classes';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';

type Step = NominationDecision['step'];

/** After any decision: the class's places, its lists and counts, the nomination itself. */
export function useInvalidateNominations() {
  const qc = useQueryClient();
  return (classId: number, nominationId?: number) => {
    void qc.invalidateQueries({ queryKey: ['classes', classId] });
    void qc.invalidateQueries({ queryKey: ['classes', 'list'] });
    if (nominationId) void qc.invalidateQueries({ queryKey: ['nominations', nominationId] });
  };
}

/** What the buttons need of a nomination. */
type Acted = Pick<NominationSummary, 'id' | 'actions' | 'refusalStep'> & { person: Pick<NominationSummary['person'], 'fullName'> };

interface Props {
  n: Acted;
  classId: number;
  /** Buttons with their text (a drawer) or icons only (a table row). */
  compact?: boolean;
  onDone?: (d: NominationDetail) => void;
}

export function NominationActions({ n, classId, compact = false, onDone }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const may = (a: NominationSummary['actions'][number]) => n.actions.includes(a);
  // approve and enrol are the board's and the school's approvals; nobody holds both steps at once
  const approveStep: Step | null = may('approve') ? 'board' : may('enrol') ? 'school' : null;
  const refuseStep: Step | null = may('refuse') ? n.refusalStep : null;
  const invalidate = useInvalidateNominations();
  const [modal, setModal] = useState<{ kind: 'refuse'; step: Step } | { kind: 'withdraw' } | null>(null);

  const done = (d: NominationDetail, text: string) => {
    message.success(text);
    invalidate(classId, n.id);
    onDone?.(d);
  };
  const approve = useMutation({
    mutationFn: (step: Step) => nominationsApi.decide(n.id, { step, decision: 'approved' }),
    onSuccess: (d, step) =>
      done(d, step === 'school' ? t('nom.enrolledDone', { name: n.person.fullName }) : t('nom.approvedDone', { name: n.person.fullName })),
    onError: (err) => message.error(errorMessage(err, locale)),
  });

  const label = (text: string) => (compact ? undefined : text);
  const name = n.person.fullName;
  if (!approveStep && !refuseStep && !may('withdraw')) return null;

  return (
    <>
      <Flex gap={compact ? 0 : 8} wrap>
        {approveStep && (
          <Popconfirm
            title={approveStep === 'school' ? t('nom.confirmEnrol', { name }) : t('nom.confirmApprove', { name })}
            okText={approveStep === 'school' ? t('nom.enrol') : t('nom.approve')}
            cancelText={t('action.cancel')}
            onConfirm={() => approve.mutateAsync(approveStep!).catch(() => undefined)}
          >
            <Button
              type={compact ? 'text' : 'primary'}
              icon={<CheckOutlined style={compact ? { color: '#16a34a' } : undefined} />}
              loading={approve.isPending}
              aria-label={compact ? `${approveStep === 'school' ? t('nom.enrol') : t('nom.approve')}: ${name}` : undefined}
              title={approveStep === 'school' ? t('nom.enrol') : t('nom.approve')}
            >
              {label(approveStep === 'school' ? t('nom.enrol') : t('nom.approve'))}
            </Button>
          </Popconfirm>
        )}
        {refuseStep && (
          <Button
            type={compact ? 'text' : 'default'}
            danger
            icon={<CloseOutlined />}
            aria-label={compact ? `${t('nom.refuse')}: ${name}` : undefined}
            title={t('nom.refuse')}
            onClick={() => setModal({ kind: 'refuse', step: refuseStep! })}
          >
            {label(t('nom.refuse'))}
          </Button>
        )}
        {may('withdraw') && (
          <Button
            type={compact ? 'text' : 'default'}
            icon={<RollbackOutlined />}
            aria-label={compact ? `${t('nom.withdraw')}: ${name}` : undefined}
            title={t('nom.withdraw')}
            onClick={() => setModal({ kind: 'withdraw' })}
          >
            {label(t('nom.withdraw'))}
          </Button>
        )}
      </Flex>
      {modal && (
        <ReasonModal
          n={n}
          kind={modal.kind}
          step={modal.kind === 'refuse' ? modal.step : null}
          onClose={() => setModal(null)}
          onDone={(d) => {
            setModal(null);
            done(d, modal.kind === 'refuse' ? t('nom.refusedDone', { name }) : t('nom.withdrawnDone', { name }));
          }}
        />
      )}
    </>
  );
}

/** A refusal (its reason is required) or a withdrawal (a note is optional). */
function ReasonModal({
  n,
  kind,
  step,
  onClose,
  onDone,
}: {
  n: Acted;
  kind: 'refuse' | 'withdraw';
  step: Step | null;
  onClose: () => void;
  onDone: (d: NominationDetail) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const send = useMutation({
    mutationFn: (note: string) =>
      kind === 'refuse'
        ? nominationsApi.decide(n.id, { step: step!, decision: 'refused', note })
        : nominationsApi.withdraw(n.id, note ? { note } : {}),
    onSuccess: onDone,
  });
  const refuse = kind === 'refuse';
  return (
    <Modal
      open
      title={refuse ? t('nom.refuseTitle', { name: n.person.fullName }) : t('nom.withdrawTitle', { name: n.person.fullName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={refuse ? t('nom.refuse') : t('nom.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('action.cancel')}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="nomination-reason" onFinish={(v) => send.mutate(v.note?.trim() ?? '')}>
        {send.isError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={errorMessage(send.error, locale)} />}
        <Typography.Paragraph type="secondary">{refuse ? t('nom.refuseHint') : t('nom.withdrawHint')}</Typography.Paragraph>
        <Form.Item
          name="note"
          label={refuse ? t('nom.reason') : t('nom.note')}
          rules={refuse ? [{ required: true, whitespace: true, message: t('nom.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
