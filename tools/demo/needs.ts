/**
 * The demo province's training needs: last year's campaign (for the current year, closed, almost
 * every unit answered) and this year's (for next year, deadline three days ago, still open: most
 * units submitted, some of them after the deadline, a few still drafting or not started and
 * reminded, one returned by the board with a comment). The `unit` account's commune is drafting and
 * reopened for a week, so its officer can finish it from the gaps suggestion. Deterministic: one
 * seeded Rng, dates from the reference date.
 */
import { needs, type IsoDate } from '@nang-tam/domain';
import { needsRepo, unitsRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { Rng } from './random.js';

const OFFERS = [
  { programmeCode: 'SC_LLCT', modes: ['part_time'] },
  { programmeCode: 'TC_LLCT', modes: ['full_time', 'part_time'] },
  { programmeCode: 'CC_LLCT', modes: ['full_time', 'part_time'] },
  { programmeCode: 'QLNN_CV', modes: ['full_time', 'online'] },
  { programmeCode: 'QLNN_CVC', modes: ['full_time'] },
] as const;

/** What a commune or a department typically asks for: programme, mode, people range. */
const COMMUNE_NEEDS = [
  { programmeCode: 'SC_LLCT', mode: 'part_time', min: 3, max: 12 },
  { programmeCode: 'TC_LLCT', mode: 'part_time', min: 1, max: 5 },
  { programmeCode: 'QLNN_CV', mode: 'online', min: 2, max: 8 },
] as const;
const DEPARTMENT_NEEDS = [
  { programmeCode: 'TC_LLCT', mode: 'full_time', min: 1, max: 4 },
  { programmeCode: 'CC_LLCT', mode: 'full_time', min: 0, max: 2 },
  { programmeCode: 'QLNN_CV', mode: 'full_time', min: 2, max: 10 },
  { programmeCode: 'QLNN_CVC', mode: 'full_time', min: 1, max: 5 },
] as const;

function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const at = (date: IsoDate, hour: number) => `${date}T${String(hour).padStart(2, '0')}:15:00+07:00`;

export interface NeedsSeedOptions {
  seed: number;
  today: IsoDate;
  /** The province (the campaigns' owner). */
  provinceCode: string;
  /** The commune of the `unit` demo account (its answer is left as a draft, reopened). */
  firstCommuneCode: string;
  onProgress?: (msg: string) => void;
}

export async function seedDemoNeeds(tx: Queryable, opts: NeedsSeedOptions): Promise<{ campaigns: number; answers: number }> {
  const rng = new Rng((opts.seed ^ 0x4eed5) >>> 0);
  const board = await usersRepo.findUserByUsername(tx, 'admin');
  const officer = await usersRepo.findUserByUsername(tx, 'unit');
  const root = await unitsRepo.findUnitByCode(tx, opts.provinceCode);
  if (!board || !root) throw new Error('the demo needs campaigns need the board account and the province');
  const units = await needsRepo.findTargetUnits(tx, root.path, { kinds: ['commune', 'department'] });
  const departments = new Set((await needsRepo.findTargetUnits(tx, root.path, { kinds: ['department'] })).map((u) => u.id));
  const firstCommune = await unitsRepo.findUnitByCode(tx, opts.firstCommuneCode);
  const sample = await needsRepo.samplePeopleOfUnits(
    tx,
    units.map((u) => u.id),
    4,
  );
  const year = Number(opts.today.slice(0, 4));
  let answers = 0;

  const campaign = async (c: { year: number; deadline: IsoDate; status: 'open' | 'closed' }) => {
    const id = await needsRepo.insertCampaign(tx, {
      year: c.year,
      title: `Đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${c.year}`,
      deadline: c.deadline,
      ownerUnitId: root.id,
      target: { kinds: ['commune', 'department'] },
      note: 'Các cơ quan, đơn vị đăng ký theo chương trình, hình thức học và quý; nêu tên người dự kiến cử đi học nếu đã xác định.',
      createdBy: board.id,
    });
    await needsRepo.insertOffers(tx, id, OFFERS);
    await needsRepo.insertCampaignUnits(
      tx,
      id,
      units.map((u) => u.id),
    );
    if (c.status === 'closed')
      await needsRepo.updateCampaign(tx, id, 1, {
        title: `Đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm ${c.year}`,
        deadline: c.deadline,
        status: 'closed',
        note: null,
      });
    return id;
  };

  /** The lines a unit asks for, naming some of its people (each once per programme). */
  const linesOf = (unitId: number) => {
    const pool = [...(sample.get(unitId) ?? [])];
    const menu = departments.has(unitId) ? DEPARTMENT_NEEDS : COMMUNE_NEEDS;
    return menu.flatMap((n) => {
      const people = rng.int(n.min, n.max);
      if (people === 0) return [];
      const named = pool.filter(() => rng.chance(0.35)).slice(0, Math.min(2, people));
      return [{ programmeCode: n.programmeCode, mode: n.mode, quarter: rng.int(1, 4), people, personIds: named }];
    });
  };

  const play = async (
    campaignId: number,
    deadline: IsoDate,
    plan: (unitId: number, i: number) => 'submitted' | 'late' | 'draft' | 'returned' | 'not_started',
  ) => {
    const states: needsRepo.AnswerState[] = [];
    const lines: ReturnType<typeof linesOf>[] = [];
    units.forEach((u, i) => {
      const what = plan(u.id, i);
      if (what === 'not_started') return;
      const submittedOn = what === 'late' ? addDays(deadline, rng.int(1, 2)) : addDays(deadline, -rng.int(0, 20));
      const submitted = what === 'submitted' || what === 'late' || what === 'returned';
      states.push({
        campaignId,
        unitId: u.id,
        status: what === 'late' ? 'submitted' : what === 'returned' ? 'returned' : what === 'draft' ? 'draft' : 'submitted',
        version: what === 'draft' ? 1 : what === 'returned' ? 3 : 2,
        submittedAt: submitted ? at(submittedOn, 9 + rng.int(0, 7)) : null,
        submittedBy: submitted ? (officer && u.id === firstCommune?.id ? officer.id : board.id) : null,
        returnComment:
          what === 'returned'
            ? 'Đề nghị đơn vị rà soát lại số người đăng ký trung cấp lý luận chính trị (vượt số cán bộ trong quy hoạch) và nêu tên người dự kiến cử đi học.'
            : null,
        returnedAt: what === 'returned' ? at(addDays(submittedOn, 1), 14) : null,
        returnedBy: what === 'returned' ? board.id : null,
        updatedAt: at(what === 'returned' ? addDays(submittedOn, 1) : submittedOn, 16),
        updatedBy: board.id,
      });
      lines.push(linesOf(u.id));
    });
    const ids = await needsRepo.insertAnswersAs(tx, states);
    await needsRepo.insertLinesMany(
      tx,
      ids.flatMap((answerId, i) => lines[i]!.map((l, j) => ({ answerId, lineNo: j + 1, ...l }))),
    );
    answers += ids.length;
    return states;
  };

  // last year's campaign, for this year: closed long ago, almost everyone answered
  const lastDeadline = `${year - 1}-11-30`;
  const last = await campaign({ year, deadline: lastDeadline, status: 'closed' });
  await play(last, lastDeadline, () => (rng.chance(0.95) ? 'submitted' : 'not_started'));

  // this year's, for next year: the deadline was three days ago, still open
  const deadline = addDays(opts.today, -3);
  const current = await campaign({ year: year + 1, deadline, status: 'open' });
  let returned = false;
  const states = await play(current, deadline, (unitId) => {
    if (unitId === firstCommune?.id) return 'draft';
    const r = rng.next();
    if (!returned && r < 0.1) {
      returned = true;
      return 'returned';
    }
    if (r < 0.8) return 'submitted';
    if (r < 0.88) return 'late';
    return r < 0.94 ? 'draft' : 'not_started';
  });
  if (firstCommune) await needsRepo.setReopenedUntil(tx, current, firstCommune.id, addDays(opts.today, 7));
  // the reminders the background job recorded for those still not submitted (D-3 and D+1)
  const waiting = units.filter((u) => states.find((s) => s.unitId === u.id)?.status !== 'submitted');
  await needsRepo.insertReminders(
    tx,
    waiting.flatMap((u) =>
      (['before_deadline', 'after_deadline'] as const).map((kind) => ({
        campaignId: current,
        unitId: u.id,
        kind,
        message: needs.reminderMessage(kind, { year: year + 1, deadline }, u.name),
      })),
    ),
  );
  opts.onProgress?.(`needs: 2 campaigns, ${answers} answers, ${waiting.length} units reminded`);
  return { campaigns: 2, answers };
}
