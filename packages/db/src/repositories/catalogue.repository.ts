/**
 * The programme catalogue's teaching side: duration, grading scheme, graduation conditions, who
 * approves nominations, and the modules (học phần) with their periods. The eligibility side of a
 * programme lives in rules.repository.ts.
 */
import { rules, training } from '@nang-tam/domain';
import { insertRows } from '../batch.js';
import type { Db, Queryable } from '../create-db.js';
import { appendAudit } from './audit.repository.js';

// ---------- rows ----------

export type ApproverCode = training.Approver;

export interface CatalogueRow {
  code: string;
  name: string;
  kind: string;
  modes: string[];
  duration: string | null;
  grading_scheme: training.GradingScheme | null;
  graduation_conditions: training.GraduationConditions | null;
  approver: ApproverCode;
}

export interface ProgrammeModuleRow {
  code: string;
  name: string;
  periods: number;
  sort_order: number;
}

export interface CatalogueWrite {
  duration: string | null;
  approver: ApproverCode;
  gradingScheme: training.GradingScheme;
  graduationConditions: training.GraduationConditions;
}

// ---------- reads ----------

export async function findCatalogue(db: Queryable, code: string, forUpdate = false): Promise<CatalogueRow | null> {
  const r = await db.query<CatalogueRow>(
    `SELECT code, name, kind, modes, duration, grading_scheme, graduation_conditions, approver
     FROM programmes WHERE code = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [code],
  );
  return r.rows[0] ?? null;
}

export async function findProgrammeModules(db: Queryable, code: string): Promise<ProgrammeModuleRow[]> {
  const r = await db.query<ProgrammeModuleRow>(
    'SELECT code, name, periods, sort_order FROM programme_modules WHERE programme_code = $1 ORDER BY sort_order, code',
    [code],
  );
  return r.rows;
}

// ---------- writes ----------

export async function updateCatalogue(tx: Queryable, code: string, w: CatalogueWrite): Promise<void> {
  await tx.query('UPDATE programmes SET duration = $2, approver = $3, grading_scheme = $4, graduation_conditions = $5 WHERE code = $1', [
    code,
    w.duration,
    w.approver,
    JSON.stringify(w.gradingScheme),
    JSON.stringify(w.graduationConditions),
  ]);
}

/** Replaces a programme's modules (classes already opened keep their own copies). */
export async function replaceProgrammeModules(tx: Queryable, code: string, modules: readonly training.ProgrammeModule[]): Promise<void> {
  await tx.query('DELETE FROM programme_modules WHERE programme_code = $1', [code]);
  await insertRows(
    tx,
    'programme_modules',
    ['programme_code', 'code', 'name', 'periods', 'sort_order'],
    modules.map((m, i) => [code, m.code, m.name, m.periods, i + 1]),
  );
}

// ---------- the shipped catalogue ----------

/**
 * Durations and modules of the shipped programmes. Seed data, not law: the module lists follow
 * the structure of the current curricula of the Hồ Chí Minh National Academy of Politics
 * (sơ cấp, trung cấp, cao cấp LLCT) and of the Ministry of Home Affairs' rank courses
 * (chuyên viên, chuyên viên chính, chuyên viên cao cấp), but the period counts and durations are
 * illustrative (rules.UNVERIFIED): the board checks them against the programme it actually runs
 * and corrects them through PUT /api/v1/programmes/:code/catalogue. The final exam or thesis
 * (tốt nghiệp) is not a module: it is the programme's graduation condition `finalExam`, graded on
 * its own, and scheduled as an exam session.
 */
export const SHIPPED_CATALOGUE: Record<string, { duration: string; modules: training.ProgrammeModule[] }> = {
  SC_LLCT: {
    duration: '2 tháng (tập trung); 3 tháng (vừa làm vừa học)',
    modules: [
      { code: 'SC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh', periods: 60 },
      { code: 'SC.2', name: 'Những vấn đề cơ bản về Đảng Cộng sản, Nhà nước và hệ thống chính trị ở Việt Nam', periods: 56 },
      { code: 'SC.3', name: 'Đường lối, chính sách của Đảng, pháp luật của Nhà nước', periods: 60 },
      { code: 'SC.4', name: 'Nghiệp vụ công tác Đảng, chính quyền, Mặt trận và đoàn thể ở cơ sở', periods: 64 },
      { code: 'SC.5', name: 'Tình hình, nhiệm vụ của địa phương và thực tế', periods: 20 },
    ],
  },
  TC_LLCT: {
    duration: '6 tháng (tập trung); 9 tháng (vừa làm vừa học)',
    modules: [
      { code: 'TC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh', periods: 200 },
      { code: 'TC.2', name: 'Đường lối, chính sách của Đảng, Nhà nước', periods: 240 },
      { code: 'TC.3', name: 'Khoa học lãnh đạo, quản lý', periods: 120 },
      { code: 'TC.4', name: 'Kỹ năng lãnh đạo, quản lý', periods: 100 },
      { code: 'TC.5', name: 'Nghiệp vụ công tác Đảng, chính quyền, Mặt trận và đoàn thể', periods: 180 },
      { code: 'TC.6', name: 'Thực tế', periods: 40 },
    ],
  },
  CC_LLCT: {
    duration: '8 tháng (tập trung); 18 tháng (vừa làm vừa học)',
    modules: [
      { code: 'CC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin và tư tưởng Hồ Chí Minh', periods: 280 },
      { code: 'CC.2', name: 'Những vấn đề cơ bản về Đảng Cộng sản, Nhà nước pháp quyền và hệ thống chính trị', periods: 300 },
      { code: 'CC.3', name: 'Khoa học lãnh đạo, quản lý', periods: 200 },
      { code: 'CC.4', name: 'Kỹ năng lãnh đạo, quản lý', periods: 120 },
      { code: 'CC.5', name: 'Chuyên đề bổ trợ: kinh tế, xã hội, quốc phòng, an ninh, đối ngoại', periods: 80 },
      { code: 'CC.6', name: 'Nghiên cứu thực tế', periods: 40 },
    ],
  },
  QLNN_CV: {
    duration: '6 tuần',
    modules: [
      { code: 'CV.1', name: 'Kiến thức chung về nhà nước, hành chính nhà nước và công vụ', periods: 80 },
      { code: 'CV.2', name: 'Quản lý nhà nước theo ngành, lĩnh vực và lãnh thổ', periods: 60 },
      { code: 'CV.3', name: 'Kỹ năng thực thi công vụ của chuyên viên', periods: 72 },
      { code: 'CV.4', name: 'Đi thực tế', periods: 8 },
    ],
  },
  QLNN_CVC: {
    duration: '8 tuần',
    modules: [
      { code: 'CVC.1', name: 'Nhà nước pháp quyền, hành chính nhà nước và công vụ, công chức', periods: 96 },
      { code: 'CVC.2', name: 'Quản lý nhà nước đối với ngành, lĩnh vực và chính sách công', periods: 96 },
      { code: 'CVC.3', name: 'Kỹ năng của chuyên viên chính', periods: 80 },
      { code: 'CVC.4', name: 'Đi thực tế', periods: 16 },
    ],
  },
  QLNN_CVCC: {
    duration: '10 tuần',
    modules: [
      { code: 'CVCC.1', name: 'Nhà nước pháp quyền và quản trị quốc gia', periods: 120 },
      { code: 'CVCC.2', name: 'Hoạch định, thực thi chính sách công và quản lý nhà nước vĩ mô', periods: 120 },
      { code: 'CVCC.3', name: 'Kỹ năng lãnh đạo, quản lý của chuyên viên cao cấp', periods: 80 },
      { code: 'CVCC.4', name: 'Nghiên cứu thực tế trong nước', periods: 24 },
    ],
  },
  // postgraduate study is run by universities: no modules in the school's catalogue
  SDH_THS: { duration: '2 năm', modules: [] },
  SDH_TS: { duration: '3 đến 4 năm', modules: [] },
};

/** The approver of a programme kind (the training domain's approval routes). */
export function approverOfKind(kind: string): ApproverCode {
  return training.approverOfKind(kind);
}

export interface CatalogueSeedCounts {
  programmes: number;
  modules: number;
}

const SEED_LOCK = 7_020_253;

/**
 * Fills the teaching side of every programme whose catalogue is empty: the domain's default
 * grading scheme, its graduation conditions for the programme (training.graduationConditionsFor:
 * the home agency's conduct report for trung cấp and cao cấp LLCT), the approver by programme
 * kind (LLCT → the provincial board, state management → home affairs), and the shipped duration
 * and modules above. A programme whose scheme or modules the board has written is left alone, so
 * this is safe to run at every start and from several processes at once. Returns what it wrote, or
 * null when there was nothing to fill.
 */
export async function seedProgrammeCatalogue(db: Db): Promise<CatalogueSeedCounts | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const programmes = await tx.query<{ code: string; kind: string; empty_scheme: boolean; module_count: number }>(
      `SELECT p.code, p.kind, p.grading_scheme IS NULL AS empty_scheme,
         (SELECT count(*)::int FROM programme_modules m WHERE m.programme_code = p.code) AS module_count
       FROM programmes p ORDER BY p.sort_order, p.code`,
    );
    let filled = 0;
    let modules = 0;
    const written: string[] = [];
    for (const p of programmes.rows) {
      const shipped = SHIPPED_CATALOGUE[p.code];
      let touched = false;
      if (p.empty_scheme) {
        await tx.query(
          `UPDATE programmes SET duration = coalesce(duration, $2), approver = $3, grading_scheme = $4, graduation_conditions = coalesce(graduation_conditions, $5)
           WHERE code = $1 AND grading_scheme IS NULL`,
          [
            p.code,
            shipped?.duration ?? null,
            approverOfKind(p.kind),
            JSON.stringify(training.DEFAULT_GRADING_SCHEME),
            JSON.stringify(training.graduationConditionsFor({ code: p.code, kind: p.kind as rules.ProgrammeKind })),
          ],
        );
        filled += 1;
        touched = true;
      }
      if (p.module_count === 0 && shipped && shipped.modules.length > 0) {
        await replaceProgrammeModules(tx, p.code, shipped.modules);
        modules += shipped.modules.length;
        touched = true;
      }
      if (touched) written.push(p.code);
    }
    if (written.length === 0) return null;
    const counts: CatalogueSeedCounts = { programmes: filled, modules };
    await appendAudit(tx, {
      actorId: null,
      actorName: 'system',
      action: 'seed',
      entity: 'programme_catalogue',
      entityId: 'shipped',
      after: { ...counts, codes: written },
    });
    return counts;
  });
}
