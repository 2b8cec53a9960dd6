/**
 * Training history of the demo province (issue 10, decision 0047): finished classes of the eight
 * years before last year (cohort codes 'LS-…', outside any annual plan: the demo's plans start last
 * year), so the statistics and dashboards show a realistic decade. Learners are drawn consistently
 * with the registry: trung cấp classes from people who hold trung cấp or higher, sơ cấp from people
 * with a political-theory level, the party-awareness course from non-members, the new-members course
 * from members; the refresher courses (state management for civil servants, administrative reform,
 * digital transformation) from anyone. Deterministic: the same demo gives the same history.
 */
import type { Queryable } from '@nang-tam/db';
import { training } from '@nang-tam/domain';

const PROGRAMMES: { code: string; pool: string; sizeFrom: number; sizeTo: number }[] = [
  { code: 'TC_LLCT', pool: "p.political_theory_level IN ('trung_cap', 'cao_cap', 'cu_nhan')", sizeFrom: 50, sizeTo: 70 },
  { code: 'SC_LLCT', pool: 'p.political_theory_level IS NOT NULL', sizeFrom: 45, sizeTo: 65 },
  { code: 'NHAN_THUC_DANG', pool: 'p.party_joined_on IS NULL', sizeFrom: 40, sizeTo: 80 },
  { code: 'DANG_VIEN_MOI', pool: 'p.party_joined_on IS NOT NULL', sizeFrom: 40, sizeTo: 70 },
  { code: 'CCHC', pool: 'true', sizeFrom: 50, sizeTo: 90 },
  { code: 'CHUYEN_DOI_SO', pool: 'true', sizeFrom: 60, sizeTo: 100 },
  { code: 'CNKT_NHOM_3', pool: 'true', sizeFrom: 40, sizeTo: 60 },
];

export async function seedDemoTrainingHistory(tx: Queryable, opts: { today: string }): Promise<{ classes: number; enrolments: number }> {
  const year = Number(opts.today.slice(0, 4));
  const people = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
  const school = (await tx.query<{ id: number }>("SELECT id FROM units WHERE kind = 'school' ORDER BY depth, id LIMIT 1")).rows[0]?.id;
  if (!school || people === 0) return { classes: 0, enrolments: 0 };
  const known = new Set((await tx.query<{ code: string }>('SELECT code FROM programmes')).rows.map((r) => r.code));
  const programmes = PROGRAMMES.filter((p) => known.has(p.code));
  // about a fifth of the province trained each year, spread over the programmes (the seeds: Tuyên
  // Quang ≈ 35,000 person-times in a term), at least one class of each programme a year
  const perProgramme = Math.max(1, Math.round((people * 0.2) / 60 / programmes.length));
  let classes = 0;
  let enrolments = 0;
  for (let y = year - 9; y <= year - 2; y++) {
    for (const [pi, p] of programmes.entries()) {
      const ids = await tx.query<{ id: number }>(
        `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status,
           grading_scheme, graduation_conditions, outside_plan, graduated_at)
         SELECT $1, 'LS-' || $2::int || '-' || lpad(i::text, 2, '0'), pr.name || ' khóa ' || $2::int || '-' || i,
           (ARRAY['full_time', 'part_time', 'online'])[1 + ((i + $3) % 3)], $4, 'Trường Chính trị tỉnh',
           make_date($2::int, 1 + ((i * 5 + $3) % 10), 1 + (i % 20)),
           make_date($2::int, 1 + ((i * 5 + $3) % 10), 1 + (i % 20)) + CASE WHEN $1 IN ('TC_LLCT') THEN 180 WHEN $1 = 'SC_LLCT' THEN 60 ELSE 10 END,
           120, 'finished', $5::jsonb, $6::jsonb, true,
           (make_date($2::int, 1 + ((i * 5 + $3) % 10), 1 + (i % 20)) + CASE WHEN $1 IN ('TC_LLCT') THEN 180 WHEN $1 = 'SC_LLCT' THEN 60 ELSE 10 END)::timestamptz
         FROM programmes pr, generate_series(1, $7::int) AS i WHERE pr.code = $1
         RETURNING id`,
        [p.code, y, pi, school, JSON.stringify(training.DEFAULT_GRADING_SCHEME), JSON.stringify(training.PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT), perProgramme],
      );
      classes += ids.rows.length;
      const r = await tx.query(
        `WITH pool AS (SELECT array_agg(p.id ORDER BY p.id) AS ids FROM people p WHERE ${p.pool}),
         c AS (SELECT id, programme_code, start_date, end_date, $2::int + (id * 7) % ($3::int - $2::int + 1) AS size FROM classes WHERE id = ANY($1::int[]))
         INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, graduated_on)
         SELECT pool.ids[1 + ((c.id::bigint * 7919 + k * 104729) % cardinality(pool.ids))], c.programme_code,
           CASE WHEN (c.id + k) % 37 = 0 THEN 'withdrawn' WHEN (c.id + k) % 23 = 0 THEN 'failed' ELSE 'completed' END,
           c.start_date, c.end_date, c.id,
           CASE WHEN (c.id + k) % 37 <> 0 AND (c.id + k) % 23 <> 0 THEN c.end_date END
         FROM c CROSS JOIN pool CROSS JOIN LATERAL generate_series(1, LEAST(c.size, cardinality(pool.ids))) AS k
         WHERE cardinality(pool.ids) > 0
         ON CONFLICT DO NOTHING`,
        [ids.rows.map((x) => x.id), p.sizeFrom, p.sizeTo],
      );
      enrolments += r.rowCount ?? 0;
    }
  }
  return { classes, enrolments };
}
