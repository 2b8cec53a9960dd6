/**
 * "Ngưỡng cán bộ trẻ": the age limit the training statistics count as young (decision 0057). Every
 * reader of statistics sees the version in force, its source and the history; the provincial board
 * and the administrator add a version from a date with its source document (the server audits it and
 * answers each refusal with its field, shown under that field).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail, YoungSetting } from '@nang-tam/contracts';
import { statisticsSettingsApi } from '../../api/statistics-settings';
import { useI18n } from '../../i18n';
import { toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { errorMessage, fieldErrorMessage, hasFieldDetails } from '../../shared/errors';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';

interface Values {
  underAge?: number;
  validFrom?: import('dayjs').Dayjs | null;
  source?: string;
}

export default function YoungSettingPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('young.title'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['statistics-settings', 'young'], queryFn: ({ signal }) => statisticsSettingsApi.young(signal) });
  const save = useMutation({
    mutationFn: (v: Values) => statisticsSettingsApi.addYoung({ underAge: v.underAge ?? 0, validFrom: toIso(v.validFrom) ?? '', source: v.source ?? '' }),
    onSuccess: (d) => {
      qc.setQueryData(['statistics-settings', 'young'], d);
      // the statistics and dashboards read the limit: their cached answers are stale
      void qc.invalidateQueries({ queryKey: ['statistics'] });
      message.success(t('young.saved'));
      form.resetFields();
      setProblems([]);
      setGeneralError(null);
    },
    onError: (err) => {
      setProblems(hasFieldDetails(err) ? err.details : []);
      setGeneralError(hasFieldDetails(err) ? null : errorMessage(err, locale));
    },
  });
  const problemOf = (field: string) => problems.find((p) => p.path === field);
  const status = (field: string) => (problemOf(field) ? { validateStatus: 'error' as const, help: fieldErrorMessage(problemOf(field)!, locale) } : {});

  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('young.title')}
      </Typography.Title>
      <Card loading={q.isLoading} title={t('young.current')}>
        {d?.current ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('young.rule')}>{t('young.ruleText', { age: d.current.underAge })}</Descriptions.Item>
            <Descriptions.Item label={t('young.validFrom')}>{formatDate(d.current.validFrom)}</Descriptions.Item>
            <Descriptions.Item label={t('young.source')}>{d.current.source}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('young.none')}</Typography.Text>
        )}
      </Card>
      {d?.canChange ? (
        <Card title={t('young.change')}>
          <Typography.Paragraph type="secondary">{t('young.changeHelp')}</Typography.Paragraph>
          {generalError ? <Alert type="error" showIcon message={generalError} style={{ marginBottom: 12 }} /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 640 }}>
            <Form.Item name="underAge" label={t('young.underAge')} rules={[{ required: true, message: t('young.required') }]} {...status('underAge')}>
              <InputNumber min={16} max={60} />
            </Form.Item>
            <Form.Item name="validFrom" label={t('young.validFrom')} rules={[{ required: true, message: t('young.required') }]} {...status('validFrom')}>
              <DatePicker format={VI_DATE_FORMATS} />
            </Form.Item>
            <Form.Item name="source" label={t('young.source')} rules={[{ required: true, message: t('young.required') }]} extra={t('young.sourceHelp')} {...status('source')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('young.save')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Card title={t('young.history')}>
        <Table<YoungSetting>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={d?.versions ?? []}
          pagination={false}
          columns={[
            { key: 'validFrom', title: t('young.validFrom'), render: (_, v) => formatDate(v.validFrom) },
            { key: 'underAge', title: t('young.underAge'), align: 'right', render: (_, v) => v.underAge },
            { key: 'source', title: t('young.source'), render: (_, v) => v.source },
            { key: 'by', title: t('young.by'), render: (_, v) => v.createdBy ?? t('young.shipped') },
          ]}
        />
      </Card>
    </Space>
  );
}
