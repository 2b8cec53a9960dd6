/**
 * Support for learners in the demo province (issue 11 point 1, decision 0049): a support policy in
 * the shape of a provincial People's Council resolution (the figures are illustrative, marked "not
 * verified"), one for people sent to study outside the province, and payments of the classes that
 * ended: most learners paid in full, a few in part, so the lists show paid and remaining amounts.
 * Deterministic: the classes and amounts follow from the generated school year.
 */
import type { IsoDate } from '@nang-tam/domain';
import { auditRepo, supportRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { actorOf, toAuthUser } from '../../apps/server/src/auth/auth-user.js';
import { supportOwedForClass } from '../../apps/server/src/services/support.service.js';

export interface SupportSeedResult {
  policies: number;
  classesPaid: number;
  payments: number;
  paidTotal: bigint;
}

const place = (inProvince: number, outsideProvince: number) => ({ inProvince, outsideProvince });

export async function seedDemoSupport(tx: Queryable, opts: { today: IsoDate; provinceName: string }): Promise<SupportSeedResult> {
  const row = await usersRepo.findUserByUsername(tx, 'noivu');
  if (!row) throw new Error("the demo account 'noivu' is missing");
  const homeAffairs = toAuthUser(row, 'demo', 'demo');
  const issuer = `Hội đồng nhân dân tỉnh ${opts.provinceName}`;
  const policies: supportRepo.PolicyWrite[] = [
    {
      id: 'HTDT_LOP_TINH',
      version: 1,
      name: 'Chế độ hỗ trợ cán bộ, công chức, viên chức học các lớp do tỉnh mở',
      source: { code: '09/2023/NQ-HĐND', title: 'Nghị quyết quy định chế độ hỗ trợ, khuyến khích cán bộ, công chức, viên chức được cử đi đào tạo, bồi dưỡng (dữ liệu minh họa)', issuer, issuedOn: '2023-07-14', article: 'Điều 3' },
      verified: false,
      coverage: { courseKinds: ['class'], categories: ['can_bo', 'cong_chuc', 'vien_chuc', 'khong_chuyen_trach'] },
      rates: {
        daily: { full_time: place(50_000, 100_000), part_time: place(30_000, 60_000), online: place(0, 0) },
        accommodationPerNight: place(0, 150_000),
        travelPerCourse: place(100_000, 400_000),
        tuitionPercent: 0,
        women: { perDay: 10_000, perCourse: 0 },
        ethnicMinority: { perDay: 0, perCourse: 200_000 },
        capPerCourse: 10_000_000,
        capPerYear: 15_000_000,
      },
      periodFrom: '2023-08-01',
      periodTo: null,
      corrects: null,
      note: 'Mức minh họa theo mô hình Nghị quyết 09/2008/NQ-HĐND tỉnh Lạng Sơn; cần đối chiếu nghị quyết của tỉnh trước khi dùng.',
      createdBy: homeAffairs.id,
    },
    {
      id: 'HTDT_NGOAI_TINH',
      version: 1,
      name: 'Hỗ trợ người được cử đi đào tạo, bồi dưỡng ngoài tỉnh',
      source: { code: '09/2023/NQ-HĐND', title: 'Nghị quyết quy định chế độ hỗ trợ, khuyến khích cán bộ, công chức, viên chức được cử đi đào tạo, bồi dưỡng (dữ liệu minh họa)', issuer, issuedOn: '2023-07-14', article: 'Điều 4' },
      verified: false,
      coverage: { courseKinds: ['outside'], categories: ['can_bo', 'cong_chuc', 'vien_chuc'] },
      rates: {
        daily: { full_time: place(0, 50_000), part_time: place(0, 20_000), online: place(0, 0) },
        accommodationPerNight: place(0, 0),
        travelPerCourse: place(0, 1_000_000),
        tuitionPercent: 50,
        women: { perDay: 0, perCourse: 1_000_000 },
        ethnicMinority: { perDay: 0, perCourse: 1_000_000 },
        capPerCourse: 40_000_000,
        capPerYear: null,
      },
      periodFrom: '2023-08-01',
      periodTo: null,
      corrects: null,
      note: 'Mức minh họa; học phí hỗ trợ 50% chi phí ghi trong hồ sơ cử đi học.',
      createdBy: homeAffairs.id,
    },
  ];
  for (const p of policies) {
    await supportRepo.insertPolicyVersion(tx, p);
    await auditRepo.appendAudit(tx, { ...actorOf(homeAffairs), action: 'create', entity: 'support_policy', entityId: `${p.id}@1`, after: { period: { from: p.periodFrom, to: p.periodTo }, rates: p.rates, coverage: p.coverage, source: p.source } });
  }
  // the classes that ended: paid a week after their last day
  const ended = await tx.query<{ id: number; end_date: string; start_date: string }>(
    `SELECT id, end_date::text AS end_date, start_date::text AS start_date FROM classes WHERE end_date < $1::date - 7 AND start_date >= '2023-08-01' ORDER BY end_date DESC, id LIMIT 4`,
    [opts.today],
  );
  let payments = 0;
  let paidTotal = 0n;
  let classesPaid = 0;
  for (const [ci, c] of ended.rows.entries()) {
    const owed = await supportOwedForClass(tx, c.id);
    if (!owed || owed.covered === 0) continue;
    classesPaid += 1;
    const paidOn = new Date(Date.parse(`${c.end_date}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    for (const [i, r] of owed.rows.entries()) {
      if (r.owed <= 0n || r.policy === null) continue;
      // the most recent class: every fifth learner not paid yet, every seventh half paid
      if (ci === 0 && i % 5 === 4) continue;
      const amount = ci === 0 && i % 7 === 3 ? r.owed / 2n : r.owed;
      if (amount <= 0n) continue;
      const [policyId, version] = r.policy.split('@') as [string, string];
      const id = await supportRepo.insertPayment(tx, {
        personId: r.personId,
        classId: c.id,
        outsideTrainingId: null,
        policyId,
        policyVersion: Number(version),
        courseStart: c.start_date,
        amount,
        paidOn,
        voucherNo: `PC-${c.id}-${String(i + 1).padStart(3, '0')}`,
        note: null,
        recordedBy: homeAffairs.id,
      });
      await auditRepo.appendAudit(tx, { ...actorOf(homeAffairs), action: 'record_payment', entity: 'support_payment', entityId: id, personId: r.personId, after: { classId: c.id, amount: amount.toString(), paidOn } });
      payments += 1;
      paidTotal += amount;
    }
  }
  return { policies: policies.length, classesPaid, payments, paidTotal };
}
