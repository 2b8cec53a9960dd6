/**
 * A class's reaction survey (the school or the board): open it at the class's end or change its
 * dates; its results per question, section and lecturer (averages, distributions, response rate),
 * hidden below the anonymity threshold; export to Excel or PDF.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { REACTION_SECTION_LABELS, type ClassSurvey, type ReactionResults } from '@nang-tam/contracts';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ExportButton } from '../jobs/ExportButton';
import { SurveyStateTag } from './MySurveysPage';

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** An average on the 1–5 scale, two decimals, in the reader's locale ("4,20"). */
export function useAverage(): (v: number | null) => string {
  const { locale } = useI18n();
  const nf = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (v) => (v === null ? '—' : nf.format(v));
}

export function Distribution({ d }: { d: number[] | null }) {
  if (!d) return <span>—</span>;
  const total = d.reduce((s, v) => s + v, 0) || 1;
  return (
    <Flex gap={2} aria-label={d.map((v, i) => `${i + 1}: ${v}`).join(', ')} style={{ minWidth: 120 }}>
      {d.map((v, i) => (
        <div key={i} title={`${i + 1}: ${v}`} style={{ flex: v / total, minWidth: v > 0 ? 14 : 0, background: ['#cf1322', '#fa8c16', '#d4b106', '#52c41a', '#237804'][i], color: '#fff', fontSize: 11, textAlign: 'center', borderRadius: 2 }}>
          {v > 0 ? v : ''}
        </div>
      ))}
    </Flex>
  );
}

function Results({ r }: { r: ReactionResults }) {
  const { t, locale, formatNumber } = useI18n();
  const avg = useAverage();
  const qCols: TableColumnsType<ReactionResults['questions'][number]> = [
    { key: 'section', title: t('fb.section'), render: (_, q) => REACTION_SECTION_LABELS[q.section][locale], width: 180 },
    { key: 'text', title: t('fb.question'), dataIndex: 'text' },
    { key: 'avg', title: t('fb.average'), align: 'right', render: (_, q) => <span className="nt-num">{avg(q.average)}</span>, width: 110 },
    { key: 'dist', title: t('fb.distribution'), render: (_, q) => <Distribution d={q.distribution} />, width: 200 },
  ];
  const lCols: TableColumnsType<ReactionResults['lecturers'][number]> = [
    { key: 'name', title: t('fb.lecturer'), dataIndex: 'name' },
    { key: 'n', title: t('fb.responses'), align: 'right', render: (_, l) => <span className="nt-num">{l.responses}</span>, width: 110 },
    { key: 'avg', title: t('fb.average'), align: 'right', render: (_, l) => (l.suppressed ? <Tag>{t('fb.belowThreshold')}</Tag> : <span className="nt-num">{avg(l.average)}</span>), width: 140 },
    { key: 'dist', title: t('fb.distribution'), render: (_, l) => <Distribution d={l.distribution} />, width: 200 },
  ];
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('fb.resultsTitle')}>
        <Flex gap={24} wrap align="center">
          <Progress type="circle" size={88} percent={r.responseRate ?? 0} format={() => `${formatNumber(r.responseRate ?? 0)}%`} />
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'n', label: t('fb.responses'), children: <span className="nt-num" data-testid="fb-responses">{`${r.responses}/${r.learners}`}</span> },
              { key: 'avg', label: t('fb.overall'), children: <span className="nt-num" data-testid="fb-overall">{avg(r.overall.average)}</span> },
              ...r.sections.map((s) => ({ key: s.section, label: REACTION_SECTION_LABELS[s.section][locale], children: <span className="nt-num">{avg(s.average)}</span> })),
            ]}
          />
        </Flex>
        {r.suppressed && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('fb.suppressed', { n: r.minResponses })} />}
      </Card>
      {!r.suppressed && (
        <Card size="small" title={t('fb.byQuestion')}>
          <Table rowKey="code" size="small" pagination={false} columns={qCols} dataSource={r.questions} scroll={{ x: 700 }} />
        </Card>
      )}
      {r.lecturers.length > 0 && (
        <Card size="small" title={t('fb.byLecturer')}>
          <Table rowKey="lecturerId" size="small" pagination={false} columns={lCols} dataSource={r.lecturers} scroll={{ x: 600 }} />
        </Card>
      )}
      {r.comments.length > 0 && (
        <Card size="small" title={t('fb.comments')}>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {r.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </Card>
      )}
    </Flex>
  );
}

function Window({ s }: { s: ClassSurvey }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [opens, setOpens] = useState<Dayjs | null>(s.survey ? dayjs(s.survey.opensOn) : dayjs().isAfter(dayjs(s.classEnd).subtract(21, 'day')) ? dayjs() : dayjs(s.classEnd));
  const [closes, setCloses] = useState<Dayjs | null>(s.survey ? dayjs(s.survey.closesOn) : (opens ?? dayjs()).add(14, 'day'));
  const save = useMutation({
    mutationFn: () => feedbackApi.putClassSurvey(s.classId, { opensOn: iso(opens!), closesOn: iso(closes!) }),
    onSuccess: (data) => qc.setQueryData(['survey', 'class', s.classId], data),
  });
  if (s.actions.length === 0) return null;
  return (
    <Card size="small" title={s.survey ? t('fb.changeDates') : t('fb.openSurvey')}>
      <Flex gap={8} wrap align="end">
        <Flex vertical gap={4}>
          <label htmlFor="fb-opens">{t('fb.opensOn')}</label>
          <DatePicker id="fb-opens" format="DD/MM/YYYY" value={opens} onChange={setOpens} allowClear={false} />
        </Flex>
        <Flex vertical gap={4}>
          <label htmlFor="fb-closes">{t('fb.closesOn')}</label>
          <DatePicker id="fb-closes" format="DD/MM/YYYY" value={closes} onChange={setCloses} allowClear={false} />
        </Flex>
        <Button type="primary" loading={save.isPending} disabled={!opens || !closes} onClick={() => save.mutate()}>
          {s.survey ? t('fb.saveDates') : t('fb.openSurvey')}
        </Button>
      </Flex>
      {save.isError && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(save.error, locale)} />}
      {!s.survey && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('fb.openHint')}</Typography.Paragraph>}
    </Card>
  );
}

export default function ClassSurveyPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['survey', 'class', id], queryFn: ({ signal }) => feedbackApi.classSurvey(id, signal) });
  usePageTitle(t('fb.classSurvey'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <Flex vertical gap={12}>
      <Link to="/evaluation">← {t('fb.evaluation')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('fb.classSurvey')}: {s.className}
        </Typography.Title>
        {s.survey && (
          <Flex gap={8}>
            <ExportButton start={() => feedbackApi.exportSurvey(s.classId, 'xlsx')} total={undefined} />
            <ExportButton start={() => feedbackApi.exportSurvey(s.classId, 'pdf')} total={undefined} label={t('fb.exportPdf')} icon={<FilePdfOutlined />} />
          </Flex>
        )}
      </Flex>
      <Typography.Text type="secondary">
        {s.programme.name} · {formatDate(s.classStart)} – {formatDate(s.classEnd)} · {t('fb.learners', { n: s.learners })}
      </Typography.Text>
      {s.survey && (
        <Flex gap={8} align="center">
          <SurveyStateTag s={{ state: s.survey.state, answered: false }} />
          <span className="nt-num">{t('fb.window', { from: formatDate(s.survey.opensOn), to: formatDate(s.survey.closesOn) })}</span>
          <Typography.Text type="secondary">
            {t(s.survey.questionnaireOfProgramme ? 'fb.qOfProgramme' : 'fb.qDefault', { v: s.survey.questionnaireVersion })}
          </Typography.Text>
        </Flex>
      )}
      <Window s={s} />
      {s.results ? <Results r={s.results} /> : <Alert type="info" showIcon title={t('fb.noSurveyYet')} />}
    </Flex>
  );
}
