/**
 * The questionnaires (latest version of the default and of each programme that has its own) and the
 * anonymity threshold. The school or the board edits one: the questions (section, text), the comment
 * prompt; saving makes a new version (classes keep the version they were opened with).
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, List, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REACTION_SECTIONS, REACTION_SECTION_LABELS, type Questionnaire } from '@nang-tam/contracts';
import { catalogueApi } from '../../api/catalogue';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { PageError, PageLoading } from '../../shared/PageState';

type Def = Questionnaire['definition'];

function Editor({ base, onDone }: { base: Questionnaire; onDone: () => void }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [programmeCode, setProgrammeCode] = useState<string | null>(base.programme?.code ?? null);
  const [def, setDef] = useState<Def>(base.definition);
  const programmes = useQuery({ queryKey: ['catalogue', 'pick'], queryFn: () => catalogueApi.list({}) });
  const save = useMutation({
    mutationFn: () => feedbackApi.saveQuestionnaire({ programmeCode, definition: def }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['questionnaires'] });
      onDone();
    },
  });
  const setQ = (i: number, patch: Partial<Def['questions'][number]>) => setDef((d) => ({ ...d, questions: d.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) }));
  const nextCode = (section: string) => {
    let n = 1;
    while (def.questions.some((q) => q.code === `${section}_${n}`)) n += 1;
    return `${section}_${n}`;
  };
  return (
    <Card size="small" title={t('fb.editQuestionnaire')}>
      <Flex vertical gap={8}>
        <Select<string | null>
          aria-label={t('fb.programme')}
          value={programmeCode}
          onChange={setProgrammeCode}
          style={{ maxWidth: 480 }}
          options={[{ value: null as unknown as string, label: t('fb.defaultQuestionnaire') }, ...(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: p.current.name }))]}
        />
        {def.questions.map((q, i) => (
          <Flex key={i} gap={8} align="center">
            <Select aria-label={t('fb.section')} value={q.section} style={{ width: 220 }} onChange={(section) => setQ(i, { section })} options={REACTION_SECTIONS.map((s) => ({ value: s, label: REACTION_SECTION_LABELS[s][locale] }))} />
            <Input aria-label={t('fb.question')} value={q.text} onChange={(e) => setQ(i, { text: e.target.value })} />
            <Button aria-label={t('fb.removeQuestion')} icon={<DeleteOutlined />} onClick={() => setDef((d) => ({ ...d, questions: d.questions.filter((_, j) => j !== i) }))} />
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setDef((d) => ({ ...d, questions: [...d.questions, { code: nextCode('content'), section: 'content', text: '' }] }))} style={{ alignSelf: 'start' }}>
          {t('fb.addQuestion')}
        </Button>
        <label htmlFor="fb-prompt">{t('fb.commentPrompt')}</label>
        <Input id="fb-prompt" value={def.commentPrompt} onChange={(e) => setDef((d) => ({ ...d, commentPrompt: e.target.value }))} />
        {save.isError && <Alert type="error" showIcon title={errorMessage(save.error, locale)} />}
        <Flex gap={8}>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('fb.saveVersion')}
          </Button>
          <Button onClick={onDone}>{t('action.cancel')}</Button>
        </Flex>
      </Flex>
    </Card>
  );
}

export function QuestionnairesTab() {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['questionnaires'], queryFn: ({ signal }) => feedbackApi.questionnaires(signal) });
  const [editing, setEditing] = useState<Questionnaire | null>(null);
  const [min, setMin] = useState<number | null>(null);
  const threshold = useMutation({ mutationFn: (n: number) => feedbackApi.setThreshold(n), onSuccess: () => void qc.invalidateQueries({ queryKey: ['questionnaires'] }) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <label htmlFor="fb-min">{t('fb.threshold')}</label>
        <InputNumber id="fb-min" min={1} max={100} value={min ?? q.data.minResponses} onChange={(v) => setMin(v)} disabled={!q.data.canManage} />
        {q.data.canManage && (
          <Button loading={threshold.isPending} disabled={min === null || min === q.data.minResponses} onClick={() => threshold.mutate(min!)}>
            {t('action.save')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('fb.thresholdHint')}</Typography.Text>
      </Flex>
      {editing && <Editor base={editing} onDone={() => setEditing(null)} />}
      <List
        dataSource={q.data.items}
        renderItem={(x) => (
          <List.Item
            style={{ display: 'block' }}
            extra={
              q.data.canManage && !editing ? (
                <Button onClick={() => setEditing(x)} style={{ marginTop: 8 }}>
                  {t('fb.edit')}
                </Button>
              ) : null
            }
          >
            <strong>{x.programme ? x.programme.name : t('fb.defaultQuestionnaire')}</strong>{' '}
            <Typography.Text type="secondary">{x.version === 0 ? t('fb.shipped') : t('fb.version', { v: x.version })}</Typography.Text>
            <ol style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
              {x.definition.questions.map((qq) => (
                <li key={qq.code}>
                  <Typography.Text type="secondary">{REACTION_SECTION_LABELS[qq.section][locale]}:</Typography.Text> {qq.text}
                </li>
              ))}
            </ol>
          </List.Item>
        )}
      />
    </Flex>
  );
}
