/**
 * The buttons of one outside-training record, drawn from the `actions` the server sent with it
 * (its policy decides who approves, refuses, records the sending decision or the result, withdraws,
 * and when). Each form's field errors come back from the server under their fields.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Popconfirm, Select } from 'antd';
import { CheckOutlined, CloseOutlined, FileDoneOutlined, RollbackOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { OutsideDetail, OutsideResult } from '@nang-tam/contracts';
import { outsideApi } from '../../api/outside';
import { useI18n } from '../../i18n';
import { VI_DATE_FORMATS, notInFuture, toIso } from '../../shared/dates';
import { errorMessage } from '../../shared/errors';
import { FormModal } from '../../shared/FormModal';
import { CLASSIFICATIONS, OUTSIDE_RESULTS } from './common';
import type { Dayjs } from 'dayjs';

type Modal = 'refuse' | 'recordDecision' | 'recordResult' | 'withdraw' | null;

export function OutsideActions({ r }: { r: OutsideDetail }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [modal, setModal] = useState<Modal>(null);
  const [approving, setApproving] = useState(false);
  const may = (a: OutsideDetail['actions'][number]) => r.actions.includes(a);
  const name = r.person.fullName;

  const done = (d: OutsideDetail) => {
    qc.setQueryData(['outside', d.id], d);
    void qc.invalidateQueries({ queryKey: ['outside', 'list'] });
    void qc.invalidateQueries({ queryKey: ['people', d.person.id] });
    message.success(t('out.done'));
  };
  const dateProps = {
    format: VI_DATE_FORMATS,
    placeholder: t('common.datePlaceholder'),
    style: { width: '100%' },
    disabledDate: notInFuture,
  };

  if (r.actions.length === 0) return null;
  return (
    <>
      <Flex gap={8} wrap>
        {may('approve') && (
          <Popconfirm
            title={t('out.confirmApprove', { name })}
            okText={t('out.approve')}
            cancelText={t('action.cancel')}
            onConfirm={async () => {
              setApproving(true);
              try {
                done(await outsideApi.decide(r.id, { decision: 'approved' }));
              } catch (err) {
                message.error(errorMessage(err, locale));
              } finally {
                setApproving(false);
              }
            }}
          >
            <Button type="primary" icon={<CheckOutlined />} loading={approving}>
              {t('out.approve')}
            </Button>
          </Popconfirm>
        )}
        {may('refuse') && (
          <Button danger icon={<CloseOutlined />} onClick={() => setModal('refuse')}>
            {t('out.refuse')}
          </Button>
        )}
        {may('recordDecision') && (
          <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setModal('recordDecision')}>
            {t('out.recordDecision')}
          </Button>
        )}
        {may('recordResult') && (
          <Button type="primary" icon={<TrophyOutlined />} onClick={() => setModal('recordResult')}>
            {t('out.recordResult')}
          </Button>
        )}
        {may('withdraw') && (
          <Button icon={<RollbackOutlined />} onClick={() => setModal('withdraw')}>
            {t('out.withdraw')}
          </Button>
        )}
      </Flex>

      <FormModal<{ note: string }>
        open={modal === 'refuse'}
        name="outside-refuse"
        title={`${t('out.refuse')}: ${name}`}
        okText={t('out.refuse')}
        fields={['note']}
        onClose={() => setModal(null)}
        onSubmit={async (v) => done(await outsideApi.decide(r.id, { decision: 'refused', note: v.note ?? '' }))}
      >
        {() => (
          <Form.Item name="note" label={t('out.refuseReason')} rules={[{ required: true, whitespace: true, message: t('out.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </FormModal>

      <FormModal<{ note?: string }>
        open={modal === 'withdraw'}
        name="outside-withdraw"
        title={`${t('out.withdraw')}: ${name}`}
        okText={t('out.withdraw')}
        fields={['note']}
        onClose={() => setModal(null)}
        onSubmit={async (v) => done(await outsideApi.withdraw(r.id, v.note ? { note: v.note } : {}))}
      >
        {() => (
          <Form.Item name="note" label={t('out.withdrawReason')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </FormModal>

      <FormModal<{ number: string; date: Dayjs | null; signer: string; note?: string }>
        open={modal === 'recordDecision'}
        name="outside-decision"
        title={`${t('out.recordDecision')}: ${name}`}
        okText={t('action.save')}
        fields={['number', 'date', 'signer', 'note']}
        onClose={() => setModal(null)}
        onSubmit={async (v) =>
          done(
            await outsideApi.recordDecision(r.id, {
              number: v.number ?? '',
              date: toIso(v.date) ?? '',
              signer: v.signer ?? '',
              ...(v.note ? { note: v.note } : {}),
            }),
          )
        }
      >
        {() => (
          <>
            <Form.Item
              name="number"
              label={t('out.decisionNumber')}
              rules={[{ required: true, whitespace: true, message: t('out.required') }]}
            >
              <Input maxLength={100} placeholder="125-QĐ/TU" />
            </Form.Item>
            <Form.Item name="date" label={t('out.decisionDate')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker {...dateProps} />
            </Form.Item>
            <Form.Item
              name="signer"
              label={t('out.decisionSigner')}
              rules={[{ required: true, whitespace: true, message: t('out.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="note" label={t('out.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </FormModal>

      <FormModal<{ result: OutsideResult; classification?: string; date: Dayjs | null; certificateNo?: string; note?: string }>
        open={modal === 'recordResult'}
        name="outside-result"
        title={`${t('out.recordResult')}: ${name}`}
        okText={t('action.save')}
        fields={['result', 'classification', 'date', 'certificateNo', 'note']}
        initialValues={{ result: 'graduated' }}
        onClose={() => setModal(null)}
        onSubmit={async (v) =>
          done(
            await outsideApi.recordResult(r.id, {
              result: v.result,
              classification: v.result === 'graduated' ? ((v.classification ?? null) as 'kha' | null) : null,
              date: toIso(v.date) ?? '',
              ...(v.certificateNo ? { certificateNo: v.certificateNo } : {}),
              ...(v.note ? { note: v.note } : {}),
            }),
          )
        }
      >
        {(form) => (
          <>
            <Form.Item name="result" label={t('out.result')} rules={[{ required: true, message: t('out.required') }]}>
              <Select options={OUTSIDE_RESULTS.map((x) => ({ value: x, label: t(`out.result.${x}`) }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.result !== b.result}>
              {() =>
                form.getFieldValue('result') === 'graduated' && (
                  <Form.Item name="classification" label={t('out.classification')}>
                    <Select options={CLASSIFICATIONS} allowClear />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="date" label={t('out.resultDate')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker {...dateProps} />
            </Form.Item>
            <Form.Item name="certificateNo" label={t('out.certificateNo')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('out.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}
