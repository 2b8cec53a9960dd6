/**
 * Budgets in the demo province (issue 11 point 2): every line of the annual plans gets a detailed
 * estimate (lecturers' fees at the TT 36/2018/TT-BTC rates, support per learner, venue, materials)
 * except one per plan, left at the plan's estimated cost; every class gets its estimate, and the
 * classes that have started get vouchers (lecturers' fees, venue, materials, support) near their
 * estimate — some above, some below. Deterministic: amounts follow from the ids and the dates.
 */
import { plans, type IsoDate } from '@nang-tam/domain';
import { budgetsRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { ratesOf } from '../../apps/server/src/services/budgets.service.js';

export interface BudgetSeedResult {
  lineEstimates: number;
  classEstimates: number;
  entries: number;
}

const round = (n: number, step: number) => Math.round(n / step) * step;

export async function seedDemoBudgets(tx: Queryable, opts: { today: IsoDate }): Promise<BudgetSeedResult> {
  const board = await usersRepo.findUserByUsername(tx, 'admin');
  const school = await usersRepo.findUserByUsername(tx, 'truong');
  const rates = ratesOf(await budgetsRepo.listRates(tx));
  const result: BudgetSeedResult = { lineEstimates: 0, classEstimates: 0, entries: 0 };
  const estimate = async (h: budgetsRepo.HolderRef, asOf: IsoDate, learners: number, sessions: number, by: number | null, seed: number) => {
    const lecturers = [
      { rateCategory: seed % 3 === 0 ? 'senior' : 'provincial_staff', sessions: Math.max(1, Math.round(sessions * 0.7)) },
      { rateCategory: seed % 2 === 0 ? 'central_leader' : 'provincial_leader', sessions: Math.max(1, Math.round(sessions * 0.1)) },
      { rateCategory: 'local_staff', sessions: Math.max(1, Math.round(sessions * 0.2)) },
    ];
    const v = plans.computeEstimate(
      {
        lecturers,
        learners,
        supportPerLearner: BigInt(round(150_000 + (seed % 5) * 50_000, 10_000)),
        venue: BigInt(round(2_000_000 + sessions * 150_000, 100_000)),
        materials: BigInt(round(learners * 120_000, 10_000)),
        other: BigInt(round(1_000_000 + (seed % 4) * 500_000, 100_000)),
      },
      rates,
      asOf,
    );
    if (!v.ok) throw new Error(`demo estimate refused: ${JSON.stringify(v.refusals)}`);
    await budgetsRepo.saveEstimate(tx, h, null, { asOf, learners, total: v.value.total, note: null, updatedBy: by ?? 0, items: v.value.items });
    return v.value;
  };

  // plan lines: of each plan's latest version
  const lines = await tx.query<{ line_id: number; year: number; learners: number; classes: number; first: boolean }>(
    `SELECT lv.line_id, ap.year, lv.learners, lv.classes,
       lv.line_id = min(lv.line_id) OVER (PARTITION BY ap.id) AS first
     FROM plan_line_versions lv JOIN plan_versions v ON v.id = lv.version_id JOIN annual_plans ap ON ap.id = v.plan_id
     WHERE v.number = (SELECT max(number) FROM plan_versions x WHERE x.plan_id = v.plan_id)
     ORDER BY lv.line_id`,
  );
  for (const l of lines.rows) {
    if (l.first) continue; // one line per plan keeps the plan's own estimated cost
    await estimate({ kind: 'line', id: l.line_id }, `${l.year}-01-01`, l.learners, Math.max(1, l.classes) * 40, board?.id ?? null, l.line_id);
    result.lineEstimates += 1;
  }

  // classes: an estimate each; vouchers for those that have started
  const classes = await tx.query<{ id: number; start_date: string; end_date: string; learners: number; sessions: number }>(
    `SELECT c.id, c.start_date::text AS start_date, c.end_date::text AS end_date,
       (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.status <> 'withdrawn') AS learners,
       (SELECT count(*)::int FROM class_sessions s WHERE s.class_id = c.id) AS sessions
     FROM classes c ORDER BY c.id`,
  );
  for (const c of classes.rows) {
    const learners = Math.max(c.learners, 20);
    const e = await estimate({ kind: 'class', id: c.id }, c.start_date, learners, Math.max(c.sessions, 20), school?.id ?? null, c.id);
    result.classEstimates += 1;
    if (c.start_date > opts.today) continue;
    const done = c.end_date <= opts.today;
    // spent so far: all of it when the class has ended, about half while it runs; ±15 % around the estimate
    const factor = (done ? 1 : 0.5) * (0.85 + ((c.id * 37) % 31) / 100);
    const byCat = new Map(plans.BUDGET_CATEGORIES.map((k) => [k, e.items.filter((i) => i.category === k).reduce((s, i) => s + i.amount, 0n)]));
    const day = done ? c.end_date : opts.today;
    const entries: budgetsRepo.CostEntryWrite[] = [];
    let n = 0;
    for (const [category, amount] of byCat) {
      const spent = round(Number(amount) * factor, 1_000);
      if (spent <= 0) continue;
      n += 1;
      entries.push({
        category,
        spentOn: category === 'venue' || category === 'materials' ? c.start_date : day,
        amount: BigInt(spent),
        documentNo: `PC-${c.id}-${String(n).padStart(2, '0')}`,
        description: plans.BUDGET_CATEGORY_LABELS[category].vi,
        recordedBy: school?.id ?? 0,
      });
    }
    await budgetsRepo.insertCostEntries(tx, { kind: 'class', id: c.id }, entries);
    result.entries += entries.length;
  }
  return result;
}
