import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Divider, Form, Input, Modal, Segmented, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail, Lecturer, LecturerCreate, LecturerRef } from '@nang-tam/contracts';
import { lecturersApi } from '../../api/classes';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { applyServerErrors } from '../../shared/form-errors';
import { useDebounced } from '../../shared/hooks';
import { LecturerText, lecturerName } from './common';

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Lecturers to list first and to name the current value (e.g. the module's lecturers). */
  known?: readonly LecturerRef[];
  placeholder?: string;
  status?: '' | 'error' | 'warning';
  'aria-label'?: string;
  /** Offer to add a guest lecturer to the pool (the caller manages the class's sessions). */
  canAdd?: boolean;
}

/**
 * Chooses a lecturer of the pool (school lecturers and guest lecturers): type a few letters of the
 * name, with or without diacritics; the registrar can add a guest lecturer on the spot.
 */
export function LecturerPicker({ id, value, onChange, known = [], placeholder, status, canAdd = false, ...rest }: Props) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const found = useQuery({
    queryKey: ['lecturers', 'search', q],
    queryFn: ({ signal }) => lecturersApi.search(q, signal),
    staleTime: 30_000,
  });

  // every lecturer seen, so the chosen one keeps its name whatever the list shows now
  const seen = useRef(new Map<number, LecturerRef>());
  const options = useMemo(() => {
    for (const l of known) seen.current.set(l.id, l);
    for (const l of found.data?.items ?? []) seen.current.set(l.id, l);
    const ids = q
      ? (found.data?.items ?? []).map((l) => l.id)
      : [...new Set([...known.map((l) => l.id), ...(found.data?.items ?? []).map((l) => l.id)])];
    if (value && !ids.includes(value) && seen.current.has(value)) ids.unshift(value);
    return ids.map((lid) => {
      const l = seen.current.get(lid)!;
      return { value: l.id, label: <LecturerText lecturer={l} />, title: lecturerName(l) };
    });
  }, [known, found.data, q, value]);

  return (
    <>
      <Select<number | null>
        id={id}
        aria-label={rest['aria-label']}
        status={status}
        value={value ?? null}
        onChange={(v) => {
          onChange?.(v ?? null);
          setSearch('');
        }}
        options={options}
        optionLabelProp="title"
        showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false, autoClearSearchValue: true }}
        allowClear
        placeholder={placeholder ?? t('lecturer.pick')}
        loading={found.isFetching}
        notFoundContent={found.isFetching ? t('common.loading') : t('lecturer.noMatch')}
        popupMatchSelectWidth={false}
        styles={{ popup: { root: { maxWidth: 'min(560px, 95vw)' } } }}
        style={{ width: '100%' }}
        popupRender={(menu) => (
          <>
            {menu}
            {canAdd && (
              <>
                <Divider style={{ margin: '4px 0' }} />
                <Button type="link" icon={<PlusOutlined />} onClick={() => setCreating(true)} block style={{ textAlign: 'start' }}>
                  {t('lecturer.add')}
                </Button>
              </>
            )}
          </>
        )}
      />
      {creating && (
        <LecturerCreateModal
          initialName={search}
          onClose={() => setCreating(false)}
          onCreated={(l) => {
            seen.current.set(l.id, l);
            setCreating(false);
            setSearch('');
            onChange?.(l.id);
          }}
        />
      )}
    </>
  );
}

interface CreateValues {
  fullName: string;
  kind: 'school' | 'guest';
  title: string;
  organisation: string;
}

/** Adds a lecturer to the pool: a school lecturer or a guest lecturer (title, organisation). */
function LecturerCreateModal({
  initialName,
  onClose,
  onCreated,
}: {
  initialName: string;
  onClose: () => void;
  onCreated: (l: Lecturer) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [other, setOther] = useState<ErrorDetail[]>([]);
  const save = useMutation({
    mutationFn: (v: CreateValues) => {
      const text = (s: string) => (s.trim() === '' ? null : s.trim());
      const body: LecturerCreate = {
        fullName: v.fullName.trim().replace(/\s+/g, ' '),
        kind: v.kind,
        title: text(v.title),
        organisation: text(v.organisation),
      };
      return lecturersApi.create(body);
    },
    onSuccess: (l) => {
      void qc.invalidateQueries({ queryKey: ['lecturers'] });
      message.success(t('lecturer.added', { name: l.fullName }));
      onCreated(l);
    },
    onError: (err) => setOther(applyServerErrors(form, err, ['fullName', 'kind', 'title', 'organisation'], locale)),
  });
  return (
    <Modal
      open
      title={t('lecturer.addTitle')}
      onCancel={onClose}
      okText={t('action.add')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        name="lecturer"
        initialValues={{ fullName: initialName, kind: 'guest', title: '', organisation: '' }}
        onFinish={(v) => {
          setOther([]);
          save.mutate(v);
        }}
      >
        {save.isError && (other.length > 0 || !hasFieldDetails(save.error)) && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={errorMessage(save.error, locale)}
            description={other.length > 0 ? other.map((d) => fieldErrorMessage(d, locale)).join(' ') : undefined}
          />
        )}
        <Form.Item name="kind" label={t('lecturer.kind')}>
          <Segmented<'school' | 'guest'>
            options={[
              { value: 'school', label: t('lecturer.kind.school') },
              { value: 'guest', label: t('lecturer.kind.guest') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('person.fullName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label={t('lecturer.title')} tooltip={t('lecturer.titleHint')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="organisation" label={t('lecturer.organisation')}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
