import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { FormModal } from '../../shared/FormModal';

interface Props<V> {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Sends the record; a rejected promise's validation details land under the fields. */
  onSubmit: (values: V) => Promise<unknown>;
  fields: readonly string[];
  /** Form name: prefixes the field ids (unique on the page). */
  name: string;
  initialValues?: Partial<V>;
  children: (form: FormInstance<V>) => ReactNode;
}

/** A small modal form that adds one record to a person (qualification, assignment, ...). */
export function AddRecordModal<V extends object>(props: Props<V>) {
  const { t } = useI18n();
  return <FormModal<V> {...props} okText={t('action.add')} />;
}
