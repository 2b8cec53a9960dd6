/**
 * Evaluation after training in the demo province (issue 11 point 4; docs/decisions/0051):
 * - the learners' reaction: a survey for every finished class (answered by most of its learners,
 *   anonymously; the `giangvien` lecturer taught a module of the two latest, so they rate them too) and one open now for the class of the `hocvien` learner, which ends in the coming
 *   weeks: four classmates have answered, `hocvien` has not (their answer reaches the threshold);
 * - the agencies' feedback: graduates of the oldest class owe both milestones (most submitted, some
 *   overdue); a short course held last spring in the `unit` account's commune has its 6-month
 *   feedback due now (two submitted, the rest due), so the agency officer has work waiting.
 * Deterministic: dates relative to the reference date, answers from a seeded generator.
 */
import { agencyFeedback, reaction, training, type IsoDate } from '@nang-tam/domain';
import { auditRepo, feedbackRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { addDays, maxDate } from './days.js';
import { Rng } from './random.js';

export interface FeedbackSeedResult {
  surveys: number;
  responses: number;
  feedback: number;
}

const COMMENTS = [
  'Nội dung thiết thực, gắn với công việc ở cơ sở.',
  'Đề nghị tăng thời lượng thảo luận tình huống.',
  'Tài liệu nên gửi trước để học viên chuẩn bị.',
  'Giảng viên nhiệt tình, dễ hiểu.',
  'Phòng học hơi nóng vào buổi chiều.',
];
const FEEDBACK_COMMENTS = [
  'Vận dụng tốt kiến thức vào công tác tham mưu, soạn thảo văn bản.',
  'Tiến bộ rõ trong xử lý công việc, chủ động hơn.',
  'Bước đầu vận dụng, cần tiếp tục bồi dưỡng kỹ năng.',
];

/** A learner's answer: mostly satisfied, a few lukewarm. */
function answerOf(rng: Rng, q: reaction.QuestionnaireDefinition, lecturerIds: number[], withComment: boolean): reaction.ReactionAnswer {
  const score = () => rng.weighted([[5, 40], [4, 40], [3, 15], [2, 5]] as const);
  const items: Record<string, number> = {};
  for (const x of q.questions.filter((x) => x.section !== 'lecturers')) items[x.code] = score();
  const lecturers: Record<string, Record<string, number>> = {};
  for (const id of lecturerIds) lecturers[String(id)] = Object.fromEntries(q.questions.filter((x) => x.section === 'lecturers').map((x) => [x.code, score()]));
  return { items, lecturers, comment: withComment ? rng.pick(COMMENTS) : null };
}

export async function seedDemoFeedback(tx: Queryable, opts: { seed: number; today: IsoDate }): Promise<FeedbackSeedResult> {
  const rng = new Rng(opts.seed + 51);
  const today = opts.today;
  const school = await usersRepo.findUserByUsername(tx, 'truong');
  const unit = await usersRepo.findUserByUsername(tx, 'unit');
  const learner = await usersRepo.findUserByUsername(tx, 'hocvien');
  if (!school || !unit || !learner) throw new Error('the demo accounts truong, unit and hocvien are missing');
  const made = await feedbackRepo.insertQuestionnaire(tx, { programmeCode: null, definition: reaction.DEFAULT_QUESTIONNAIRE, note: 'Mẫu phiếu có sẵn của hệ thống', createdBy: school.id });
  const definition = reaction.DEFAULT_QUESTIONNAIRE;

  // a short course held last spring in the `unit` account's commune: its graduates' 6-month feedback is due now
  const graduatedOn = addDays(training.addMonths(today, -6), -5);
  const template = await tx.query<{ id: number; programme_code: string; organiser_unit_id: number; grading_scheme: unknown; graduation_conditions: unknown }>(
    "SELECT id, programme_code, organiser_unit_id, grading_scheme, graduation_conditions FROM classes WHERE programme_code = 'QLNN_CV' ORDER BY start_date LIMIT 1",
  );
  const t = template.rows[0];
  if (t) {
    const ward = await tx.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [unit.unit_id]);
    const end = addDays(graduatedOn, -5);
    const c = await tx.query<{ id: number }>(
      `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status, grading_scheme, graduation_conditions, graduated_at, outside_plan, created_by)
       VALUES ($1, $2, $3, 'part_time', $4, $5, $6, $7, 40, 'finished', $8, $9, $10::date, true, $11) RETURNING id`,
      [
        t.programme_code,
        `DG-CV-${end.slice(0, 4)}`,
        `Lớp bồi dưỡng ngạch chuyên viên năm ${end.slice(0, 4)} tại ${ward.rows[0]!.name} (hệ vừa làm vừa học)`,
        t.organiser_unit_id,
        `Hội trường UBND ${ward.rows[0]!.name}`,
        addDays(end, -32),
        end,
        JSON.stringify(t.grading_scheme),
        JSON.stringify(t.graduation_conditions),
        graduatedOn,
        school.id,
      ],
    );
    // the programme's modules, as every class has them
    await tx.query(
      'INSERT INTO class_modules (class_id, code, name, periods, sort_order) SELECT $1, code, name, periods, sort_order FROM programme_modules WHERE programme_code = $2',
      [c.rows[0]!.id, t.programme_code],
    );
    // taught by the lecturers who taught the programme's first class, module by module
    await tx.query(
      `INSERT INTO class_module_lecturers (class_module_id, lecturer_id, periods)
       SELECT nm.id, cml.lecturer_id, cml.periods FROM class_module_lecturers cml
       JOIN class_modules tm ON tm.id = cml.class_module_id AND tm.class_id = $2
       JOIN class_modules nm ON nm.class_id = $1 AND nm.code = tm.code`,
      [c.rows[0]!.id, t.id],
    );
    const people = await tx.query<{ id: number }>(
      `SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id
       WHERE u.path LIKE $1 AND p.id <> $2 AND NOT EXISTS (SELECT 1 FROM users x WHERE x.person_id = p.id)
       ORDER BY p.sort_key, p.id LIMIT 6`,
      [`${unit.unit_path}%`, learner.person_id ?? 0],
    );
    for (const p of people.rows)
      await tx.query(
        `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, average, classification, graduated_on)
         VALUES ($1, $2, 'completed', $3, $4, $5, $6, 'kha', $7)`,
        [p.id, t.programme_code, addDays(end, -32), end, c.rows[0]!.id, (7 + rng.int(0, 15) / 10).toFixed(2), graduatedOn],
      );
  }

  // surveys: every finished class (closed now), and the `hocvien` learner's class ending in the coming weeks (open)
  const classes = await tx.query<{ id: number; start_date: string; end_date: string; status: string; mine: boolean }>(
    `SELECT c.id, c.start_date::text, c.end_date::text, c.status,
            EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.person_id = $2) AS mine
     FROM classes c
     WHERE c.status = 'finished' OR (EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = c.id AND e.person_id = $2) AND c.end_date >= $1::date AND c.end_date <= $1::date + $3::int)
     ORDER BY c.end_date, c.id`,
    [today, learner.person_id ?? 0, reaction.SURVEY_OPENS_BEFORE_END_DAYS],
  );
  // branch lecturer-views (decision 0066): the `giangvien` lecturer also taught a module of the two
  // latest finished classes, so that their own results page (/teaching/feedback) has classes to show
  const giangvien = await tx.query<{ id: number }>("SELECT l.id FROM lecturers l JOIN users u ON u.id = l.user_id WHERE u.username = 'giangvien'");
  const own = giangvien.rows[0]?.id;
  if (own !== undefined)
    for (const c of classes.rows.filter((x) => x.status === 'finished').slice(-2)) {
      // four periods of the module's busiest lecturer are given to them (a module's periods stay whole)
      const donor = await tx.query<{ class_module_id: number; lecturer_id: number }>(
        `SELECT ml.class_module_id, ml.lecturer_id FROM class_module_lecturers ml JOIN class_modules m ON m.id = ml.class_module_id
         WHERE m.class_id = $1 AND ml.periods > 4
           AND NOT EXISTS (SELECT 1 FROM class_module_lecturers x JOIN class_modules xm ON xm.id = x.class_module_id WHERE xm.class_id = $1 AND x.lecturer_id = $2)
         ORDER BY ml.periods DESC, m.sort_order, m.id, ml.lecturer_id LIMIT 1`,
        [c.id, own],
      );
      const d = donor.rows[0];
      if (!d) continue;
      await tx.query('UPDATE class_module_lecturers SET periods = periods - 4 WHERE class_module_id = $1 AND lecturer_id = $2', [d.class_module_id, d.lecturer_id]);
      await tx.query('INSERT INTO class_module_lecturers (class_module_id, lecturer_id, periods) VALUES ($1, $2, 4)', [d.class_module_id, own]);
    }
  let surveys = 0;
  let responses = 0;
  for (const c of classes.rows) {
    const finished = c.status === 'finished';
    const opensOn = finished ? addDays(c.end_date, -1) : maxDate(reaction.earliestOpening(c.end_date), addDays(today, -2));
    const closesOn = finished ? addDays(c.end_date, 14) : addDays(c.end_date, 10);
    const lecturerIds = await feedbackRepo.listClassLecturerIds(tx, c.id);
    const surveyId = await feedbackRepo.insertSurvey(tx, { classId: c.id, questionnaireId: made.id, opensOn, closesOn, lecturerIds, openedBy: school.id });
    if (surveyId === null) continue;
    surveys += 1;
    await auditRepo.appendAudit(tx, { actorId: school.id, actorName: school.username, action: 'open', entity: 'reaction_survey', entityId: surveyId, after: { classId: c.id, opensOn, closesOn } });
    const enrolments = await tx.query<{ id: number; person_id: number }>(
      "SELECT id, person_id FROM enrolments WHERE class_id = $1 AND status IN ('enrolled', 'completed', 'failed') ORDER BY id",
      [c.id],
    );
    // a finished class: most learners answered; the open one: four classmates so far, never `hocvien`
    const answering = finished ? enrolments.rows.filter(() => rng.chance(0.8)) : enrolments.rows.filter((e) => e.person_id !== learner.person_id).slice(0, 4);
    for (const e of answering) {
      const a = answerOf(rng, definition, lecturerIds, rng.chance(0.3));
      await feedbackRepo.insertRespondent(tx, surveyId, e.id);
      await feedbackRepo.insertResponse(tx, surveyId, { items: a.items, lecturers: a.lecturers }, a.comment ?? null);
      responses += 1;
    }
  }

  // the agencies' feedback: graduates whose milestones fell due, most of them answered by their agency
  const due = await feedbackRepo.listFeedbackFacts(tx, { personScope: { kind: 'subtree', unitPath: '/' }, organiserScope: null }, {});
  const officer = new Map<string, number>();
  let feedback = 0;
  for (const r of due) {
    if (r.due_on > today) continue;
    const submit = r.unit_path.startsWith(unit.unit_path) ? rng.chance(0.34) : rng.chance(0.7);
    if (!submit) continue;
    const by = officer.get(r.unit_path) ?? (r.unit_path.startsWith(unit.unit_path) ? unit.id : school.id);
    officer.set(r.unit_path, by);
    const applies = rng.weighted([['fully', 55], ['partly', 35], ['not_yet', 10]] as const);
    const rating = applies === 'fully' ? rng.weighted([[5, 50], [4, 50]] as const) : applies === 'partly' ? rng.weighted([[4, 40], [3, 60]] as const) : 2;
    const id = await feedbackRepo.insertFeedback(tx, {
      enrolmentId: r.enrolment_id,
      milestone: r.milestone,
      dueOn: r.due_on,
      applies,
      rating,
      comment: rng.pick(FEEDBACK_COMMENTS),
      unitId: r.unit_id,
      submittedBy: by,
    });
    if (id !== null) feedback += 1;
  }
  // reminders already sent for what is overdue (so the job runner does not tell it all again on the first start)
  for (const r of due) {
    if (r.due_on > today || agencyFeedback.feedbackStatus({ dueOn: r.due_on, submitted: false }, today) !== 'overdue') continue;
    await feedbackRepo.insertReminder(tx, { enrolmentId: r.enrolment_id, milestone: r.milestone, kind: 'due', sentOn: r.due_on });
  }
  return { surveys, responses, feedback };
}
