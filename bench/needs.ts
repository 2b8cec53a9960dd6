/**
 * Needs aggregation at province scale (issue 9), on the bench database of bench/run.ts: a campaign
 * answered by every unit of the province (every unit asked, every answer submitted, four or five
 * lines each, some people named), aggregated by programme, mode, quarter, unit (with the subtree
 * roll-up) and target group, with the units that have not answered:
 *
 * - through the service (`aggregateCampaign`: SQL gathers one row per line with its named people
 *   counted by group, the domain sums them) and through the API (`GET /api/v1/needs/campaigns/:id/aggregate`);
 * - baseline: hand-written set-based SQL computing the same sums (programme × mode × quarter with the
 *   groups, and every unit's subtree total by a path join), timed in alternation on the same pool.
 *
 * The answers are compared, not only timed. The campaign is made for the run and deleted afterwards.
 */
import { createDb, migrate, needsRepo, rulesRepo, catalogueRepo, type Db } from '@nang-tam/db';
import { UNIT_KINDS, addYears, needs, todayInVietnam } from '@nang-tam/domain';
import type { NeedsAggregate } from '@nang-tam/contracts';
import type { AuthUser } from '../apps/server/src/auth/auth-user.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { aggregateCampaign } from '../apps/server/src/services/needs.service.js';
import { timeRounds as timeRoundsOf } from './lib.js';

export interface NeedsBench {
  people: number;
  units: number;
  lines: number;
  named: number;
  requested: number;
  runs: number;
  serviceMs: number;
  apiMs: number;
  baselineMs: number;
  match: boolean;
}

const RUNS = 9;
const WARM_UP = 3;

const MENU = [
  { programmeCode: 'SC_LLCT', mode: 'part_time' },
  { programmeCode: 'TC_LLCT', mode: 'full_time' },
  { programmeCode: 'TC_LLCT', mode: 'part_time' },
  { programmeCode: 'QLNN_CV', mode: 'online' },
  { programmeCode: 'QLNN_CVC', mode: 'full_time' },
] as const;

const BASELINE_SQL = `
WITH l AS (
  SELECT l.id, u.path, l.programme_code, l.mode, l.quarter, l.people
  FROM needs_answers a JOIN units u ON u.id = a.unit_id JOIN needs_answer_lines l ON l.answer_id = a.id
  WHERE a.campaign_id = $1 AND a.status = 'submitted' AND u.path LIKE $2 || '%'),
t AS (
  SELECT np.line_id, count(*) AS named,
    count(*) FILTER (WHERE pe.birth_date > $3::date) AS young,
    count(*) FILTER (WHERE pe.gender = 'female') AS female,
    count(*) FILTER (WHERE e.minority) AS minority,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM planning_entries pl WHERE pl.person_id = pe.id
      AND (pl.term !~ '^\\s*[0-9]{4}\\s*[-–]\\s*[0-9]{4}\\s*$' OR substring(pl.term FROM '([0-9]{4})\\s*$')::int >= $4))) AS planned
  FROM needs_answer_people np JOIN l ON l.id = np.line_id JOIN people pe ON pe.id = np.person_id JOIN ethnicities e ON e.code = pe.ethnicity_code
  GROUP BY np.line_id)
SELECT 'cell' AS what, l.programme_code AS programme, l.mode, l.quarter, NULL::int AS unit_id,
  sum(l.people)::int AS people, coalesce(sum(t.named), 0)::int AS named, coalesce(sum(t.young), 0)::int AS young,
  coalesce(sum(t.female), 0)::int AS female, coalesce(sum(t.minority), 0)::int AS minority, coalesce(sum(t.planned), 0)::int AS planned
FROM l LEFT JOIN t ON t.line_id = l.id GROUP BY l.programme_code, l.mode, l.quarter
UNION ALL
SELECT 'unit', NULL, NULL, NULL, u.id, sum(l.people)::int, 0, 0, 0, 0, 0
FROM units u JOIN l ON l.path LIKE u.path || '%' WHERE u.path LIKE $2 || '%' GROUP BY u.id`;

type BaseRow = {
  what: string;
  programme: string | null;
  mode: string | null;
  quarter: number | null;
  unit_id: number | null;
  people: number;
  named: number;
  young: number;
  female: number;
  minority: number;
  planned: number;
};

/** The service's answer and the baseline's rows say the same: per programme (by mode, quarter, groups) and per unit subtree. */
function same(agg: NeedsAggregate, rows: BaseRow[]): boolean {
  const cells = rows.filter((r) => r.what === 'cell');
  const byProgramme = new Map<
    string,
    {
      people: number;
      named: number;
      young: number;
      female: number;
      minority: number;
      planned: number;
      modes: Record<string, number>;
      quarters: number[];
    }
  >();
  for (const r of cells) {
    const p = byProgramme.get(r.programme!) ?? {
      people: 0,
      named: 0,
      young: 0,
      female: 0,
      minority: 0,
      planned: 0,
      modes: {},
      quarters: [0, 0, 0, 0],
    };
    byProgramme.set(r.programme!, p);
    p.people += r.people;
    p.named += r.named;
    p.young += r.young;
    p.female += r.female;
    p.minority += r.minority;
    p.planned += r.planned;
    p.modes[r.mode!] = (p.modes[r.mode!] ?? 0) + r.people;
    p.quarters[r.quarter! - 1]! += r.people;
  }
  if (byProgramme.size !== agg.byProgramme.length) return false;
  for (const p of agg.byProgramme) {
    const b = byProgramme.get(p.programmeCode);
    if (!b) return false;
    const { people, named, young, female, minority, planned } = p.total;
    if (
      JSON.stringify([people, named, young, female, minority, planned]) !==
      JSON.stringify([b.people, b.named, b.young, b.female, b.minority, b.planned])
    )
      return false;
    if (JSON.stringify(p.byQuarter) !== JSON.stringify(b.quarters)) return false;
    for (const [m, n] of Object.entries(p.byMode)) if ((b.modes[m] ?? 0) !== n) return false;
  }
  const units = new Map(rows.filter((r) => r.what === 'unit').map((r) => [r.unit_id!, r.people]));
  if (units.size !== agg.byUnit.length) return false;
  return agg.byUnit.every((u) => units.get(u.unit.id) === u.subtree.people);
}

const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T) => timeRoundsOf(fns, { warmUp: WARM_UP, runs: RUNS });

/** Asks every unit of the province and answers for each (submitted), deterministically. */
async function makeCampaign(
  db: Db,
  root: { id: number; path: string },
  year: number,
): Promise<{ id: number; units: number; lines: number; named: number; requested: number }> {
  return db.transaction(async (tx) => {
    const id = await needsRepo.insertCampaign(tx, {
      year,
      title: `Benchmark: nhu cầu năm ${year}`,
      deadline: `${year - 1}-11-30`,
      ownerUnitId: root.id,
      target: { kinds: UNIT_KINDS.map((k) => k.code) },
      note: null,
      createdBy: 1,
    });
    await needsRepo.insertOffers(tx, id, [
      { programmeCode: 'SC_LLCT', modes: ['part_time'] },
      { programmeCode: 'TC_LLCT', modes: ['full_time', 'part_time'] },
      { programmeCode: 'QLNN_CV', modes: ['online'] },
      { programmeCode: 'QLNN_CVC', modes: ['full_time'] },
    ]);
    const units = await needsRepo.findTargetUnits(tx, root.path, { kinds: UNIT_KINDS.map((k) => k.code) });
    await needsRepo.insertCampaignUnits(
      tx,
      id,
      units.map((u) => u.id),
    );
    const sample = await needsRepo.samplePeopleOfUnits(
      tx,
      units.map((u) => u.id),
      12,
    );
    const now = new Date().toISOString();
    const answerIds = await needsRepo.insertAnswersAs(
      tx,
      units.map((u) => ({
        campaignId: id,
        unitId: u.id,
        status: 'submitted',
        version: 2,
        submittedAt: now,
        submittedBy: 1,
        returnComment: null,
        returnedAt: null,
        returnedBy: null,
        updatedAt: now,
        updatedBy: 1,
      })),
    );
    let requested = 0;
    let named = 0;
    const lines = answerIds.flatMap((answerId, i) => {
      const pool = sample.get(units[i]!.id) ?? [];
      // each programme's people named once: the pool is split between the lines in turn
      return MENU.map((m, j) => {
        const people = 2 + ((i * 7 + j * 3) % 9);
        const personIds = pool.filter((_, k) => k % MENU.length === j).slice(0, Math.min(2, people));
        requested += people;
        named += personIds.length;
        return { answerId, lineNo: j + 1, programmeCode: m.programmeCode, mode: m.mode, quarter: 1 + ((i + j) % 4), people, personIds };
      });
    });
    await needsRepo.insertLinesMany(tx, lines);
    return { id, units: units.length, lines: lines.length, named, requested };
  });
}

export async function benchNeeds(dbUrl: string): Promise<NeedsBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  let campaignId: number | null = null;
  try {
    await migrate(db);
    await rulesRepo.seedShippedRules(db);
    await catalogueRepo.seedProgrammeCatalogue(db);
    const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const year = Number(todayInVietnam().slice(0, 4)) + 1;
    const made = await makeCampaign(db, root, year);
    campaignId = made.id;
    await db.exec('ANALYZE needs_answers; ANALYZE needs_answer_lines; ANALYZE needs_answer_people; ANALYZE needs_campaign_units');
    console.log(`Needs campaign: ${made.units} units, ${made.lines} lines, ${made.named} people named…`);
    const user = {
      id: 1,
      username: 'bench',
      role: 'province_board',
      unitId: root.id,
      scope: { kind: 'subtree', unitPath: root.path },
    } as unknown as AuthUser;
    const judgedOn = needs.youngJudgedOn(year);
    const app = await buildApp(
      { db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }), webDist: '/nonexistent', loginRateLimit: 1000 } },
      { logger: false },
    );
    await app.ready();
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'NangTam@2025' },
      });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      const viaApi = async () => {
        const res = await app.inject({ url: `/api/v1/needs/campaigns/${made.id}/aggregate`, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`aggregate: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.json() as NeedsAggregate;
      };
      const [service, api, baseline] = await timeRounds([
        () => aggregateCampaign(db, user, made.id, {}),
        viaApi,
        async () =>
          (
            await db.query<BaseRow>(BASELINE_SQL, [
              made.id,
              root.path,
              addYears(judgedOn, -needs.YOUNG_CADRE_DEFINITION.maxAgeExclusive),
              year,
            ])
          ).rows,
      ]);
      const agg = service!.result as NeedsAggregate;
      const match =
        same(agg, baseline!.result as BaseRow[]) && JSON.stringify((api!.result as NeedsAggregate).total) === JSON.stringify(agg.total);
      console.log(
        `  service ${service!.ms.toFixed(0)} ms, API ${api!.ms.toFixed(0)} ms, SQL ${baseline!.ms.toFixed(0)} ms, same answer: ${match}`,
      );
      return {
        people,
        units: made.units,
        lines: made.lines,
        named: made.named,
        requested: made.requested,
        runs: RUNS,
        serviceMs: service!.ms,
        apiMs: api!.ms,
        baselineMs: baseline!.ms,
        match,
      };
    } finally {
      await app.close();
    }
  } finally {
    if (campaignId !== null) await db.query('DELETE FROM needs_campaigns WHERE id = $1', [campaignId]);
    await db.close();
  }
}
