/**
 * Gaps and eligibility at province scale (issue 3), on the bench database of bench/run.ts:
 *
 * (a) the gaps dashboard of the whole province plus the trung cấp LLCT eligibility counts, through
 *     the services, against hand-written set-based SQL computing the same answers in the same run
 *     (the answers are compared, not just timed);
 * (b) the ranked candidate list for one programme over the whole province (service and API);
 * and, for reading the figures, the same eligibility question evaluated for every person without
 * the SQL pre-filter, and the what-if 57-QĐ/TW → 350-QĐ/TW.
 */
import { createDb, migrate, rulesRepo, type Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import { ZCandidatesQuery } from '@nang-tam/contracts';
import type { AuthUser } from '../apps/server/src/auth/auth-user.js';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { listCandidates, whatIf } from '../apps/server/src/services/eligibility.service.js';
import { getUnitGaps } from '../apps/server/src/services/gaps.service.js';
import { timeRounds as timeRoundsOf, type Timed } from './lib.js';

export interface EligibilityBench {
  people: number;
  asOf: string;
  runs: number;
  gaps: { serviceMs: number; baselineMs: number; apiMs: number; match: boolean; withGaps: number; withStandards: number };
  eligibility: {
    serviceMs: number;
    baselineMs: number;
    match: boolean;
    counts: { eligible: number; cannotDecide: number; notEligible: number };
  };
  candidates: { serviceMs: number; apiMs: number; total: number; pageSize: number };
  fullEvaluation: { ms: number; people: number };
  whatIf: { ms: number; changed: number };
}

const PROGRAMME = 'TC_LLCT';
const MODE = 'full_time';
const RUNS = 7;
/** Calls before timing: the engine's code reaches its optimised tier after a few thousand people. */
const WARM_UP = 3;
const PAGE = 50;


const timeRounds = <const T extends readonly (() => Promise<unknown>)[]>(fns: T, runs = RUNS) => timeRoundsOf(fns, { warmUp: WARM_UP, runs });

// ---------- baselines: one set-based statement each, written for the shipped rules ----------

/** The gaps dashboard: per direct child unit, people by needed kind/level, with standards, with gaps. */
const GAPS_SQL = `
WITH params AS (SELECT $1::date AS as_of, extract(year FROM $1::date)::int AS y),
scope AS (
  SELECT p.id, p.title_id, p.job_position_id, e.minority,
    nullif(split_part(substr(u.path, length($2::text) + 1), '/', 1), '')::int AS child_id
  FROM people p JOIN units u ON u.id = p.unit_id JOIN ethnicities e ON e.code = p.ethnicity_code
  WHERE u.path LIKE $2::text || '%'),
std AS (
  SELECT s.title_code, s.job_position_code, s.requirement_kind AS kind, l.rank AS min_rank,
    (SELECT la.rank FROM jsonb_array_elements(s.alternatives) alt
       JOIN qualification_levels la ON la.kind = s.requirement_kind AND la.code = alt->>'level'
     WHERE alt->>'when' = 'ethnic_minority' LIMIT 1) AS alt_rank
  FROM standard_versions s JOIN qualification_levels l ON l.kind = s.requirement_kind AND l.code = s.min_level, params
  WHERE s.superseded_by IS NULL AND s.period_from <= as_of AND (s.period_to IS NULL OR s.period_to >= as_of)),
targets AS (
  SELECT sc.id AS person_id, t.code AS title_code, NULL::text AS job_code FROM scope sc JOIN titles t ON t.id = sc.title_id
  UNION
  SELECT sc.id, NULL, jp.code FROM scope sc JOIN job_positions jp ON jp.id = sc.job_position_id
  UNION
  SELECT pe.person_id, t.code, NULL FROM planning_entries pe JOIN scope sc ON sc.id = pe.person_id JOIN titles t ON t.id = pe.title_id, params
  WHERE pe.title_id IS DISTINCT FROM sc.title_id
    AND (pe.term !~ '^\\s*\\d{4}\\s*[-–]\\s*\\d{4}\\s*$' OR substring(pe.term FROM '(\\d{4})\\s*$')::int >= y)),
reqs AS (
  SELECT tg.person_id, s.kind, s.min_rank, s.alt_rank
  FROM targets tg JOIN std s ON s.title_code = tg.title_code OR s.job_position_code = tg.job_code),
held AS (
  SELECT q.person_id, q.kind, max(l.rank) AS rank
  FROM qualifications q JOIN qualification_levels l ON l.kind = q.kind AND l.code = q.level, params
  WHERE q.person_id IN (SELECT person_id FROM reqs) AND (q.awarded_on IS NULL OR q.awarded_on <= as_of)
  GROUP BY 1, 2),
gaps AS (
  SELECT r.person_id, r.kind, CASE WHEN sc.minority AND r.alt_rank IS NOT NULL THEN r.alt_rank ELSE r.min_rank END AS needed
  FROM reqs r JOIN scope sc ON sc.id = r.person_id LEFT JOIN held h ON h.person_id = r.person_id AND h.kind = r.kind
  WHERE coalesce(h.rank, 0) < r.min_rank AND NOT (sc.minority AND r.alt_rank IS NOT NULL AND coalesce(h.rank, 0) >= r.alt_rank)),
needs AS (SELECT person_id, kind, max(needed) AS rank FROM gaps GROUP BY 1, 2)
SELECT 'need' AS what, sc.child_id, n.kind, l.code AS level, count(*)::int AS n
FROM needs n JOIN scope sc ON sc.id = n.person_id JOIN qualification_levels l ON l.kind = n.kind AND l.rank = n.rank
GROUP BY sc.child_id, n.kind, l.code
UNION ALL
SELECT 'with_standards', sc.child_id, NULL, NULL, count(DISTINCT r.person_id)::int FROM reqs r JOIN scope sc ON sc.id = r.person_id GROUP BY sc.child_id
UNION ALL
SELECT 'with_gaps', sc.child_id, NULL, NULL, count(DISTINCT n.person_id)::int FROM needs n JOIN scope sc ON sc.id = n.person_id GROUP BY sc.child_id`;

/** Trung cấp LLCT, full time, under 350-QĐ/TW: eligible / cannot decide / not eligible. */
const TC_350_SQL = `
WITH params AS (SELECT $1::date AS as_of, extract(year FROM $1::date)::int AS y),
tt AS (SELECT id FROM titles WHERE (level IN ('commune', 'province') AND leadership) OR code = 'BT_CB'),
scope AS (
  SELECT p.id, p.title_id, p.party_joined_on, e.minority
  FROM people p JOIN units u ON u.id = p.unit_id JOIN ethnicities e ON e.code = p.ethnicity_code
  WHERE u.path LIKE $2::text || '%'),
planned AS (
  SELECT DISTINCT pe.person_id FROM planning_entries pe, params
  WHERE pe.title_id IN (SELECT id FROM tt)
    AND (pe.term !~ '^\\s*\\d{4}\\s*[-–]\\s*\\d{4}\\s*$' OR substring(pe.term FROM '(\\d{4})\\s*$')::int >= y)),
edu AS (
  SELECT q.person_id, max(l.rank) AS rank FROM qualifications q JOIN qualification_levels l ON l.kind = q.kind AND l.code = q.level, params
  WHERE q.kind = 'education' AND (q.awarded_on IS NULL OR q.awarded_on <= as_of) GROUP BY 1),
llct AS (
  SELECT DISTINCT q.person_id FROM qualifications q JOIN qualification_levels l ON l.kind = q.kind AND l.code = q.level, params
  WHERE q.kind = 'political_theory' AND l.rank >= 2 AND (q.awarded_on IS NULL OR q.awarded_on <= as_of)),
appr AS (
  SELECT a.person_id, count(*) AS n, count(*) FILTER (WHERE a.classification IN ('completed', 'not_completed')) AS bad
  FROM appraisals a, params WHERE a.year IN (y - 1, y - 2) GROUP BY 1),
enr AS (
  SELECT DISTINCT n.person_id FROM enrolments n, params
  WHERE n.programme_code IN ('TC_LLCT', 'CC_LLCT') AND n.started_on <= as_of AND (n.ended_on IS NULL OR n.ended_on >= as_of)),
ev AS (
  SELECT (s.title_id IN (SELECT id FROM tt) OR pl.person_id IS NOT NULL)
      AND s.party_joined_on <= (SELECT as_of FROM params)
      AND coalesce(edu.rank, 0) >= CASE WHEN s.minority THEN 1 ELSE 3 END
      AND coalesce(appr.bad, 0) = 0
      AND llct.person_id IS NULL
      AND enr.person_id IS NULL AS passes,
    coalesce(appr.n, 0) AS years
  FROM scope s
  LEFT JOIN planned pl ON pl.person_id = s.id
  LEFT JOIN edu ON edu.person_id = s.id
  LEFT JOIN llct ON llct.person_id = s.id
  LEFT JOIN appr ON appr.person_id = s.id
  LEFT JOIN enr ON enr.person_id = s.id)
SELECT count(*) FILTER (WHERE passes AND years = 2)::int AS eligible,
  count(*) FILTER (WHERE passes AND years < 2)::int AS cannot_decide,
  count(*) FILTER (WHERE passes IS NOT TRUE)::int AS not_eligible
FROM ev`;

type GapRow = { what: string; child_id: number | null; kind: string | null; level: string | null; n: number };

function sameGaps(service: Awaited<ReturnType<typeof getUnitGaps>>, rows: GapRow[]): boolean {
  const fromService = new Map<string, number>();
  for (const c of service.children) {
    const child = c.unit?.id ?? null;
    if (c.withStandards) fromService.set(`with_standards/${child}`, c.withStandards);
    if (c.withGaps) fromService.set(`with_gaps/${child}`, c.withGaps);
    for (const n of c.needs) fromService.set(`need/${child}/${n.kind}/${n.level}`, n.people);
  }
  const fromSql = new Map(
    rows.map((r) => [r.what === 'need' ? `need/${r.child_id}/${r.kind}/${r.level}` : `${r.what}/${r.child_id}`, r.n]),
  );
  if (fromService.size !== fromSql.size) return false;
  for (const [k, v] of fromService) if (fromSql.get(k) !== v) return false;
  return true;
}

async function adminOf(db: Db): Promise<{ user: AuthUser; root: { id: number; path: string } }> {
  const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
  return { root, user: { id: 1, unitId: root.id, scope: { kind: 'subtree', unitPath: root.path } } as AuthUser };
}

export async function benchEligibility(dbUrl: string): Promise<EligibilityBench> {
  const db = await createDb({ databaseUrl: dbUrl, poolSize: 4 });
  try {
    await migrate(db);
    if (await rulesRepo.seedShippedRules(db)) await db.exec('ANALYZE');
    const asOf = todayInVietnam();
    if (asOf < '2025-08-29') throw new Error('the baseline is written for 350-QĐ/TW (in force from 2025-08-29)');
    const { user, root } = await adminOf(db);
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const query = ZCandidatesQuery.parse({ programme: PROGRAMME, mode: MODE, asOf, limit: PAGE });

    console.log('Gaps dashboard of the province…');
    const [gaps, gapsBase] = await timeRounds([
      () => getUnitGaps(db, user, root.id, asOf),
      async () => (await db.query<GapRow>(GAPS_SQL, [asOf, root.path])).rows,
    ]);
    const gapsMatch = sameGaps(gaps.result, gapsBase.result);
    console.log(`  service ${gaps.ms.toFixed(0)} ms, SQL ${gapsBase.ms.toFixed(0)} ms, same answer: ${gapsMatch}`);

    console.log(`${PROGRAMME} eligibility counts over the province…`);
    const [elig, eligBase] = await timeRounds([
      () => listCandidates(db, user, query),
      async () =>
        (await db.query<{ eligible: number; cannot_decide: number; not_eligible: number }>(TC_350_SQL, [asOf, root.path])).rows[0]!,
    ]);
    const c = elig.result.counts;
    const b = eligBase.result;
    const eligMatch = c.eligible === b.eligible && c.cannotDecide === b.cannot_decide && c.notEligible === b.not_eligible;
    console.log(
      `  service ${elig.ms.toFixed(0)} ms, SQL ${eligBase.ms.toFixed(0)} ms, same answer: ${eligMatch} (${c.eligible} / ${c.cannotDecide} / ${c.notEligible})`,
    );

    console.log('Gaps dashboard and candidate list through the API…');
    const app = await buildApp(
      { db, config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off', DATABASE_URL: dbUrl }), webDist: '/nonexistent' } },
      { logger: false },
    );
    await app.ready();
    let gapsApiMs = 0;
    let listMs = 0;
    let listApiMs = 0;
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'NangTam@2025' },
      });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode}`);
      const cookie = `nt_session=${login.cookies.find((k) => k.name === 'nt_session')!.value}`;
      const get = async (url: string) => {
        const res = await app.inject({ url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res.json() as unknown;
      };
      const gapsViaApi = async () => {
        const body = (await get(`/api/v1/units/${root.id}/gaps?asOf=${asOf}`)) as { totals: { withGaps: number; withStandards: number } };
        if (body.totals.withGaps !== gaps.result.totals.withGaps || body.totals.withStandards !== gaps.result.totals.withStandards)
          throw new Error('the API and the service report different gaps');
      };
      const listViaApi = async () => {
        const body = (await get(`/api/v1/candidates?programme=${PROGRAMME}&mode=${MODE}&asOf=${asOf}&limit=${PAGE}`)) as {
          total: number;
          items: unknown[];
        };
        if (body.total !== elig.result.total || body.items.length !== Math.min(PAGE, body.total))
          throw new Error('the API and the service list different candidates');
      };
      // the list through the service alone and through the API in the same rounds: the same load for both
      const [gapsApi, list, listApi] = await timeRounds([gapsViaApi, () => listCandidates(db, user, query), listViaApi]);
      gapsApiMs = gapsApi.ms;
      listMs = list.ms;
      listApiMs = listApi.ms;
    } finally {
      await app.close();
    }
    console.log(`  gaps API ${gapsApiMs.toFixed(0)} ms; candidate list: service ${listMs.toFixed(0)} ms, API ${listApiMs.toFixed(0)} ms`);

    console.log('The same without the SQL pre-filter (every person through the engine)…');
    const [full] = await timeRounds([() => listCandidates(db, user, query, { prefilter: false })], 3);
    const f = full.result.counts;
    if (
      f.eligible !== c.eligible ||
      f.cannotDecide !== c.cannotDecide ||
      f.notEligible !== c.notEligible ||
      full.result.total !== elig.result.total
    ) {
      throw new Error('pre-filtered and full evaluation disagree');
    }
    console.log(`  ${full.ms.toFixed(0)} ms for ${people} people`);

    console.log('What-if 28/8 → 29/8/2025 (57-QĐ/TW → 350-QĐ/TW)…');
    const [wi] = await timeRounds(
      [() => whatIf(db, user, { programme: PROGRAMME, mode: MODE, from: '2025-08-28', to: '2025-08-29', limit: PAGE, offset: 0 })],
      3,
    );
    console.log(`  ${wi.ms.toFixed(0)} ms, ${wi.result.total} people change`);

    return {
      people,
      asOf,
      runs: RUNS,
      gaps: {
        serviceMs: gaps.ms,
        baselineMs: gapsBase.ms,
        apiMs: gapsApiMs,
        match: gapsMatch,
        withGaps: gaps.result.totals.withGaps,
        withStandards: gaps.result.totals.withStandards,
      },
      eligibility: {
        serviceMs: elig.ms,
        baselineMs: eligBase.ms,
        match: eligMatch,
        counts: { eligible: c.eligible, cannotDecide: c.cannotDecide, notEligible: c.notEligible },
      },
      candidates: { serviceMs: listMs, apiMs: listApiMs, total: elig.result.total, pageSize: PAGE },
      fullEvaluation: { ms: full.ms, people },
      whatIf: { ms: wi.ms, changed: wi.result.total },
    };
  } finally {
    await db.close();
  }
}
