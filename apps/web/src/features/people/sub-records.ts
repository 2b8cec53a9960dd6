import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonDetail } from '@nang-tam/contracts';
import { peopleApi, type SubRecordInputs, type SubRecordKind } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';

export type AddVars = { [K in SubRecordKind]: { kind: K; body: SubRecordInputs[K] } }[SubRecordKind];

/** Adding and removing qualifications, assignments, planning entries and appraisals of one person. */
export function useSubRecords(personId: number) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t, locale } = useI18n();

  const settle = (detail: PersonDetail) => {
    qc.setQueryData(['people', personId], detail);
    void qc.invalidateQueries({ queryKey: ['people', 'list'] });
    void qc.invalidateQueries({ queryKey: ['people', personId, 'audit'] });
  };

  const add = useMutation({
    mutationFn: (v: AddVars) => peopleApi.addSub(personId, v.kind, v.body as never),
    onSuccess: (detail) => {
      settle(detail);
      message.success(t('records.added'));
    },
  });

  const remove = useMutation({
    mutationFn: (v: { kind: SubRecordKind; itemId: number }) => peopleApi.removeSub(personId, v.kind, v.itemId),
    onSuccess: (detail) => {
      settle(detail);
      message.success(t('records.removed'));
    },
    onError: (err) => {
      message.error(errorMessage(err, locale));
    },
  });

  return { add, remove };
}
