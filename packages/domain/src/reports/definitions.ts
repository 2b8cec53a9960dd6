/**
 * Statistical report forms as data (issue 10 point 3, docs/decisions/0048). A form is rows ×
 * columns; each data cell is a measure counted over the records with the row's and the column's
 * filters combined. Sum lines (a total, a subtotal) add other lines. Pure: validation against the
 * vocabularies the caller passes, the cells to evaluate, and the filled grid with its sums.
 */

export const REPORT_MEASURES = ['headcount', 'person_times', 'people_trained'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export const REPORT_MEASURE_LABELS: Record<ReportMeasure, { vi: string; en: string }> = {
  headcount: { vi: 'Số người (có mặt tại ngày cuối kỳ)', en: 'Headcount at the end of the period' },
  person_times: { vi: 'Số lượt người được đào tạo, bồi dưỡng trong kỳ', en: 'Person-times trained in the period' },
  people_trained: { vi: 'Số người (không trùng) được đào tạo, bồi dưỡng trong kỳ', en: 'Distinct people trained in the period' },
};

/** A qualification held on the period's last day: at least `minLevel`, or exactly `level` as the highest held. */
export interface QualificationFilter {
  kind: string;
  /** rank >= this level's rank */
  minLevel?: string;
  /** the highest level held of this kind is this one */
  highest?: string;
}

/** What a row or a column restricts. Every field is optional; fields combine with AND. */
export interface ReportFilter {
  categories?: string[];
  gender?: 'male' | 'female';
  ethnicMinority?: boolean;
  partyMember?: boolean;
  /** headcount only: age on the period's last day below this (in whole years) */
  ageBelow?: number;
  /** headcount only (training statistics have no category) */
  qualification?: QualificationFilter;
  /** training measures only: younger than the "young" setting on the training's start (statistics, decision 0047) */
  young?: boolean;
  /** training measures only */
  programmeKinds?: string[];
  programmeLevels?: string[];
  programmeCodes?: string[];
  modes?: string[];
  organiserTypes?: string[];
}

export const PERSON_FILTER_FIELDS = ['gender', 'ethnicMinority', 'partyMember'] as const;
export const HEADCOUNT_FILTER_FIELDS = ['categories', 'ageBelow', 'qualification'] as const;
export const TRAINING_FILTER_FIELDS = ['programmeKinds', 'programmeLevels', 'programmeCodes', 'modes', 'organiserTypes', 'young'] as const;
const ALL_FILTER_FIELDS: readonly string[] = [...PERSON_FILTER_FIELDS, ...HEADCOUNT_FILTER_FIELDS, ...TRAINING_FILTER_FIELDS];

export interface ReportLine {
  key: string;
  label: string;
  /** a sum line: the sum of these lines (of the same axis) instead of a query */
  sumOf?: string[];
  filter?: ReportFilter;
  /** the measure of the cells of this line (a column's wins if both say one; they must agree) */
  measure?: ReportMeasure;
  /** columns only: the group header above (two-row header) */
  group?: string;
  /** rows only: 0 a main line, 1 an indented "of which" line */
  indent?: number;
}

export interface ReportDefinitionBody {
  title: string;
  /** the ministry's form code where it is verified, else null (decision 0048) */
  ministryCode: string | null;
  /** whether the layout was checked against the legal text */
  verified: boolean;
  /** 'year': a calendar year (01/01–31/12); 'any': any period */
  period: 'year' | 'any';
  /** e.g. 'Đơn vị tính: Người' */
  unitLine?: string;
  /** who receives it, e.g. 'Bộ Nội vụ' */
  receiver: string;
  /** when it is due, as the legal text words it */
  deadline?: string;
  notes?: string[];
  rows: ReportLine[];
  columns: ReportLine[];
}

/** The codes a definition may use (from the reference tables and the catalogue). */
export interface ReportVocabulary {
  categories: readonly string[];
  /** qualification kind → level code → rank */
  levels: Readonly<Record<string, Readonly<Record<string, number>>>>;
  programmeKinds: readonly string[];
  programmeLevels: readonly string[];
  programmeCodes: readonly string[];
  modes: readonly string[];
  organiserTypes: readonly string[];
}

export interface DefinitionProblem {
  /** JSON path of the field, e.g. 'rows[2].filter.categories[0]' */
  field: string;
  code:
    | 'UNKNOWN_CODE'
    | 'UNKNOWN_MEASURE'
    | 'UNKNOWN_FIELD'
    | 'DUPLICATE_KEY'
    | 'UNKNOWN_LINE'
    | 'SUM_CYCLE'
    | 'NO_MEASURE'
    | 'MEASURE_CONFLICT'
    | 'FILTER_NOT_FOR_MEASURE'
    | 'NOT_ADDITIVE'
    | 'EMPTY';
  message: string;
}

type Axis = 'rows' | 'columns';

/** Every problem of a definition (empty when it can be filled). */
export function validateDefinition(def: ReportDefinitionBody, vocab: ReportVocabulary): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, code: DefinitionProblem['code'], message: string) => problems.push({ field, code, message });
  for (const axis of ['rows', 'columns'] as const) {
    const lines = def[axis];
    const name = axis === 'rows' ? 'dòng' : 'cột';
    if (lines.length === 0) add(axis, 'EMPTY', `Biểu mẫu phải có ít nhất một ${name}.`);
    const keys = new Set<string>();
    lines.forEach((l, i) => {
      if (keys.has(l.key)) add(`${axis}[${i}].key`, 'DUPLICATE_KEY', `Mã ${name} "${l.key}" bị trùng.`);
      keys.add(l.key);
    });
    lines.forEach((l, i) => {
      const at = `${axis}[${i}]`;
      if (l.measure !== undefined && !(REPORT_MEASURES as readonly string[]).includes(l.measure))
        add(`${at}.measure`, 'UNKNOWN_MEASURE', `Chỉ tiêu đo "${l.measure}" không có; dùng một trong: ${REPORT_MEASURES.join(', ')}.`);
      (l.sumOf ?? []).forEach((k, j) => {
        if (!keys.has(k))
          add(
            `${at}.sumOf[${j}]`,
            'UNKNOWN_LINE',
            `${name === 'dòng' ? 'Dòng' : 'Cột'} tổng "${l.key}" cộng "${k}" nhưng không có ${name} nào mã đó.`,
          );
      });
      if (l.filter) checkFilter(l.filter, `${at}.filter`, vocab, add);
    });
    const cycle = findCycle(lines);
    if (cycle) add(axis, 'SUM_CYCLE', `Các ${name} tổng cộng vòng tròn: ${cycle.join(' → ')}.`);
  }
  if (problems.length > 0) return problems;
  // a sum line cannot add distinct people (one person in two lines would count twice)
  for (const [ri, r] of def.rows.entries()) {
    for (const [ci, c] of def.columns.entries()) {
      if (!r.sumOf && !c.sumOf) continue;
      const summedColumns = c.sumOf ? def.columns.filter((x) => c.sumOf!.includes(x.key)) : [c];
      const distinct =
        r.measure === 'people_trained' || c.measure === 'people_trained' || summedColumns.some((x) => x.measure === 'people_trained');
      if (distinct)
        add(
          `rows[${ri}] × columns[${ci}]`,
          'NOT_ADDITIVE',
          `Ô "${r.label}" × "${c.label}" cộng số người không trùng của nhiều dòng/cột: một người có thể bị đếm hai lần. Dùng "person_times" hoặc bỏ dòng/cột tổng.`,
        );
    }
  }
  // every data cell: one measure, filters that fit it
  for (const [ri, r] of def.rows.entries()) {
    if (r.sumOf) continue;
    for (const [ci, c] of def.columns.entries()) {
      if (c.sumOf) continue;
      const at = `rows[${ri}] × columns[${ci}]`;
      if (r.measure && c.measure && r.measure !== c.measure) {
        add(at, 'MEASURE_CONFLICT', `Ô "${r.label}" × "${c.label}": dòng đo "${r.measure}", cột đo "${c.measure}".`);
        continue;
      }
      const measure = c.measure ?? r.measure;
      if (!measure) {
        add(at, 'NO_MEASURE', `Ô "${r.label}" × "${c.label}" không có chỉ tiêu đo (đặt "measure" cho dòng hoặc cột).`);
        continue;
      }
      for (const [line, where] of [
        [r, `rows[${ri}]`],
        [c, `columns[${ci}]`],
      ] as const) {
        for (const f of Object.keys(line.filter ?? {})) {
          const training = (TRAINING_FILTER_FIELDS as readonly string[]).includes(f);
          const headcount = (HEADCOUNT_FILTER_FIELDS as readonly string[]).includes(f);
          if ((training && measure === 'headcount') || (headcount && measure !== 'headcount'))
            add(
              `${where}.filter.${f}`,
              'FILTER_NOT_FOR_MEASURE',
              `Điều kiện "${f}" không dùng được với chỉ tiêu đo "${measure}" (ô "${r.label}" × "${c.label}").`,
            );
        }
      }
    }
  }
  return dedupe(problems);
}

function dedupe(ps: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.field + p.code) ? false : (seen.add(p.field + p.code), true)));
}

function checkFilter(
  f: ReportFilter,
  at: string,
  vocab: ReportVocabulary,
  add: (field: string, code: DefinitionProblem['code'], message: string) => void,
): void {
  for (const k of Object.keys(f))
    if (!ALL_FILTER_FIELDS.includes(k))
      add(`${at}.${k}`, 'UNKNOWN_FIELD', `Điều kiện lọc "${k}" không có; dùng một trong: ${ALL_FILTER_FIELDS.join(', ')}.`);
  const list = (field: keyof ReportFilter, known: readonly string[], what: string) => {
    const v = f[field];
    if (!Array.isArray(v)) return;
    v.forEach((code, i) => {
      if (!known.includes(code)) add(`${at}.${field}[${i}]`, 'UNKNOWN_CODE', `Mã ${what} "${code}" không có trong danh mục.`);
    });
  };
  list('categories', vocab.categories, 'đối tượng');
  list('programmeKinds', vocab.programmeKinds, 'loại chương trình');
  list('programmeLevels', vocab.programmeLevels, 'cấp độ chương trình');
  list('programmeCodes', vocab.programmeCodes, 'chương trình');
  list('modes', vocab.modes, 'hình thức học');
  list('organiserTypes', vocab.organiserTypes, 'nơi tổ chức');
  if (f.young !== undefined && typeof f.young !== 'boolean') add(`${at}.young`, 'UNKNOWN_CODE', 'Điều kiện "young" là true hoặc false.');
  if (f.gender !== undefined && f.gender !== 'male' && f.gender !== 'female')
    add(`${at}.gender`, 'UNKNOWN_CODE', `Giới tính "${String(f.gender)}" không có (male, female).`);
  if (f.ageBelow !== undefined && !(Number.isInteger(f.ageBelow) && f.ageBelow > 0 && f.ageBelow < 120))
    add(`${at}.ageBelow`, 'UNKNOWN_CODE', 'Tuổi phải là số nguyên từ 1 đến 119.');
  const q = f.qualification;
  if (q) {
    const levels = vocab.levels[q.kind];
    if (!levels) add(`${at}.qualification.kind`, 'UNKNOWN_CODE', `Loại trình độ "${q.kind}" không có trong danh mục.`);
    else {
      for (const key of ['minLevel', 'highest'] as const) {
        const level = q[key];
        if (level !== undefined && levels[level] === undefined)
          add(`${at}.qualification.${key}`, 'UNKNOWN_CODE', `Trình độ "${level}" không có trong loại "${q.kind}".`);
      }
      if ((q.minLevel === undefined) === (q.highest === undefined))
        add(
          `${at}.qualification`,
          'UNKNOWN_CODE',
          'Điều kiện trình độ cần đúng một trong "minLevel" (từ mức này trở lên) hoặc "highest" (mức cao nhất đang có).',
        );
    }
  }
}

function findCycle(lines: readonly ReportLine[]): string[] | null {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (k: string): string[] | null => {
    if (state.get(k) === 'done') return null;
    if (state.get(k) === 'visiting') return [...path.slice(path.indexOf(k)), k];
    state.set(k, 'visiting');
    path.push(k);
    for (const next of byKey.get(k)?.sumOf ?? []) {
      if (!byKey.has(next)) continue;
      const c = visit(next);
      if (c) return c;
    }
    path.pop();
    state.set(k, 'done');
    return null;
  };
  for (const l of lines) {
    const c = visit(l.key);
    if (c) return c;
  }
  return null;
}

// ---------- cells ----------

/** A qualification condition resolved to ranks: rank >= minRank, and (highest) nothing above maxRank. */
export interface ResolvedQualification {
  kind: string;
  minRank: number;
  maxRank: number | null;
}

/** The row's and the column's filters combined (what one data cell counts). */
export interface CellQuery {
  row: string;
  column: string;
  measure: ReportMeasure;
  /** null: the combination can hold nobody (e.g. male × female) */
  filter: ResolvedFilter | null;
}

export interface ResolvedFilter {
  categories?: string[];
  gender?: 'male' | 'female';
  ethnicMinority?: boolean;
  partyMember?: boolean;
  ageBelow?: number;
  young?: boolean;
  qualifications: ResolvedQualification[];
  programmeKinds?: string[];
  programmeLevels?: string[];
  programmeCodes?: string[];
  modes?: string[];
  organiserTypes?: string[];
}

const LIST_FIELDS = ['categories', 'programmeKinds', 'programmeLevels', 'programmeCodes', 'modes', 'organiserTypes'] as const;

/** Combines filters with AND; null when they contradict each other. */
export function combineFilters(filters: readonly (ReportFilter | undefined)[], levels: ReportVocabulary['levels']): ResolvedFilter | null {
  const out: ResolvedFilter = { qualifications: [] };
  for (const f of filters) {
    if (!f) continue;
    for (const k of LIST_FIELDS) {
      const v = f[k];
      if (!v) continue;
      const prev = out[k];
      const next = prev ? prev.filter((x) => v.includes(x)) : [...v];
      if (next.length === 0) return null;
      out[k] = next;
    }
    for (const k of ['gender', 'ethnicMinority', 'partyMember', 'young'] as const) {
      const v = f[k];
      if (v === undefined) continue;
      if (out[k] !== undefined && out[k] !== v) return null;
      (out as unknown as Record<string, unknown>)[k] = v;
    }
    if (f.ageBelow !== undefined) out.ageBelow = out.ageBelow === undefined ? f.ageBelow : Math.min(out.ageBelow, f.ageBelow);
    if (f.qualification) {
      const l = levels[f.qualification.kind] ?? {};
      const q = f.qualification;
      out.qualifications.push(
        q.highest !== undefined
          ? { kind: q.kind, minRank: l[q.highest] ?? 0, maxRank: l[q.highest] ?? 0 }
          : { kind: q.kind, minRank: l[q.minLevel ?? ''] ?? 0, maxRank: null },
      );
    }
  }
  return out;
}

/** The data cells to evaluate (sum lines are laid out from them). The definition must be valid. */
export function cellQueries(def: ReportDefinitionBody, levels: ReportVocabulary['levels']): CellQuery[] {
  const out: CellQuery[] = [];
  for (const r of def.rows) {
    if (r.sumOf) continue;
    for (const c of def.columns) {
      if (c.sumOf) continue;
      const measure = (c.measure ?? r.measure)!;
      out.push({ row: r.key, column: c.key, measure, filter: combineFilters([r.filter, c.filter], levels) });
    }
  }
  return out;
}

export const cellKey = (row: string, column: string) => `${row}\u0000${column}`;

// ---------- layout ----------

export interface FilledRow {
  key: string;
  /** 1-based order of main lines; null for an "of which" line or a sum line */
  no: string;
  label: string;
  indent: number;
  sum: boolean;
  /** by column key */
  values: Record<string, number>;
}

export interface FilledGrid {
  columns: { key: string; label: string; group?: string; sum: boolean }[];
  rows: FilledRow[];
}

/**
 * The grid: data cells from `values` (missing = 0), then sum columns in each row, then sum rows
 * (which add every column, sum columns included: a total row's total column is the grand total).
 */
export function layoutGrid(def: ReportDefinitionBody, values: ReadonlyMap<string, number>): FilledGrid {
  const colOrder = sumOrder(def.columns);
  const rowOrder = sumOrder(def.rows);
  const grid = new Map<string, Record<string, number>>();
  for (const r of def.rows) grid.set(r.key, {});
  for (const r of def.rows) {
    if (r.sumOf) continue;
    const rowValues = grid.get(r.key)!;
    for (const c of def.columns) if (!c.sumOf) rowValues[c.key] = values.get(cellKey(r.key, c.key)) ?? 0;
    for (const c of colOrder) rowValues[c.key] = c.sumOf!.reduce((s, k) => s + (rowValues[k] ?? 0), 0);
  }
  for (const r of rowOrder) {
    const rowValues = grid.get(r.key)!;
    for (const c of def.columns) rowValues[c.key] = r.sumOf!.reduce((s, k) => s + (grid.get(k)?.[c.key] ?? 0), 0);
  }
  let main = 0;
  let sub = 0;
  const rows: FilledRow[] = def.rows.map((r) => {
    const indent = r.indent ?? 0;
    let no = '';
    if (!r.sumOf || indent === 0) {
      if (indent === 0 && !isGrandTotal(r, def.rows)) {
        main += 1;
        sub = 0;
        no = String(main);
      } else if (indent > 0) {
        sub += 1;
        no = `${main}.${sub}`;
      }
    }
    return { key: r.key, no, label: r.label, indent, sum: r.sumOf !== undefined, values: grid.get(r.key)! };
  });
  return { columns: def.columns.map((c) => ({ key: c.key, label: c.label, group: c.group, sum: c.sumOf !== undefined })), rows };
}

/** A sum line no other line adds up (the "Tổng số" line) is not numbered. */
function isGrandTotal(l: ReportLine, lines: readonly ReportLine[]): boolean {
  return l.sumOf !== undefined && !lines.some((o) => o.sumOf?.includes(l.key));
}

/** Sum lines in an order where each comes after the sum lines it adds. */
function sumOrder(lines: readonly ReportLine[]): ReportLine[] {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const done = new Set<string>();
  const out: ReportLine[] = [];
  const visit = (l: ReportLine) => {
    if (done.has(l.key) || !l.sumOf) return;
    done.add(l.key);
    for (const k of l.sumOf) {
      const d = byKey.get(k);
      if (d) visit(d);
    }
    out.push(l);
  };
  lines.forEach(visit);
  return out;
}

// ---------- periods ----------

export type PeriodProblem = { code: 'PERIOD_REVERSED' | 'PERIOD_NOT_YEAR' | 'PERIOD_BEFORE_DATA'; message: string; field: string };

/** A period the form accepts; `earliest` is the first day the records cover (null: no records). */
export function checkPeriod(
  def: Pick<ReportDefinitionBody, 'period'>,
  from: string,
  to: string,
  earliest: string | null,
  earliestWhat: string,
): PeriodProblem | null {
  if (to < from)
    return { code: 'PERIOD_REVERSED', field: 'to', message: `Kỳ báo cáo kết thúc (${vnDate(to)}) trước khi bắt đầu (${vnDate(from)}).` };
  if (def.period === 'year' && !(from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`))
    return { code: 'PERIOD_NOT_YEAR', field: 'from', message: 'Biểu mẫu này báo cáo theo năm: kỳ báo cáo từ 01/01 đến 31/12 cùng năm.' };
  if (earliest === null)
    return { code: 'PERIOD_BEFORE_DATA', field: 'from', message: `Chưa có dữ liệu ${earliestWhat} nào để lập báo cáo.` };
  // records are dated by course or assignment, not by day of coverage: the data covers the year of the earliest one
  const firstYear = earliest.slice(0, 4);
  if (from < `${firstYear}-01-01`)
    return {
      code: 'PERIOD_BEFORE_DATA',
      field: 'from',
      message: `Kỳ báo cáo bắt đầu ${vnDate(from)} nhưng dữ liệu ${earliestWhat} chỉ có từ năm ${firstYear} (bản ghi sớm nhất ngày ${vnDate(earliest)}): thiếu số liệu từ ${vnDate(from)} đến ${vnDate(`${Number(firstYear) - 1}-12-31`)}.`,
    };
  return null;
}

export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
