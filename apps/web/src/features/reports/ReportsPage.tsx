/**
 * "Báo cáo thống kê" (issue 10 point 3): choose a form, a period (a year for yearly forms) and a
 * unit of one's subtree; the form is filled as a background job, its grid previewed here, and the
 * Excel file (the form's layout with title and signature blocks) or a PDF downloaded.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Job, ReportGrid } from '@nang-tam/contracts';
import { reportsApi } from '../../api/reports';
import { downloadUrl } from '../../api/client';
import { jobsApi } from '../../api/endpoints';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { UnitPicker } from '../../shared/UnitPicker';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useJob } from '../jobs/useJob';

const nf = new Intl.NumberFormat('vi-VN');

export default function ReportsPage() {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const forms = useQuery({ queryKey: ['reports', 'forms'], queryFn: ({ signal }) => reportsApi.forms(signal) });
  const [code, setCode] = useState<string | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [unitId, setUnitId] = useState<number | null>(me.unit.id);
  const [jobIds, setJobIds] = useState<{ xlsx: Job | null; pdf: Job | null }>({ xlsx: null, pdf: null });
  useEffect(() => {
    if (code === null && forms.data?.items[0]) setCode(forms.data.items[0].code);
  }, [forms.data, code]);
  const form = forms.data?.items.find((f) => f.code === code) ?? null;
  const period = form?.body.period === 'any' ? { from, to } : { from: `${year}-01-01`, to: `${year}-12-31` };

  const [pendingFormat, setPendingFormat] = useState<'xlsx' | 'pdf'>('xlsx');
  const start = useMutation({
    mutationFn: async (format: 'xlsx' | 'pdf') => ({ format, job: await reportsApi.fill(code!, { ...period, unitId: unitId!, format }) }),
    onSuccess: ({ format, job }) => setJobIds((j) => ({ ...j, [format]: job })),
  });
  const run = (format: 'xlsx' | 'pdf') => {
    setPendingFormat(format);
    setJobIds((j) => ({ ...j, [format]: null }));
    start.mutate(format);
  };
  const xlsxJob = useJob(jobIds.xlsx?.id ?? null, jobIds.xlsx ?? undefined).data;
  const pdfJob = useJob(jobIds.pdf?.id ?? null, jobIds.pdf ?? undefined).data;
  const grid = (xlsxJob?.status === 'succeeded' ? (xlsxJob.result?.grid as ReportGrid | undefined) : undefined) ?? null;
  const failed = [xlsxJob, pdfJob].find((j) => j?.status === 'failed');
  useEffect(() => {
    if (pdfJob?.status === 'succeeded') downloadUrl(jobsApi.fileUrl(pdfJob.id), pdfJob.fileName ?? undefined);
  }, [pdfJob?.status, pdfJob?.id, pdfJob?.fileName]);

  const columns = useMemo(() => {
    if (!grid) return [];
    const leaf = (c: ReportGrid['columns'][number]) => ({
      key: c.key,
      title: c.label,
      align: 'right' as const,
      render: (_: unknown, r: ReportGrid['rows'][number]) => nf.format(r.values[c.key] ?? 0),
    });
    const out: object[] = [
      { key: 'no', title: t('rep.no'), dataIndex: 'no', width: 60 },
      {
        key: 'label',
        title: t('rep.content'),
        render: (_: unknown, r: ReportGrid['rows'][number]) => (
          <span style={{ paddingLeft: r.indent * 16, fontWeight: r.sum ? 600 : undefined }}>{r.label}</span>
        ),
      },
    ];
    for (let i = 0; i < grid.columns.length; i += 1) {
      const c = grid.columns[i]!;
      if (!c.group) {
        out.push(leaf(c));
        continue;
      }
      const members = [];
      let j = i;
      while (j < grid.columns.length && grid.columns[j]!.group === c.group) members.push(leaf(grid.columns[j++]!));
      out.push({ key: `g-${c.key}`, title: c.group, children: members });
      i = j - 1;
    }
    return out;
  }, [grid, t]);

  return (
    <div>
      <h1 className="nt-h1">{t('rep.title')}</h1>
      <Card>
        <Space wrap align="end">
          <label>
            <div>{t('rep.form')}</div>
            <Select
              aria-label={t('rep.form')}
              style={{ minWidth: 420 }}
              value={code ?? undefined}
              onChange={setCode}
              loading={forms.isLoading}
              options={(forms.data?.items ?? []).map((f) => ({ value: f.code, label: `${f.code} — ${f.body.title}` }))}
            />
          </label>
          {form?.body.period === 'any' ? (
            <>
              <label>
                <div>{t('rep.from')}</div>
                <Input type="date" aria-label={t('rep.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <label>
                <div>{t('rep.to')}</div>
                <Input type="date" aria-label={t('rep.to')} value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
            </>
          ) : (
            <label>
              <div>{t('rep.year')}</div>
              <InputNumber aria-label={t('rep.year')} min={1990} max={2100} value={year} onChange={(v) => setYear(v ?? year)} />
            </label>
          )}
          <label>
            <div>{t('rep.unit')}</div>
            <div style={{ minWidth: 280 }}>
              <UnitPicker aria-label={t('rep.unit')} value={unitId} onChange={setUnitId} initialLabel={me.unit.name} />
            </div>
          </label>
          <Button
            type="primary"
            disabled={!code || !unitId}
            loading={start.isPending && pendingFormat === 'xlsx'}
            onClick={() => run('xlsx')}
          >
            {t('rep.fill')}
          </Button>
          {grid && xlsxJob && (
            <Button onClick={() => downloadUrl(jobsApi.fileUrl(xlsxJob.id), xlsxJob.fileName ?? undefined)}>{t('rep.downloadXlsx')}</Button>
          )}
          <Button
            disabled={!code || !unitId}
            loading={
              (start.isPending && pendingFormat === 'pdf') ||
              (pdfJob !== undefined && pdfJob.status !== 'succeeded' && pdfJob.status !== 'failed')
            }
            onClick={() => run('pdf')}
          >
            {t('rep.downloadPdf')}
          </Button>
          {me.permissions.includes('catalogue.write') && code && (
            <Link to={`/reports/forms/${encodeURIComponent(code)}`}>{t('rep.edit')}</Link>
          )}
        </Space>
        {form && (
          <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('rep.source')}>
              {form.source.code} ({form.source.issuer}, {formatDate(form.source.issuedOn)}) — {t('rep.version')} {form.version}
              {!form.body.verified && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('rep.unverified')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('rep.receiver')}>{form.body.receiver}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {start.isError && <Alert type="error" showIcon style={{ marginTop: 16 }} message={errorMessage(start.error, locale)} role="alert" />}
      {failed && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} message={String(failed.result?.message ?? t('rep.failed'))} role="alert" />
      )}
      {xlsxJob && xlsxJob.status !== 'succeeded' && xlsxJob.status !== 'failed' && (
        <Alert type="info" style={{ marginTop: 16 }} message={t('rep.running')} />
      )}
      {grid && (
        <Card style={{ marginTop: 16 }} title={grid.title}>
          <Typography.Paragraph>
            {t('rep.period')}: {formatDate(grid.from)} – {formatDate(grid.to)} · {t('rep.unit')}: {grid.unit.name}
            {grid.unitLine ? ` · ${grid.unitLine}` : ''}
          </Typography.Paragraph>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            columns={columns as never}
            dataSource={grid.rows}
            scroll={{ x: 'max-content' }}
            data-testid="report-grid"
          />
          {grid.notes.map((n) => (
            <Typography.Paragraph key={n} type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {n}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
    </div>
  );
}
