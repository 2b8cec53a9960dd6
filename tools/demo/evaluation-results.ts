/**
 * Results at two years in the demo province (issue 11 point 4, decision 0052): three trung cấp
 * classes of earlier years (ended three to four years before the reference date's year, and one
 * that ended early in the year before last), whose graduates the evaluation compares with the
 * comparable people who never took the programme.
 *
 * The registry already holds five years of appraisals, planning entries and ten years of
 * assignments for everyone (history.ts). The graduates are drawn from the people in service at the
 * class start (cán bộ and công chức aged 30–50 without trung cấp political theory), those whose
 * record shows a planning entry, a rotation or transfer, or an appointment in the two years after
 * the class twice as likely to have been sent — the agencies send the people they are preparing,
 * as the Long An article recommends ("gắn quy hoạch với đào tạo"); and the appraisals of the
 * graduates' two years after the course are nudged up (a "hoàn thành nhiệm vụ" becomes "hoàn thành
 * tốt" one time in two), so that the difference is visible but plausible. A few graduates come from
 * the first commune (the `unit` account), which owes their assessments.
 *
 * Campaigns, through the service's own transaction bodies: the oldest class's is closed (the
 * commune assessed its graduates), the next one is open, its assessments partly given.
 */
import { evaluationResults, training, type IsoDate } from '@nang-tam/domain';
import { usersRepo, type Queryable } from '@nang-tam/db';
import { toAuthUser } from '../../apps/server/src/auth/auth-user.js';
import { assessWithin, closeCampaignWithin, openCampaignWithin } from '../../apps/server/src/services/evaluation-results.service.js';
import { addDays } from './days.js';
import { Rng } from './random.js';

export interface EvaluationSeedResult {
  classes: number;
  graduates: number;
  campaigns: number;
  assessments: number;
}

interface Cohort {
  cohortCode: string;
  mode: 'full_time' | 'part_time';
  start: IsoDate;
  end: IsoDate;
  size: number;
  /** Graduates taken from the first commune (the `unit` account's). */
  fromFirstCommune: number;
}

function cohortsOf(today: IsoDate): Cohort[] {
  const y = Number(today.slice(0, 4));
  return [
    { cohortCode: `DG-${y - 4}-01`, mode: 'full_time', start: `${y - 4}-03-07`, end: `${y - 4}-07-29`, size: 70, fromFirstCommune: 3 },
    { cohortCode: `DG-${y - 3}-01`, mode: 'full_time', start: `${y - 3}-03-06`, end: `${y - 3}-06-30`, size: 80, fromFirstCommune: 5 },
    { cohortCode: `DG-${y - 3}-02`, mode: 'part_time', start: `${y - 3}-09-04`, end: `${y - 2}-01-19`, size: 60, fromFirstCommune: 2 },
  ];
}

interface Candidate {
  id: number;
  first_commune: boolean;
  later: boolean;
}

const MODE_VI = { full_time: 'hệ tập trung', part_time: 'hệ vừa làm vừa học' } as const;

export async function seedDemoEvaluationResults(tx: Queryable, opts: { seed: number; today: IsoDate }): Promise<EvaluationSeedResult> {
  const rng = new Rng(opts.seed * 31 + 11);
  const school = (await tx.query<{ id: number }>("SELECT id FROM units WHERE code = 'TCT'")).rows[0];
  const firstCommune = (await tx.query<{ unit_id: number }>("SELECT unit_id FROM users WHERE username = 'unit'")).rows[0];
  if (!school || !firstCommune) throw new Error('the demo school or the unit account is missing');
  const taken = new Set<number>();
  let graduates = 0;
  const classIds: number[] = [];
  // the latest class first: in a small province the first commune's few people go to the class without a campaign first
  for (const c of [...cohortsOf(opts.today)].reverse()) {
    const eventsTo = evaluationResults.evaluationWindows(c.start, c.end).eventsTo;
    const candidates = (
      await tx.query<Candidate>(
        `SELECT p.id, u.path LIKE (SELECT path FROM units WHERE id = $4) || '%' AS first_commune,
                (EXISTS (SELECT 1 FROM planning_entries pe WHERE pe.person_id = p.id AND pe.approved_on > $2 AND pe.approved_on <= $3)
                 OR EXISTS (SELECT 1 FROM assignments x WHERE x.person_id = p.id AND x.started_on > $2 AND x.started_on <= $3
                            AND x.reason IN ('rotation', 'transfer', 'appointment'))) AS later
         FROM people p JOIN units u ON u.id = p.unit_id
         WHERE ((p.category IN ('can_bo', 'cong_chuc') AND date_part('year', age($1::date, p.birth_date)) BETWEEN 30 AND 50)
                -- the first commune's few people: any category, 25 to 55
                OR (u.path LIKE (SELECT path FROM units WHERE id = $4) || '%' AND date_part('year', age($1::date, p.birth_date)) BETWEEN 25 AND 55))
           AND p.political_theory_level IS DISTINCT FROM 'trung_cap' AND p.political_theory_level IS DISTINCT FROM 'cao_cap'
           AND p.political_theory_level IS DISTINCT FROM 'cu_nhan'
           AND EXISTS (SELECT 1 FROM assignments y WHERE y.person_id = p.id AND y.started_on <= $1 AND (y.ended_on IS NULL OR y.ended_on >= $1))
           AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.programme_code = 'TC_LLCT')
           AND NOT EXISTS (SELECT 1 FROM service_leavings l WHERE l.person_id = p.id)
         ORDER BY p.id`,
        [c.start, c.end, eventsTo, firstCommune.unit_id],
      )
    ).rows.filter((r) => !taken.has(r.id));
    // weighted sampling without replacement (Efraimidis–Spirakis: key = u^(1/w), the largest keys)
    const keyed = candidates.map((r) => ({ r, key: Math.pow(rng.next(), 1 / (r.later ? 2 : 1)) }));
    const local = keyed
      .filter((k) => k.r.first_commune)
      .sort((a, b) => b.key - a.key)
      .slice(0, c.fromFirstCommune);
    const localIds = new Set(local.map((k) => k.r.id));
    const rest = keyed
      .filter((k) => !localIds.has(k.r.id))
      .sort((a, b) => b.key - a.key)
      .slice(0, Math.max(0, c.size - local.length));
    const chosen = [...local, ...rest].map((k) => k.r.id).sort((a, b) => a - b);
    if (chosen.length === 0) continue;
    for (const id of chosen) taken.add(id);

    const name = `Lớp trung cấp lý luận chính trị ${c.cohortCode} (${MODE_VI[c.mode]})`;
    const cls = await tx.query<{ id: number }>(
      `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status,
                            grading_scheme, graduation_conditions, graduated_at, outside_plan)
       SELECT 'TC_LLCT', $1, $2, $3, $4, u.name, $5, $6, $7, 'finished', $8, $9, ($6::date + 10)::timestamptz, true
       FROM units u WHERE u.id = $4 RETURNING id`,
      [
        c.cohortCode,
        name,
        c.mode,
        school.id,
        c.start,
        c.end,
        Math.max(chosen.length, 40),
        JSON.stringify(training.DEFAULT_GRADING_SCHEME),
        JSON.stringify(training.PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT),
      ],
    );
    const classId = cls.rows[0]!.id;
    classIds.push(classId);
    await tx.query(
      `INSERT INTO class_modules (class_id, code, name, periods, sort_order)
       SELECT $1, code, name, periods, sort_order FROM programme_modules WHERE programme_code = 'TC_LLCT'`,
      [classId],
    );
    // each module taught by one of the school's lecturers, in turn (all its periods)
    await tx.query(
      `INSERT INTO class_module_lecturers (class_module_id, lecturer_id, periods)
       SELECT m.id, l.id, m.periods
       FROM (SELECT id, periods, row_number() OVER (ORDER BY sort_order, id) AS n FROM class_modules WHERE class_id = $1) m
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM lecturers WHERE kind = 'school' AND active) l
         ON l.n = (m.n + $2) % l.total + 1`,
      [classId, classIds.length * 3],
    );
    const bands = ['xuat_sac', 'gioi', 'kha', 'kha', 'kha', 'trung_binh_kha'];
    await tx.query(
      `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, classification, graduated_on)
       SELECT x.person_id, 'TC_LLCT', 'completed', $2, $3, $1, x.band, ($3::date + 10)
       FROM unnest($4::int[], $5::text[]) AS x(person_id, band)`,
      [classId, c.start, c.end, chosen, chosen.map(() => bands[rng.int(0, bands.length - 1)]!)],
    );
    // the two years after the course: a "hoàn thành nhiệm vụ" becomes "hoàn thành tốt" one time in two
    const firstAfter = c.end <= `${c.end.slice(0, 4)}-06-30` ? Number(c.end.slice(0, 4)) : Number(c.end.slice(0, 4)) + 1;
    const after = await tx.query<{ id: number }>(
      `SELECT a.id FROM appraisals a WHERE a.person_id = ANY($1::int[]) AND a.year BETWEEN $2 AND $3 AND a.classification = 'completed' ORDER BY a.id`,
      [chosen, firstAfter, firstAfter + 1],
    );
    const raised = after.rows.filter(() => rng.chance(0.5)).map((r) => r.id);
    if (raised.length > 0) await tx.query("UPDATE appraisals SET classification = 'good' WHERE id = ANY($1::int[])", [raised]);
    graduates += chosen.length;
  }

  // campaigns: the oldest closed with the commune's assessments, the next one open
  let campaigns = 0;
  let assessments = 0;
  const user = async (username: string) => {
    const row = await usersRepo.findUserByUsername(tx, username);
    if (!row) throw new Error(`the demo account '${username}' is missing`);
    return toAuthUser(row, 'demo', 'demo');
  };
  const [school_, unit] = [await user('truong'), await user('unit')];
  const answers = [
    { appliesKnowledge: 'fully', workChange: 'improved', comment: 'Chủ động tham mưu, vận dụng tốt kiến thức lý luận vào công tác.' },
    { appliesKnowledge: 'partly', workChange: 'improved', comment: 'Tiến bộ trong xây dựng văn bản, kế hoạch.' },
    { appliesKnowledge: 'fully', workChange: 'unchanged', comment: null },
  ] as const;
  // campaigns for the two oldest classes (inserted last)
  for (const [i, classId] of [...classIds].reverse().slice(0, 2).entries()) {
    const end = (await tx.query<{ end_date: string }>('SELECT end_date::text AS end_date FROM classes WHERE id = $1', [classId])).rows[0]!
      .end_date;
    if (!evaluationResults.evaluationReady(end, opts.today)) continue;
    const id = await openCampaignWithin(
      tx,
      school_,
      { classId, dueOn: addDays(opts.today, i === 0 ? 0 : 30), note: 'Lấy ý kiến cơ quan quản lý về học viên sau 2 năm tốt nghiệp.' },
      opts.today,
    );
    campaigns += 1;
    const owed = await tx.query<{ person_id: number }>(
      `SELECT a.person_id FROM evaluation_assessments a JOIN units u ON u.id = a.unit_id
       WHERE a.campaign_id = $1 AND u.path LIKE (SELECT path FROM units WHERE id = $2) || '%' ORDER BY a.person_id`,
      [id, unit.unitId],
    );
    // the closed campaign: all assessed; the open one: all but two
    const give = i === 0 ? owed.rows : owed.rows.slice(0, Math.max(0, owed.rows.length - 2));
    for (const [k, r] of give.entries()) {
      const a = answers[k % answers.length]!;
      await assessWithin(tx, unit, id, r.person_id, {
        appliesKnowledge: a.appliesKnowledge,
        workChange: a.workChange,
        ...(a.comment ? { comment: a.comment } : {}),
      });
      assessments += 1;
    }
    if (i === 0) await closeCampaignWithin(tx, school_, id, { version: 1 });
  }
  return { classes: classIds.length, graduates, campaigns, assessments };
}
