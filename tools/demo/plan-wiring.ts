/**
 * Issue 9 wired in the demo province (decision 0035), once the plans, the needs campaigns and the
 * outside-training records exist:
 *
 * - last year's and this year's plans carry a line per programme × mode × institution of the
 *   people sent to train outside the province (0 classes, N learners), added to the first version
 *   and kept by the adjustment; the records are linked to it, so plan against actual shows them on
 *   first start (the master's abroad and the refused one stay outside the plan);
 * - next year's plan is a draft whose lines came from this year's needs campaign
 *   (plans.proposeLinesFromNeeds over the submitted answers, the school organising), as the board's
 *   "Tạo dòng kế hoạch từ nhu cầu" makes them.
 */
import { plans, type IsoDate } from '@nang-tam/domain';
import { needsRepo, plansRepo, usersRepo, type Queryable } from '@nang-tam/db';

export interface PlanWiringResult {
  outsideLines: number;
  linkedOutside: number;
  linesFromNeeds: number;
}

interface OutsideRow {
  id: number;
  programme_code: string;
  mode: 'full_time' | 'part_time' | 'online';
  institution: string;
  start_date: string;
  cost: string | null;
}

export async function seedDemoPlanWiring(tx: Queryable, today: IsoDate): Promise<PlanWiringResult> {
  const year = Number(today.slice(0, 4));
  const board = await usersRepo.findUserByUsername(tx, 'admin');
  if (!board) throw new Error("the demo account 'admin' is missing");
  const result: PlanWiringResult = { outsideLines: 0, linkedOutside: 0, linesFromNeeds: 0 };

  for (const y of [year - 1, year]) {
    const plan = await plansRepo.findAnnualPlanByYear(tx, y);
    if (!plan) continue;
    const versions = await plansRepo.listVersions(tx, plan.id);
    const first = versions[0];
    if (!first) continue;
    const rows = (
      await tx.query<OutsideRow>(
        `SELECT id, programme_code, mode, institution, start_date::text, cost::text AS cost FROM outside_trainings
         WHERE NOT outside_plan AND status NOT IN ('refused', 'withdrawn') AND extract(year FROM start_date)::int = $1 ORDER BY start_date, id`,
        [y],
      )
    ).rows;
    const groups = new Map<string, OutsideRow[]>();
    for (const r of rows) {
      const k = `${r.programme_code}|${r.mode}|${r.institution}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const g of groups.values()) {
      const r0 = g[0]!;
      const [lineId] = await plansRepo.insertLines(tx, plan.id, first.id, [
        {
          programmeCode: r0.programme_code,
          mode: r0.mode,
          classes: 0,
          learners: g.length,
          year: y,
          quarter: Math.floor((Number(r0.start_date.slice(5, 7)) - 1) / 3) + 1,
          organiserUnitId: board.unit_id,
          siteKind: 'school',
          site: r0.institution,
          estimatedCost: g.reduce((s, r) => s + Number(r.cost ?? 0), 0),
          carriedOver: false,
          note: `Cử đi học tại ${r0.institution}`,
        },
      ]);
      for (const v of versions.slice(1)) await plansRepo.copyLineToVersion(tx, first.id, v.id, lineId!);
      await plansRepo.linkOutsideTrainings(
        tx,
        g.map((r) => r.id),
        lineId!,
      );
      result.outsideLines += 1;
      result.linkedOutside += g.length;
    }
  }

  // next year's draft plan, its lines proposed from this year's campaign (the one for next year)
  const campaign = (await tx.query<{ id: number; title: string; owner_path: string }>(
    `SELECT c.id, c.title, u.path AS owner_path FROM needs_campaigns c JOIN units u ON u.id = c.owner_unit_id WHERE c.year = $1 ORDER BY c.id LIMIT 1`,
    [year + 1],
  )).rows[0];
  if (campaign && !(await plansRepo.findAnnualPlanByYear(tx, year + 1))) {
    const [cells, programmeRows, school] = await Promise.all([
      needsRepo.findAggregateLines(tx, campaign.id, campaign.owner_path, `${year + 1}-01-01`, year + 1),
      plansRepo.proposalProgrammes(tx),
      plansRepo.usualOrganiser(tx, '/'),
    ]);
    if (school) {
      const proposal = plans.proposeLinesFromNeeds(
        cells.map((c) => ({ programmeCode: c.programme_code, mode: c.mode, quarter: c.quarter, people: c.people })),
        // where a programme has no class yet the board sets a class of 60
        new Map(programmeRows.map((p) => [p.code, { name: p.name, opensClasses: p.opens_classes, typicalCapacity: p.typical_capacity ?? 60, defaultInstitution: p.default_institution }])),
        { year: year + 1, classSize: null, organiserUnitId: school.id, siteKind: 'school', site: school.name, note: `Từ nhu cầu: ${campaign.title}` },
      );
      const planId = await plansRepo.insertAnnualPlan(tx, { year: year + 1, title: `Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${year + 1} (dự thảo)`, createdBy: board.id });
      const v1 = await plansRepo.insertVersion(tx, { planId, number: 1, basedOnId: null, reason: null, decisionNumber: null, decisionDate: null, createdBy: board.id });
      await plansRepo.insertLines(
        tx,
        planId,
        v1,
        proposal.lines.map(({ programmeName: _n, classSize: _s, ...l }) => l),
      );
      result.linesFromNeeds = proposal.lines.length;
    }
  }
  return result;
}
