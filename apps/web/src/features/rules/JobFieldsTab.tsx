/**
 * The fields of study that match each job position (read by the field-matching rule of
 * postgraduate study): one row per position, the fields as tags (type and press Enter, or paste a
 * list separated by commas), saved row by row.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Select, Table, Typography, message, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { rulesApi, type JobPosition } from '../../api/rules';
import { useI18n } from '../../i18n';
import { isApiError } from '../../api/client';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { invalidateAnswers } from './versioning';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The tag input and save / undo buttons of one job position. */
function FieldsEditor({ job }: { job: JobPosition }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [fields, setFields] = useState<string[]>(job.fields);
  const [error, setError] = useState<string | null>(null);
  const dirty = !sameList(fields, job.fields);
  const save = useMutation({
    mutationFn: () => rulesApi.setJobPositionFields(job.code, fields),
    onSuccess: async (saved) => {
      setFields(saved.fields);
      setError(null);
      message.success(t('jobf.saved', { name: job.name }));
      await invalidateAnswers(qc, 'fields');
    },
    onError: (e) => {
      if (isApiError(e) && e.details.length > 0) {
        // details name the field by its index: fields.3 → the fourth tag
        setError(
          e.details
            .map((d) => {
              const i = Number(d.path.match(/^fields[.[](\d+)/)?.[1]);
              const msg = fieldErrorMessage(d, locale);
              return Number.isInteger(i) && fields[i] !== undefined ? `“${fields[i]}”: ${msg}` : msg;
            })
            .join('; '),
        );
      } else setError(errorMessage(e, locale));
    },
  });
  const inputId = `jobf-${job.code}`;
  return (
    <Flex vertical gap={6}>
      <label htmlFor={inputId} className="nt-visually-hidden">
        {t('jobf.fieldsOf', { name: job.name })}
      </label>
      <Select
        id={inputId}
        mode="tags"
        open={false}
        suffixIcon={null}
        tokenSeparators={[',', ';']}
        value={fields}
        status={error ? 'error' : undefined}
        onChange={(v: string[]) => {
          setError(null);
          setFields([...new Set(v.map((x) => x.trim()).filter(Boolean))]);
        }}
        placeholder={t('jobf.placeholder')}
        style={{ width: '100%' }}
      />
      {error && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 13 }}>
          {error}
        </Typography.Text>
      )}
      {dirty && (
        <Flex gap={8} wrap>
          <Button type="primary" size="small" loading={save.isPending} onClick={() => save.mutate()}>
            {t('jobf.save')}
          </Button>
          <Button
            size="small"
            onClick={() => {
              setFields(job.fields);
              setError(null);
            }}
          >
            {t('jobf.undo')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

export function JobFieldsTab() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: ['job-positions'], queryFn: rulesApi.jobPositions });
  const columns: TableColumnsType<JobPosition> = [
    { key: 'name', title: t('jobf.position'), width: 260, render: (_, j) => <strong>{j.name}</strong> },
    { key: 'fields', title: t('jobf.fields'), render: (_, j) => <FieldsEditor key={j.fields.join('|')} job={j} /> },
  ];
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('jobf.intro')} />
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={8}>
          {q.data.items.map((j) => (
            <Card key={j.code} size="small" title={j.name}>
              <FieldsEditor key={j.fields.join('|')} job={j} />
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<JobPosition> aria-label={t('jobf.tableLabel')} rowKey="code" size="small" columns={columns} dataSource={q.data.items} pagination={false} />
      )}
    </Flex>
  );
}
