import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Input, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassDetail, GradeMatrix, GradesInput } from '@nang-tam/contracts';
import { training } from '@nang-tam/domain';
import { isApiError } from '../../api/client';
import { gradesApi } from '../../api/learners';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { useIsMobile } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { formatGradeValue, LearnerCell } from '../learning/common';

type Row = GradeMatrix['rows'][number];
type Scheme = GradeMatrix['scheme'];
/** A cell: the learner's enrolment and the module (null: the final exam or thesis). */
type CellKey = `${number}:${number | 'final'}`;
const cellKey = (enrolmentId: number, moduleId: number | null): CellKey => `${enrolmentId}:${moduleId ?? 'final'}`;

/** "8,5" or "8.5" → 8.5; "" → null (removes the grade); anything else → NaN. */
export function parseGrade(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** The problem of a typed grade against the class's scheme, in the UI language; null when fine. */
export function gradeProblem(t: TFunction, scheme: Scheme, text: string): string | null {
  const v = parseGrade(text);
  if (v === null) return null;
  const r = training.validateGrade(scheme as training.GradingScheme, v);
  if (r.ok) return null;
  const params = {
    min: training.formatGrade(scheme.scale.min),
    max: training.formatGrade(scheme.scale.max),
    step: training.formatGrade(scheme.scale.step),
  };
  return t(`grades.error.${r.error}` as MessageKey, params);
}

/**
 * "Điểm": the class's grade matrix (learners × modules, and the final exam or thesis). A lecturer
 * enters the modules they teach, the school every module and the final; a grade is checked against
 * the class's scale and step as it is typed, and the server's refusal lands on its cell.
 */
export function GradesTab({ cls }: { cls: ClassDetail }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const key = ['classes', cls.id, 'grades'];
  const q = useQuery({ queryKey: key, queryFn: () => gradesApi.matrix(cls.id) });
  const [draft, setDraft] = useState<Map<CellKey, string>>(new Map());
  /** The cells of the last save, in the order sent, with the text each had (the server's details name them by index). */
  const [sent, setSent] = useState<[CellKey, string][]>([]);
  const [mobileModule, setMobileModule] = useState<number | 'final' | null>(null);
  const m = q.data;

  const save = useMutation({
    mutationFn: (body: GradesInput) => gradesApi.save(cls.id, body),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      setDraft(new Map());
      message.success(t('grades.saved'));
      void qc.invalidateQueries({ queryKey: ['classes', cls.id, 'graduation'] });
    },
  });

  // the server's refusals, by cell (its details name grades.<index of the sent list>.…)
  const serverErrors = useMemo(() => {
    const out = new Map<CellKey, string>();
    if (!isApiError(save.error)) return out;
    for (const d of save.error.details) {
      const i = /^grades\.(\d+)/.exec(d.path)?.[1];
      const entry = i !== undefined ? sent[Number(i)] : undefined;
      if (entry) out.set(entry[0], fieldErrorMessage(d, locale));
    }
    return out;
  }, [save.error, sent, locale]);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const matrix = m!;
  const finished = matrix.class.status === 'finished';
  const hasFinal = matrix.finalExam !== 'none';
  const scheme = matrix.scheme;

  const saved = (r: Row, moduleId: number | null) =>
    moduleId === null ? r.final.value : (r.modules.find((c) => c.moduleId === moduleId)?.value ?? null);
  const textOf = (r: Row, moduleId: number | null) => {
    const k = cellKey(r.enrolmentId, moduleId);
    if (draft.has(k)) return draft.get(k)!;
    const v = saved(r, moduleId);
    return v === null ? '' : training.formatGrade(v);
  };
  const editableCell = (r: Row, moduleId: number | null) =>
    r.actions.includes('grade') &&
    (moduleId === null ? matrix.finalEditable : !!matrix.modules.find((x) => x.id === moduleId)?.editable);
  const setText = (r: Row, moduleId: number | null, text: string) =>
    setDraft((prev) => {
      const next = new Map(prev);
      const k = cellKey(r.enrolmentId, moduleId);
      const v = saved(r, moduleId);
      const parsed = parseGrade(text);
      if (parsed === v || (parsed !== null && v !== null && Math.abs(parsed - v) < 1e-9)) next.delete(k);
      else next.set(k, text);
      return next;
    });

  const problems = [...draft].map(([k, text]) => [k, gradeProblem(t, scheme, text)] as const).filter(([, p]) => p !== null);

  const submit = () => {
    if (problems.length > 0) return;
    const keys = [...draft.keys()];
    setSent(keys.map((k) => [k, draft.get(k)!]));
    save.mutate({
      grades: keys.map((k) => {
        const [e, mod] = k.split(':');
        return { enrolmentId: Number(e), moduleId: mod === 'final' ? null : Number(mod), value: parseGrade(draft.get(k)!) };
      }),
    });
  };

  const cell = (r: Row, moduleId: number | null, label: string) => {
    const k = cellKey(r.enrolmentId, moduleId);
    const text = textOf(r, moduleId);
    if (!editableCell(r, moduleId)) {
      const v = saved(r, moduleId);
      return (
        <span className="nt-num" style={v !== null && v < scheme.passMark ? { color: '#dc2626' } : undefined}>
          {formatGradeValue(v)}
        </span>
      );
    }
    const problem = draft.has(k) ? gradeProblem(t, scheme, text) : null;
    // the server's refusal stays on its cell until the cell is changed
    const serverError = sent.some(([sk, text]) => sk === k && draft.get(k) === text) ? serverErrors.get(k) : undefined;
    const error = problem ?? serverError ?? null;
    return (
      <Flex vertical gap={2}>
        <Input
          size="small"
          inputMode="decimal"
          aria-label={t('grades.cellOf', { name: r.person.fullName, module: label })}
          aria-invalid={error ? true : undefined}
          value={text}
          status={error ? 'error' : undefined}
          onChange={(e) => setText(r, moduleId, e.target.value)}
          style={{ width: 72, textAlign: 'right', background: draft.has(k) && !error ? '#fffbe6' : undefined }}
          maxLength={6}
        />
        {error && (
          <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 160 }} role="alert">
            {error}
          </Typography.Text>
        )}
      </Flex>
    );
  };

  const moduleCols: TableColumnsType<Row> = matrix.modules.map((mod) => ({
    key: `m${mod.id}`,
    title: (
      <Tooltip title={`${mod.name} (${t('class.periodsN', { n: mod.periods })})`}>
        <span>{mod.code}</span>
      </Tooltip>
    ),
    width: 100,
    render: (_, r) => cell(r, mod.id, mod.code),
  }));
  const columns: TableColumnsType<Row> = [
    { key: 'n', title: '#', width: 44, fixed: 'left', render: (_, __, i) => <span className="nt-num">{i + 1}</span> },
    { key: 'learner', title: t('attendance.learner'), width: 220, fixed: 'left', render: (_, r) => <LearnerCell person={r.person} /> },
    ...moduleCols,
    {
      key: 'avg',
      title: t('grades.average'),
      width: 90,
      render: (_, r) => (
        <strong className="nt-num" style={r.average !== null && r.average < scheme.passMark ? { color: '#dc2626' } : undefined}>
          {formatGradeValue(r.average)}
        </strong>
      ),
    },
    ...(hasFinal
      ? [
          {
            key: 'final',
            title: t(`grades.final.${matrix.finalExam}` as MessageKey),
            width: 120,
            render: (_: unknown, r: Row) => cell(r, null, t(`grades.final.${matrix.finalExam}` as MessageKey)),
          },
        ]
      : []),
  ];

  const editableAny = matrix.rows.some((r) => r.actions.includes('grade')) && (matrix.finalEditable || matrix.modules.some((x) => x.editable));
  const mobileChoice = mobileModule ?? matrix.modules[0]?.id ?? 'final';

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t('grades.scheme', {
          name: scheme.name ?? '',
          min: training.formatGrade(scheme.scale.min),
          max: training.formatGrade(scheme.scale.max),
          step: training.formatGrade(scheme.scale.step),
          pass: training.formatGrade(scheme.passMark),
        })}
        {!finished && !matrix.finalEditable && matrix.modules.some((x) => !x.editable) ? ` ${t('grades.lecturerHint')}` : ''}
      </Typography.Text>
      {finished && <Alert type="info" showIcon title={t('grades.finished')} />}
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(save.error, locale)}
          description={isApiError(save.error) && serverErrors.size > 0 ? t('grades.seeCells') : undefined}
        />
      )}
      {matrix.rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noLearners')} />
      ) : isMobile ? (
        <Flex vertical gap={8}>
          <Select
            aria-label={t('grades.pickModule')}
            value={mobileChoice}
            onChange={setMobileModule}
            options={[
              ...matrix.modules.map((x) => ({ value: x.id as number | 'final', label: `${x.code} — ${x.name}` })),
              ...(hasFinal ? [{ value: 'final' as const, label: t(`grades.final.${matrix.finalExam}` as MessageKey) }] : []),
            ]}
          />
          <Flex vertical gap={6} role="list" aria-label={t('grades.listLabel')}>
            {matrix.rows.map((r) => (
              <Flex
                key={r.enrolmentId}
                role="listitem"
                justify="space-between"
                align="center"
                gap={8}
                style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 8, background: '#fff' }}
              >
                <LearnerCell person={r.person} />
                {cell(
                  r,
                  mobileChoice === 'final' ? null : mobileChoice,
                  mobileChoice === 'final'
                    ? t(`grades.final.${matrix.finalExam}` as MessageKey)
                    : (matrix.modules.find((x) => x.id === mobileChoice)?.code ?? ''),
                )}
              </Flex>
            ))}
          </Flex>
        </Flex>
      ) : (
        <Table<Row>
          aria-label={t('grades.listLabel')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={matrix.rows}
          pagination={false}
          scroll={{ x: 400 + 100 * matrix.modules.length }}
        />
      )}
      {editableAny && matrix.rows.length > 0 && (
        <Flex gap={8} wrap justify="end" align="center">
          {problems.length > 0 && (
            <Typography.Text type="danger">{t('grades.invalidN', { n: formatNumber(problems.length) })}</Typography.Text>
          )}
          <Button icon={<UndoOutlined />} onClick={() => setDraft(new Map())} disabled={draft.size === 0}>
            {t('grades.undo')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            onClick={submit}
            loading={save.isPending}
            disabled={draft.size === 0 || problems.length > 0}
          >
            {draft.size > 0 ? t('grades.saveN', { n: formatNumber(draft.size) }) : t('grades.save')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
