import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { ErrorDetail } from '@nang-tam/contracts';
import { useI18n } from '../i18n';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from './errors';
import { applyServerErrors } from './form-errors';

interface Props<V> {
  open: boolean;
  title: ReactNode;
  okText: string;
  onClose: () => void;
  /** Sends the form; a rejected promise's validation details land under the fields, the rest above them. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Field names the server's details may name (their first path segment). */
  fields: readonly string[];
  /** Form name: prefixes the field ids (unique on the page). */
  name: string;
  initialValues?: Partial<V>;
  intro?: ReactNode;
  width?: number;
  children: (form: FormInstance<V>) => ReactNode;
}

/** A modal form whose server validation details land under its fields (recall, make-up, a person's records…). */
export function FormModal<V extends object>({
  open,
  title,
  okText,
  onClose,
  onSubmit,
  fields,
  name,
  initialValues,
  intro,
  width,
  children,
}: Props<V>) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [other, setOther] = useState<ErrorDetail[]>([]);

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    setOther([]);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      setError(e);
      setOther(applyServerErrors(form, e, fields, locale));
    } finally {
      setSaving(false);
    }
  };

  const showAlert = error !== null && (!hasFieldDetails(error) || other.length > 0);

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      width={width}
      destroyOnHidden
    >
      {intro}
      {showAlert && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorMessage(error, locale)}
          description={
            other.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {other.map((d, i) => (
                  <li key={i}>{fieldErrorMessage(d, locale)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form<V> form={form} name={name} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)}>
        {children(form)}
      </Form>
    </Modal>
  );
}
