/**
 * Following the learners of the classes under way or over, as the school, the lecturers and the
 * home agencies would have recorded it by the reference date: attendance of every session held
 * (mostly present, a few absences with or without permission; the `hocvien` learner checking in
 * with the session's QR code), two recalls by the home agency (one whose make-up study is recorded,
 * one still owed), grades of the modules finished and of the final exam, and the conduct reports
 * the school asked the agencies for.
 */
import { training } from '@nang-tam/domain';
import { attendanceRepo, conductReportsRepo, gradesRepo, recallsRepo } from '@nang-tam/db';
import type { AuthUser } from '../../apps/server/src/auth/auth-user.js';
import { addDays } from './days.js';
import { inScopeOf, minutesAfter, notAfter, officeTime, record, stamp, type SchoolContext } from './school-context.js';
import type { ClassRecord, Learner, Lecturer, Session } from './school-classes.js';
import type { ConductRequest } from './school-nominations.js';
import { HALF_DAYS, daysBetween, workdayOnOrBefore } from './school-plan.js';

const CONDUCT_TEXTS = {
  conduct: [
    'Chấp hành tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; giữ gìn phẩm chất đạo đức, lối sống.',
    'Có bản lĩnh chính trị vững vàng, đạo đức, lối sống trong sáng; đoàn kết, gương mẫu.',
  ],
  discipline: [
    'Chấp hành nghiêm nội quy, quy chế của cơ quan và của lớp học; không vi phạm kỷ luật.',
    'Thực hiện nghiêm giờ giấc làm việc, học tập; không có biểu hiện vi phạm.',
  ],
  work: [
    'Sắp xếp công việc hợp lý, hoàn thành tốt nhiệm vụ được giao trong thời gian đi học.',
    'Bàn giao công việc đầy đủ; khi được triệu tập về đã hoàn thành tốt nhiệm vụ.',
  ],
};

const RECALL_REASONS = [
  'Cơ quan triệu tập về tham gia Đoàn kiểm tra công tác phòng, chống thiên tai.',
  'Cơ quan triệu tập về phục vụ kỳ họp Hội đồng nhân dân.',
];

/** A learner's ability (their grades gather around it) and how often they miss a session. */
interface Profile {
  ability: number;
  absence: number;
  /** The module they fail (and so do not graduate): one learner of the class finished last year. */
  failsModule: string | null;
}

/** A grade on the 10-point scheme: one decimal, within [min, max]. */
function gradeOf(value: number, min = 5, max = 10): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 10) / 10;
}

export class Follower {
  marks = 0;
  gradeCount = 0;
  recallCount = 0;
  private readonly profiles = new Map<number, Profile>();
  /** "session:enrolment" pairs a recall has already marked. */
  private readonly recalled = new Set<string>();
  private readonly attendance: attendanceRepo.MarksBatch;
  private readonly giangvien: Lecturer | null;

  constructor(
    private readonly ctx: SchoolContext,
    lecturers: readonly Lecturer[],
  ) {
    this.attendance = new attendanceRepo.MarksBatch(ctx.tx);
    this.giangvien = lecturers.find((l) => l.userId === ctx.actors.lecturer.id) ?? null;
  }

  private profile(c: ClassRecord, l: Learner, index: number): Profile {
    let p = this.profiles.get(l.enrolmentId);
    if (!p) {
      const { rng } = this.ctx;
      const ability = Math.min(9.4, Math.max(6.2, 7.5 + (rng.next() + rng.next() + rng.next() - 1.5) * 1.1));
      const failsModule = c.plan.key === 'tc_last_year' && index === 3 && l.person.id !== this.ctx.actors.learner.personId ? 'TC.3' : null;
      p = { ability, absence: rng.chance(0.15) ? 0.06 : 0.015, failsModule };
      this.profiles.set(l.enrolmentId, p);
    }
    return p;
  }

  private held(c: ClassRecord): Session[] {
    return c.sessions.filter((s) => s.kind !== 'exam' && s.date < this.ctx.today);
  }

  /** Who marks a session: its lecturer when they have an account, else the registrar. */
  private markerOf(s: Session): { user: AuthUser; source: 'lecturer' | 'registrar' } {
    const { actors } = this.ctx;
    return this.giangvien !== null && s.lecturerId === this.giangvien.id
      ? { user: actors.lecturer, source: 'lecturer' }
      : { user: actors.registrar, source: 'registrar' };
  }

  /**
   * In the trung cấp class at the school under way: one learner (the `unit` commune's, if any)
   * recalled by their agency for the two teaching days before last (make-up still owed), and one
   * recalled for a day some weeks earlier whose make-up study is recorded. The recall marks the
   * sessions of its period recalled, as the learners service does.
   */
  async recalls(c: ClassRecord): Promise<void> {
    if (c.plan.key !== 'tc_anchor' || c.phase !== 'running') return;
    const { tx, actors, rng, times, yesterday } = this.ctx;
    const days = [...new Set(this.held(c).map((s) => s.date))];
    if (days.length < 20 || c.learners.length < 2) return;
    const first = c.learners.find((l) => inScopeOf(l.person, actors.unit)) ?? c.learners[0]!;
    const second =
      c.learners.find((l) => l !== first && l.person.id !== actors.learner.personId && !inScopeOf(l.person, actors.unit)) ??
      c.learners.find((l) => l !== first)!;
    const recalls = [
      { learner: second, from: days.at(-16)!, to: days.at(-16)!, makeUp: true, reason: RECALL_REASONS[1]! },
      { learner: first, from: days.at(-4)!, to: days.at(-3)!, makeUp: false, reason: RECALL_REASONS[0]! },
    ];
    for (const r of recalls) {
      const { enrolmentId, person } = r.learner;
      const recorder = inScopeOf(person, actors.unit) ? actors.unit : actors.registrar;
      const recall = await recallsRepo.insertRecall(tx, {
        enrolmentId,
        fromDate: r.from,
        toDate: r.to,
        reason: r.reason,
        recordedBy: recorder.id,
      });
      const marked = await recallsRepo.markRecalledSessions(tx, {
        classId: c.id,
        enrolmentId,
        fromDate: r.from,
        toDate: r.to,
        markedBy: recorder.id,
      });
      for (const sessionId of marked) this.recalled.add(`${sessionId}:${enrolmentId}`);
      this.recallCount += 1;
      times.recalls.push([recall.id, stamp(workdayOnOrBefore(addDays(r.from, -1)), officeTime(rng))]);
      record(this.ctx, recorder, {
        action: 'create',
        entity: 'recall',
        entityId: recall.id,
        personId: person.id,
        after: { enrolmentId, classId: c.id, fromDate: r.from, toDate: r.to, reason: r.reason, sessionsMarkedRecalled: marked },
      });
      if (!r.makeUp) continue;
      for (const sessionId of marked) {
        const session = c.sessions.find((s) => s.id === sessionId)!;
        const doneOn = workdayOnOrBefore(notAfter(addDays(session.date, 7), yesterday));
        const note = 'Học bổ sung cùng lớp ghép của Khoa; đã nộp bài thu hoạch.';
        const row = await recallsRepo.insertMakeUp(tx, { enrolmentId, sessionId, doneOn, note, recordedBy: actors.registrar.id });
        if (!row) throw new Error(`the make-up of session ${sessionId} was recorded twice`);
        times.makeUps.push([row.id, stamp(doneOn, '16:30')]);
        record(this.ctx, actors.registrar, {
          action: 'create',
          entity: 'make_up',
          entityId: row.id,
          personId: person.id,
          after: { enrolmentId, sessionId, sessionDate: session.date, doneOn, note },
        });
      }
    }
  }

  /**
   * Every session held before the reference date marked for every learner: mostly present, a few
   * absences with or without permission (at most 12% of the sessions, so everyone stays above the
   * 80% the programmes require); the `hocvien` learner checked in with the QR code these three weeks.
   */
  async markAttendance(c: ClassRecord): Promise<void> {
    const { rng, actors, today } = this.ctx;
    const held = this.held(c);
    const qrSince = addDays(today, -21);
    const maxAbsences = Math.floor(held.length * 0.12);
    for (const [index, l] of c.learners.entries()) {
      const p = this.profile(c, l, index);
      let absences = 0;
      for (const s of held) {
        if (this.recalled.has(`${s.id}:${l.enrolmentId}`)) continue;
        const marker = this.markerOf(s);
        const markedAt = stamp(s.date, minutesAfter(HALF_DAYS[s.halfDay].end, rng.int(5, 50)));
        if (absences < maxAbsences && rng.chance(p.absence)) {
          absences += 1;
          await this.attendance.add({
            sessionId: s.id,
            enrolmentId: l.enrolmentId,
            mark: rng.chance(0.6) ? 'absent_excused' : 'absent_unexcused',
            source: marker.source,
            clientId: null,
            checkedInAt: null,
            markedBy: marker.user.id,
            markedAt,
          });
        } else if (l.person.id === actors.learner.personId && s.date >= qrSince) {
          const checkedIn = stamp(s.date, minutesAfter(HALF_DAYS[s.halfDay].start, -rng.int(2, 20)));
          const clientId = `${rng.digits(8)}-${rng.digits(4)}-4${rng.digits(3)}-8${rng.digits(3)}-${rng.digits(12)}`;
          await this.attendance.add({
            sessionId: s.id,
            enrolmentId: l.enrolmentId,
            mark: 'present',
            source: 'qr',
            clientId,
            checkedInAt: checkedIn,
            markedBy: actors.learner.id,
            markedAt: checkedIn,
          });
        } else {
          await this.attendance.add({
            sessionId: s.id,
            enrolmentId: l.enrolmentId,
            mark: 'present',
            source: marker.source,
            clientId: null,
            checkedInAt: null,
            markedBy: marker.user.id,
            markedAt,
          });
        }
        this.marks += 1;
      }
    }
  }

  async flushAttendance(): Promise<void> {
    await this.attendance.flush();
  }

  /**
   * A grade for every learner in each module whose last session is three days past (entered by the
   * lecturer with an account when they teach it, else by the registrar), checked against the
   * class's scheme; the final exam (entered by the registrar) once it is three days past. One
   * learner of last year's class fails a module and does not sit the exam.
   */
  async grades(c: ClassRecord): Promise<void> {
    const { tx, rng, actors, times, today, yesterday } = this.ctx;
    const scheme = training.DEFAULT_GRADING_SCHEME;
    const lastDay = (code: string | null) => c.sessions.filter((s) => s.moduleCode === code).at(-1)!.date;
    const limit = addDays(today, -3);
    const byUser = new Map<AuthUser, gradesRepo.GradeWrite[]>();
    const enter = (user: AuthUser, g: gradesRepo.GradeWrite, module: string, personId: number) => {
      const v = training.validateGrade(scheme, g.value);
      if (!v.ok) throw new Error(`grade ${g.value} is not on the scheme: ${v.message}`);
      byUser.set(user, [...(byUser.get(user) ?? []), g]);
      record(this.ctx, user, {
        action: 'create',
        entity: 'grade',
        entityId: `${g.enrolmentId}:${module}`,
        personId,
        after: { classId: c.id, enrolmentId: g.enrolmentId, moduleId: g.moduleId, module, value: g.value },
      });
    };
    for (const m of c.modules) {
      const last = lastDay(m.code);
      if (last > limit) continue;
      const teaches = this.giangvien !== null && c.sessions.some((s) => s.moduleCode === m.code && s.lecturerId === this.giangvien!.id);
      const user = teaches ? actors.lecturer : actors.registrar;
      for (const [index, l] of c.learners.entries()) {
        const p = this.profile(c, l, index);
        const value = p.failsModule === m.code ? 4.2 : gradeOf(p.ability + (rng.next() - 0.5) * 1.6);
        enter(user, { enrolmentId: l.enrolmentId, moduleId: m.id, value }, m.code, l.person.id);
      }
      times.grades.push([m.id, stamp(workdayOnOrBefore(notAfter(addDays(last, 5), yesterday)), officeTime(rng))]);
    }
    const exam = lastDay(null);
    if (exam <= limit) {
      const finalAt = stamp(workdayOnOrBefore(notAfter(addDays(exam, 6), yesterday)), officeTime(rng));
      for (const [index, l] of c.learners.entries()) {
        const p = this.profile(c, l, index);
        if (p.failsModule !== null) continue;
        enter(
          actors.registrar,
          { enrolmentId: l.enrolmentId, moduleId: null, value: gradeOf(p.ability + (rng.next() - 0.5) * 1.2) },
          'final',
          l.person.id,
        );
        times.finals.push([l.enrolmentId, finalAt]);
      }
    }
    for (const [user, grades] of byUser) {
      await gradesRepo.upsertGrades(tx, grades, user.id);
      this.gradeCount += grades.length;
    }
  }

  /**
   * The school asks the home agencies for a report on each learner, due on a date: reports of a
   * class over are all in; otherwise most agencies have answered an overdue request and some a
   * request not yet due, while the `unit` officer, where `unitOwes`, still owes theirs (overdue:
   * the first of their people; not yet due: all). Reports of agencies without a demo account are
   * entered by the approver from the agency's written report.
   */
  async conductReports(c: ClassRecord, ask: ConductRequest): Promise<void> {
    const { tx, rng, actors, times, today, yesterday } = this.ctx;
    const requestedOn = workdayOnOrBefore(ask.requestedOn);
    const { dueOn } = ask;
    if (requestedOn > yesterday || c.learners.length === 0) return;
    const asked = await conductReportsRepo.insertConductRequests(tx, { classId: c.id, dueOn, requestedBy: actors.registrar.id });
    const overdue = dueOn < today;
    const owedByUnit = ask.unitOwes ? c.learners.find((l) => inScopeOf(l.person, actors.unit)) : undefined;
    for (const a of asked) {
      const learner = c.learners.find((l) => l.enrolmentId === a.enrolment_id)!;
      record(this.ctx, actors.registrar, {
        action: 'request',
        entity: 'conduct_report',
        entityId: a.enrolment_id,
        personId: a.person_id,
        after: { classId: c.id, dueOn },
      });
      const ofUnit = inScopeOf(learner.person, actors.unit);
      const received =
        c.phase === 'ended' || (ofUnit ? learner !== owedByUnit && !(ask.unitOwes && !overdue) : rng.chance(overdue ? 0.85 : 0.4));
      const requestedAt = stamp(requestedOn, officeTime(rng));
      if (!received) {
        // the reminder job has reminded the agency once a day since the due date
        const overdueDays = overdue ? daysBetween(dueOn, today) : 0;
        times.conduct.push([
          a.enrolment_id,
          requestedAt,
          null,
          Math.min(overdueDays, 5),
          overdueDays > 0 ? stamp(yesterday, '07:00') : null,
        ]);
        continue;
      }
      const filler = ofUnit ? actors.unit : inScopeOf(learner.person, actors.unit2) ? actors.unit2 : c.approver;
      const work = rng.pick(CONDUCT_TEXTS.work);
      const content = {
        conduct: rng.pick(CONDUCT_TEXTS.conduct),
        discipline: rng.pick(CONDUCT_TEXTS.discipline),
        workDuringCourse: filler === c.approver ? `${work} (Theo bản nhận xét của ${learner.person.unit_name}.)` : work,
      };
      await conductReportsRepo.saveConductReport(tx, {
        enrolmentId: a.enrolment_id,
        satisfactory: true,
        content,
        filledBy: filler.id,
        dueOnIfNew: c.endDate,
      });
      const receivedOn = workdayOnOrBefore(
        notAfter(addDays(requestedOn, rng.int(3, Math.max(3, daysBetween(requestedOn, dueOn)))), yesterday),
      );
      times.conduct.push([a.enrolment_id, requestedAt, stamp(receivedOn < requestedOn ? requestedOn : receivedOn, '16:50'), 0, null]);
      record(this.ctx, filler, {
        action: 'create',
        entity: 'conduct_report',
        entityId: a.enrolment_id,
        personId: a.person_id,
        after: { dueOn, satisfactory: true, content },
      });
    }
  }
}
