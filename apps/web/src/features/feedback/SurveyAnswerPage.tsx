/**
 * A reaction survey on the learner's phone: one card per section, five 44 px buttons per question
 * (the lecturers' questions once per lecturer), an optional comment, "Gửi phiếu" always at the end.
 * Answered once: after sending, the page says thanks and nothing can be sent again.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Radio, Result, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { LIKERT_LABELS, REACTION_SECTIONS, REACTION_SECTION_LABELS, type SurveyAnswerInput, type SurveyForm } from '@nang-tam/contracts';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';

function Likert({ label, value, onChange, name }: { label: string; value: number | undefined; onChange: (v: number) => void; name: string }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 15, marginBottom: 6 }}>{label}</legend>
      <Radio.Group
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value as number)}
        optionType="button"
        buttonStyle="solid"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', width: '100%' }}
        options={[1, 2, 3, 4, 5].map((v) => ({
          value: v,
          label: (
            <span title={LIKERT_LABELS[v - 1]} aria-label={`${v} — ${LIKERT_LABELS[v - 1]}`}>
              {v}
            </span>
          ),
          style: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center', textAlign: 'center' },
        }))}
      />
    </fieldset>
  );
}

function Form({ form }: { form: SurveyForm }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [items, setItems] = useState<Record<string, number>>({});
  const [lecturers, setLecturers] = useState<Record<string, Record<string, number>>>({});
  const [comment, setComment] = useState('');
  const general = form.definition.questions.filter((q) => q.section !== 'lecturers');
  const perLecturer = form.definition.questions.filter((q) => q.section === 'lecturers');
  const missing = useMemo(() => {
    let n = general.filter((q) => items[q.code] === undefined).length;
    for (const l of form.lecturers) n += perLecturer.filter((q) => lecturers[String(l.id)]?.[q.code] === undefined).length;
    return n;
  }, [items, lecturers, general, perLecturer, form.lecturers]);
  const send = useMutation({
    mutationFn: () => {
      const body: SurveyAnswerInput = { items, lecturers, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      return feedbackApi.answer(form.id, body);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
  if (send.isSuccess)
    return (
      <Result
        status="success"
        title={t('fb.thanks')}
        subTitle={t('fb.thanksDetail')}
        extra={
          <Link to="/surveys">
            <Button>{t('fb.backToSurveys')}</Button>
          </Link>
        }
      />
    );
  return (
    <Flex vertical gap={12}>
      {REACTION_SECTIONS.map((section) => {
        const qs = form.definition.questions.filter((q) => q.section === section);
        if (qs.length === 0) return null;
        if (section === 'lecturers' && form.lecturers.length === 0) return null;
        return (
          <Card key={section} size="small" title={REACTION_SECTION_LABELS[section][locale]}>
            <Flex vertical gap={16}>
              {section === 'lecturers'
                ? form.lecturers.map((l) => (
                    <Flex key={l.id} vertical gap={12}>
                      <strong>{l.name}</strong>
                      {qs.map((q) => (
                        <Likert
                          key={q.code}
                          name={`l${l.id}-${q.code}`}
                          label={q.text}
                          value={lecturers[String(l.id)]?.[q.code]}
                          onChange={(v) => setLecturers((x) => ({ ...x, [String(l.id)]: { ...x[String(l.id)], [q.code]: v } }))}
                        />
                      ))}
                    </Flex>
                  ))
                : qs.map((q) => <Likert key={q.code} name={q.code} label={q.text} value={items[q.code]} onChange={(v) => setItems((x) => ({ ...x, [q.code]: v }))} />)}
            </Flex>
          </Card>
        );
      })}
      <Card size="small" title={t('fb.comment')}>
        <label htmlFor="fb-comment" style={{ display: 'block', marginBottom: 6 }}>
          {form.definition.commentPrompt}
        </label>
        <Input.TextArea id="fb-comment" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Card>
      {send.isError && <Alert type="error" showIcon title={errorMessage(send.error, locale)} />}
      <Typography.Text type="secondary">{missing > 0 ? t('fb.missing', { n: missing }) : t('fb.complete')}</Typography.Text>
      <Button type="primary" size="large" block disabled={missing > 0} loading={send.isPending} onClick={() => send.mutate()} style={{ minHeight: 48 }}>
        {t('fb.send')}
      </Button>
    </Flex>
  );
}

export default function SurveyAnswerPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['surveys', 'form', id], queryFn: ({ signal }) => feedbackApi.form(id, signal), enabled: Number.isInteger(id) && id > 0 });
  usePageTitle(t('fb.survey'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const f = q.data;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
        {t('fb.survey')}
      </Typography.Title>
      <Typography.Text>
        <strong>{f.className}</strong>
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('fb.anonymous')} {t('fb.window', { from: formatDate(f.opensOn), to: formatDate(f.closesOn) })}
      </Typography.Text>
      {f.answered ? (
        <Alert type="success" showIcon title={t('fb.alreadyAnswered')} />
      ) : f.state !== 'open' ? (
        <Alert type="warning" showIcon title={t(f.state === 'closed' ? 'fb.closedNotice' : 'fb.notOpenNotice')} />
      ) : (
        <Form form={f} />
      )}
    </Flex>
  );
}
