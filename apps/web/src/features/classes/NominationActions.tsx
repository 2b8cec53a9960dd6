/**
 * What the current user may do with one nomination, by permission and by the next step of the
 * chain: the board (or home affairs, by programme) approves or refuses a nominated person; the
 * school accepts or refuses one the board approved; the sending agency withdraws its nomination;
 * the school withdraws an enrolled learner. The server decides in the end; its refusal is shown.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NominationClass, NominationDetail, NominationSummary } from '@nang-tam/contracts';
import { nominationsApi } from '../../api/classes';
import { useCan, useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';

type Step = 'board' | 'school';

/** The step due for a nomination, or null when none is (enrolled, waitlisted, closed). */
export function nextStep(status: NominationSummary['status']): Step | null {
  if (status === 'nominated' || status === 'approved_agency') return 'board';
  if (status === 'approved_board') return 'school';
  return null;
}

export interface Allowed {
  approve: Step | null;
  /** A refusal at this step (a waitlisted nomination can be refused by the board). */
  refuse: Step | null;
  withdraw: boolean;
}

export function useAllowed(): (n: Pick<NominationSummary, 'status'>, cls: Pick<NominationClass, 'approver'>) => Allowed {
  const can = useCan();
  const me = useCurrentUser();
  return (n, cls) => {
    const board = can('nominations.approve') && (me.role === 'system_admin' || me.role === cls.approver);
    const school = can('classes.manage');
    const step = nextStep(n.status);
    const approve = step === 'board' ? (board ? 'board' : null) : step === 'school' ? (school ? 'school' : null) : null;
    const refuse = n.status === 'waitlisted' ? (board ? 'board' : null) : approve;
    const open = n.status !== 'refused' && n.status !== 'withdrawn';
    const withdraw = open && (n.status === 'enrolled' ? school : can('nominations.write'));
    return { approve, refuse, withdraw };
  };
}

/** After any decision: the class's places, its lists and counts, the nomination itself. */
export function useInvalidateNominations() {
  const qc = useQueryClient();
  return (classId: number, nominationId?: number) => {
    void qc.invalidateQueries({ queryKey: ['classes', classId] });
    void qc.invalidateQueries({ queryKey: ['classes', 'list'] });
    if (nominationId) void qc.invalidateQueries({ queryKey: ['nominations', nominationId] });
  };
}

interface Props {
  n: NominationSummary;
  cls: Pick<NominationClass, 'id' | 'approver'>;
  /** Buttons with their text (a drawer) or icons only (a table row). */
  compact?: boolean;
  onDone?: (d: NominationDetail) => void;
}

export function NominationActions({ n, cls, compact = false, onDone }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const allowed = useAllowed()(n, cls);
  const invalidate = useInvalidateNominations();
  const [modal, setModal] = useState<{ kind: 'refuse'; step: Step } | { kind: 'withdraw' } | null>(null);

  const done = (d: NominationDetail, text: string) => {
    message.success(text);
    invalidate(cls.id, n.id);
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
  if (!allowed.approve && !allowed.refuse && !allowed.withdraw) return null;

  return (
    <>
      <Flex gap={compact ? 0 : 8} wrap>
        {allowed.approve && (
          <Popconfirm
            title={allowed.approve === 'school' ? t('nom.confirmEnrol', { name }) : t('nom.confirmApprove', { name })}
            okText={allowed.approve === 'school' ? t('nom.enrol') : t('nom.approve')}
            cancelText={t('action.cancel')}
            onConfirm={() => approve.mutateAsync(allowed.approve!).catch(() => undefined)}
          >
            <Button
              type={compact ? 'text' : 'primary'}
              icon={<CheckOutlined style={compact ? { color: '#16a34a' } : undefined} />}
              loading={approve.isPending}
              aria-label={compact ? `${allowed.approve === 'school' ? t('nom.enrol') : t('nom.approve')}: ${name}` : undefined}
              title={allowed.approve === 'school' ? t('nom.enrol') : t('nom.approve')}
            >
              {label(allowed.approve === 'school' ? t('nom.enrol') : t('nom.approve'))}
            </Button>
          </Popconfirm>
        )}
        {allowed.refuse && (
          <Button
            type={compact ? 'text' : 'default'}
            danger
            icon={<CloseOutlined />}
            aria-label={compact ? `${t('nom.refuse')}: ${name}` : undefined}
            title={t('nom.refuse')}
            onClick={() => setModal({ kind: 'refuse', step: allowed.refuse! })}
          >
            {label(t('nom.refuse'))}
          </Button>
        )}
        {allowed.withdraw && (
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
  n: NominationSummary;
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
