/**
 * Correcting a report form without code (issue 10 point 3): the definition as JSON (rows, columns,
 * the measure and filters behind each cell), with the source document, the reason and the date from
 * which the new version applies. The server validates it: unknown codes or measures come back with
 * the field and the reason, and nothing is saved.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Input, List, Space, Table, Typography, App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reportsApi } from '../../api/reports';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';

export default function FormEditorPage() {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: ['reports', 'form', code], queryFn: ({ signal }) => reportsApi.form(code, signal) });
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [reason, setReason] = useState('');
  const [periodFrom, setPeriodFrom] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    if (detail.data) {
      setText(JSON.stringify(detail.data.current.body, null, 2));
      setSource(JSON.stringify(detail.data.current.source, null, 2));
    }
  }, [detail.data]);
  const save = useMutation({
    mutationFn: () => reportsApi.save(code, { body: JSON.parse(text), source: JSON.parse(source), reason, periodFrom }),
    onSuccess: (d) => {
      qc.setQueryData(['reports', 'form', code], d);
      void qc.invalidateQueries({ queryKey: ['reports', 'forms'] });
      message.success(t('rep.saved', { version: d.current.version }));
    },
  });
  const submit = () => {
    try {
      JSON.parse(text);
      JSON.parse(source);
      setParseError(null);
    } catch (e) {
      setParseError(`${t('rep.jsonInvalid')} ${(e as Error).message}`);
      return;
    }
    save.mutate();
  };
  if (detail.isError) return <PageError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <PageLoading />;
  const details = save.isError && isApiError(save.error) ? save.error.details : [];
  return (
    <div>
      <h1 className="nt-h1">
        {t('rep.editTitle')}: {code}
      </h1>
      <Typography.Paragraph>
        <Link to="/reports">{t('rep.back')}</Link>
      </Typography.Paragraph>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <label>
            <div>{t('rep.definition')}</div>
            <Input.TextArea
              aria-label={t('rep.definition')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={24}
              style={{ fontFamily: 'monospace' }}
            />
          </label>
          <label>
            <div>{t('rep.sourceJson')}</div>
            <Input.TextArea
              aria-label={t('rep.sourceJson')}
              value={source}
              onChange={(e) => setSource(e.target.value)}
              rows={6}
              style={{ fontFamily: 'monospace' }}
            />
          </label>
          <Space wrap>
            <label>
              <div>{t('rep.reason')}</div>
              <Input aria-label={t('rep.reason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 420 }} />
            </label>
            <label>
              <div>{t('rep.periodFrom')}</div>
              <Input type="date" aria-label={t('rep.periodFrom')} value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value)} />
            </label>
          </Space>
          <Button type="primary" onClick={submit} loading={save.isPending}>
            {t('rep.saveVersion')}
          </Button>
          {parseError && <Alert type="error" role="alert" message={parseError} />}
          {save.isError && (
            <Alert
              type="error"
              role="alert"
              message={errorMessage(save.error, locale)}
              description={
                details.length > 0 && (
                  <List size="small" dataSource={details} renderItem={(d) => <List.Item>{`${d.path}: ${d.message}`}</List.Item>} />
                )
              }
            />
          )}
        </Space>
      </Card>
      <Card style={{ marginTop: 16 }} title={t('rep.versions')}>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={detail.data.versions}
          columns={[
            { key: 'v', title: t('rep.version'), dataIndex: 'version' },
            { key: 'from', title: t('rep.periodFrom'), render: (_, v) => formatDate(v.periodFrom) },
            { key: 'to', title: t('rep.periodTo'), render: (_, v) => (v.periodTo ? formatDate(v.periodTo) : '—') },
            { key: 'src', title: t('rep.source'), render: (_, v) => v.source.code },
            { key: 'reason', title: t('rep.reason'), dataIndex: 'reason' },
            { key: 'by', title: t('rep.by'), render: (_, v) => v.createdByName ?? t('rep.shipped') },
          ]}
        />
      </Card>
    </div>
  );
}
