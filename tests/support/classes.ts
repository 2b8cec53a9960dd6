import { peopleRepo, type Db } from '@nang-tam/db';
import { personWrite } from './fixtures.js';

/**
 * Classes and many people for nomination tests, written straight into the tables of
 * 007_classes.sql (the classes service is not needed to have a class to nominate into).
 */
export interface ClassInput {
  programmeCode?: string;
  cohortCode?: string;
  name?: string;
  mode?: 'full_time' | 'part_time' | 'online';
  organiserUnitId: number;
  startDate?: string;
  endDate?: string;
  capacity?: number;
  status?: 'open' | 'closed' | 'finished';
}

let cohort = 0;

const SCHEME = {
  scale: { min: 0, max: 10, step: 0.5 },
  passMark: 5,
  bands: [
    { code: 'xuat_sac', label: 'Xuất sắc', min: 9 },
    { code: 'gioi', label: 'Giỏi', min: 8 },
    { code: 'kha', label: 'Khá', min: 7 },
    { code: 'trung_binh_kha', label: 'Trung bình khá', min: 6 },
    { code: 'trung_binh', label: 'Trung bình', min: 5 },
  ],
};
const CONDITIONS = { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', conductReportRequired: false };

/** An open class of sơ cấp LLCT, full time, from 1/3/2027 to 30/5/2027, 30 places, unless told otherwise. */
export async function insertClass(db: Db, c: ClassInput): Promise<number> {
  cohort += 1;
  const code = c.cohortCode ?? `T-${cohort}`;
  const r = await db.query<{ id: number }>(
    `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status, grading_scheme, graduation_conditions)
     VALUES ($1, $2, $3, $4, $5, 'Trường Chính trị tỉnh', $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      c.programmeCode ?? 'SC_LLCT',
      code,
      c.name ?? `Lớp sơ cấp lý luận chính trị ${code}`,
      c.mode ?? 'full_time',
      c.organiserUnitId,
      c.startDate ?? '2027-03-01',
      c.endDate ?? '2027-05-30',
      c.capacity ?? 30,
      c.status ?? 'open',
      JSON.stringify(SCHEME),
      JSON.stringify(CONDITIONS),
    ],
  );
  return r.rows[0]!.id;
}

let serial = 0;

export interface PeopleInput {
  unitId: number;
  /** Default: civil servants (công chức) without any political theory: eligible for sơ cấp LLCT. */
  category?: string;
  /** A political-theory level they already hold (makes them ineligible for sơ cấp LLCT). */
  politicalTheory?: string;
  namePrefix?: string;
}

/** `count` people of one unit, with distinct names and citizen ids; returns their ids and citizen ids. */
export async function insertPeople(db: Db, count: number, p: PeopleInput): Promise<{ id: number; citizenId: string; fullName: string }[]> {
  const rows = Array.from({ length: count }, () => {
    serial += 1;
    const fullName = `${p.namePrefix ?? 'Học Viên'} ${String(serial).padStart(4, '0')}`;
    const citizenId = `0080950${String(serial).padStart(5, '0')}`;
    return { fullName, citizenId };
  });
  const ids = await peopleRepo.insertPeople(
    db,
    rows.map((r) =>
      personWrite({
        fullName: r.fullName,
        unitId: p.unitId,
        citizenId: r.citizenId,
        category: p.category ?? 'cong_chuc',
      }),
    ),
  );
  if (p.politicalTheory) {
    for (const id of ids) {
      await db.query(
        "INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'political_theory', $2, '2015-06-01', 'imported')",
        [id, p.politicalTheory],
      );
    }
    await peopleRepo.refreshHighestLevels(db, ids);
  }
  return rows.map((r, i) => ({ ...r, id: ids[i]! }));
}
