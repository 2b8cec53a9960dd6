/**
 * The demo's plans (issue 9), written around the school's classes once they exist: last year's
 * annual plan (approved), this year's (approved in January, then adjusted once mid-year), both
 * with the school's classes linked to their lines, the class carried over from last year counted
 * on this year's carried-over line, the local trung cấp class and the local sơ cấp class marked
 * outside the plan (extra classes at local sites), a line still to be realised, and the five-year
 * plans 2021–2025 and 2026–2030 with yearly targets. Deterministic: everything follows from the
 * classes and the reference date.
 */
import { type IsoDate } from '@nang-tam/domain';
import { plansRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { addDays } from './days.js';

interface DemoClass {
  id: number;
  cohort_code: string;
  programme_code: string;
  mode: 'full_time' | 'part_time' | 'online';
  organiser_unit_id: number;
  site: string;
  start_date: string;
  end_date: string;
  capacity: number;
}

export interface PlansSeedResult {
  annualPlans: number;
  lines: number;
  linkedClasses: number;
  extraClasses: number;
}

/** Cohort codes of the classes opened at local sites on the communes' request: outside the plan. */
const EXTRA_KEYS = ['tc_local', 'sc_local_upcoming'];

const COST_PER_LEARNER: Record<string, number> = { TC_LLCT: 9_000_000, SC_LLCT: 2_500_000, QLNN_CV: 4_000_000, QLNN_CVC: 5_500_000 };

export async function seedDemoPlans(tx: Queryable, today: IsoDate): Promise<PlansSeedResult> {
  const year = Number(today.slice(0, 4));
  const board = await usersRepo.findUserByUsername(tx, 'admin');
  const boardId = board?.id ?? null;
  const classes = (
    await tx.query<DemoClass>(
      'SELECT id, cohort_code, programme_code, mode, organiser_unit_id, site, start_date, end_date, capacity FROM classes ORDER BY start_date, id',
    )
  ).rows;
  const programmes = await plansRepo.programmeModes(tx);
  const isExtra = (c: DemoClass) => EXTRA_KEYS.some((k) => c.cohort_code.startsWith(k)) || /xã|phường/i.test(c.site);
  const extras = classes.filter(isExtra);
  if (extras.length > 0) await tx.query('UPDATE classes SET outside_plan = true WHERE id = ANY($1::int[])', [extras.map((c) => c.id)]);
  const planned = classes.filter((c) => !isExtra(c));
  const quarterOf = (d: string) => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1;
  let lineCount = 0;
  let linked = 0;

  /** One line per programme × mode of the classes opening in `y`, each class linked to its line. */
  const linesFor = async (planId: number, versionId: number, y: number) => {
    const groups = new Map<string, DemoClass[]>();
    for (const c of planned.filter((x) => Number(x.start_date.slice(0, 4)) === y)) {
      const k = `${c.programme_code}|${c.mode}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    const out: { lineId: number; programme: string; mode: string; classes: DemoClass[] }[] = [];
    for (const [k, cs] of groups) {
      const [programme, mode] = k.split('|') as [string, DemoClass['mode']];
      const learners = cs.reduce((s, c) => s + c.capacity, 0);
      const [lineId] = await plansRepo.insertLines(tx, planId, versionId, [
        {
          programmeCode: programme,
          mode,
          classes: cs.length,
          learners,
          year: y,
          quarter: quarterOf(cs[0]!.start_date),
          organiserUnitId: cs[0]!.organiser_unit_id,
          siteKind: 'school',
          site: cs[0]!.site,
          estimatedCost: learners * (COST_PER_LEARNER[programme] ?? 3_000_000),
          carriedOver: false,
          note: null,
        },
      ]);
      lineCount += 1;
      for (const c of cs) await tx.query('UPDATE classes SET plan_line_id = $2 WHERE id = $1', [c.id, lineId]);
      linked += cs.length;
      out.push({ lineId: lineId!, programme, mode, classes: cs });
    }
    return out;
  };
  const approve = async (versionId: number, on: IsoDate, decisionNumber: string) => {
    await tx.query(
      `UPDATE plan_versions SET status = 'approved', submitted_at = $2::timestamptz - interval '5 days', approved_at = $2::timestamptz,
         approved_by = $3, decision_number = COALESCE(decision_number, $4), decision_date = COALESCE(decision_date, $5::date), row_version = row_version + 2
       WHERE id = $1`,
      [versionId, `${on}T09:00:00+07:00`, boardId, decisionNumber, on],
    );
  };
  const school = planned[0]?.organiser_unit_id ?? classes[0]?.organiser_unit_id;
  if (school === undefined) return { annualPlans: 0, lines: 0, linkedClasses: 0, extraClasses: extras.length };

  // ---------- last year's plan ----------
  const lastPlan = await plansRepo.insertAnnualPlan(tx, { year: year - 1, title: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year - 1}`, createdBy: boardId });
  const lastV1 = await plansRepo.insertVersion(tx, { planId: lastPlan, number: 1, basedOnId: null, reason: null, decisionNumber: null, decisionDate: null, createdBy: boardId });
  await linesFor(lastPlan, lastV1, year - 1);
  // a line last year did not open: its percentage stays below 100
  await plansRepo.insertLines(tx, lastPlan, lastV1, [
    {
      programmeCode: 'QLNN_CVC',
      mode: 'full_time',
      classes: 1,
      learners: 60,
      year: year - 1,
      quarter: 4,
      organiserUnitId: school,
      siteKind: 'school',
      site: 'Trường Chính trị tỉnh',
      estimatedCost: 60 * COST_PER_LEARNER.QLNN_CVC!,
      carriedOver: false,
      note: null,
    },
  ]);
  lineCount += 1;
  await approve(lastV1, `${year - 1}-01-12`, `86-QĐ/TU`);

  // ---------- this year's plan: approved in January, adjusted once ----------
  const v1On: IsoDate = today >= `${year}-01-20` ? `${year}-01-15` : `${year - 1}-12-22`;
  const plan = await plansRepo.insertAnnualPlan(tx, { year, title: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year}`, createdBy: boardId });
  const v1 = await plansRepo.insertVersion(tx, { planId: plan, number: 1, basedOnId: null, reason: null, decisionNumber: null, decisionDate: null, createdBy: boardId });
  const lines = await linesFor(plan, v1, year);
  // the classes carried over from last year, counted in this year's plan (decision 0030)
  const carried = planned.filter((c) => Number(c.start_date.slice(0, 4)) === year - 1 && c.end_date >= `${year}-01-01`);
  for (const c of carried) {
    await plansRepo.insertLines(tx, plan, v1, [
      {
        programmeCode: c.programme_code,
        mode: c.mode,
        classes: 1,
        learners: c.capacity,
        year,
        quarter: 1,
        organiserUnitId: c.organiser_unit_id,
        siteKind: 'school',
        site: c.site,
        estimatedCost: 0,
        carriedOver: true,
        note: `Lớp chuyển tiếp từ năm ${year - 1}`,
      },
    ]);
    lineCount += 1;
  }
  // a line planned for the fourth quarter that no class realises yet
  const pending = programmes.has('QLNN_CVC') ? 'QLNN_CVC' : 'QLNN_CV';
  const [pendingLine] = await plansRepo.insertLines(tx, plan, v1, [
    {
      programmeCode: pending,
      mode: 'part_time',
      classes: 1,
      learners: 50,
      year,
      quarter: 4,
      organiserUnitId: school,
      siteKind: 'school',
      site: 'Trường Chính trị tỉnh',
      estimatedCost: 50 * (COST_PER_LEARNER[pending] ?? 3_000_000),
      carriedOver: false,
      note: null,
    },
  ]);
  lineCount += 1;
  await approve(v1, v1On, `125-QĐ/TU`);

  const v2On: IsoDate = addDays(v1On, Math.max(1, Math.floor((Date.parse(today) - Date.parse(v1On)) / 86_400_000 / 2)));
  const v2 = await plansRepo.insertVersion(tx, {
    planId: plan,
    number: 2,
    basedOnId: v1,
    reason: 'Bổ sung một lớp trung cấp lý luận chính trị theo nhu cầu đăng ký thêm của các xã sau sắp xếp đơn vị hành chính; lùi lớp chuyên viên chính hệ vừa làm vừa học sang quý IV.',
    decisionNumber: '310-QĐ/TU',
    decisionDate: v2On,
    createdBy: boardId,
  });
  await plansRepo.copyLines(tx, v1, v2);
  const tc = lines.find((l) => l.programme === 'TC_LLCT' && l.mode === 'full_time') ?? lines[0];
  if (tc) {
    const row = (await plansRepo.findLineOfVersion(tx, v2, tc.lineId))!;
    await plansRepo.updateLine(tx, v2, tc.lineId, {
      programmeCode: row.programme_code,
      mode: row.mode,
      classes: row.classes + 1,
      learners: row.learners + 80,
      year,
      quarter: row.quarter,
      organiserUnitId: row.organiser_unit_id,
      siteKind: row.site_kind,
      site: row.site,
      estimatedCost: row.estimated_cost + 80 * COST_PER_LEARNER.TC_LLCT!,
      carriedOver: false,
      note: 'Điều chỉnh: thêm 1 lớp',
    });
  }
  if (pendingLine) {
    const row = (await plansRepo.findLineOfVersion(tx, v2, pendingLine))!;
    await plansRepo.updateLine(tx, v2, pendingLine, {
      programmeCode: row.programme_code,
      mode: row.mode,
      classes: row.classes,
      learners: row.learners,
      year,
      quarter: 4,
      organiserUnitId: row.organiser_unit_id,
      siteKind: 'local',
      site: 'Trung tâm chính trị cấp xã (liên xã)',
      estimatedCost: row.estimated_cost - 20_000_000,
      carriedOver: false,
      note: 'Điều chỉnh: tổ chức tại địa phương',
    });
  }
  await approve(v2, v2On, '310-QĐ/TU');

  // ---------- five-year plans ----------
  const TARGETS: [string, number, number][] = [
    ['TC_LLCT', 4, 320],
    ['SC_LLCT', 3, 210],
    ['QLNN_CV', 4, 240],
    ['QLNN_CVC', 3, 180],
  ];
  for (const start of [2021, 2026]) {
    const id = await plansRepo.insertFiveYearPlan(tx, {
      startYear: start,
      title: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức giai đoạn ${start}–${start + 4}`,
      decisionNumber: start === 2021 ? '45-KH/TU' : '12-KH/TU',
      decisionDate: start === 2021 ? '2021-03-15' : '2026-02-10',
      createdBy: boardId,
    });
    const targets = [];
    for (let y = start; y <= start + 4; y++) {
      for (const [code, classesPerYear, learners] of TARGETS) {
        if (programmes.has(code)) targets.push({ year: y, programmeCode: code, classes: classesPerYear + (y - start >= 3 ? 1 : 0), learners });
      }
    }
    await plansRepo.replaceTargets(tx, id, targets);
  }
  return { annualPlans: 2, lines: lineCount, linkedClasses: linked, extraClasses: extras.length };
}
