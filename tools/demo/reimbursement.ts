/**
 * Service commitments and reimbursement in the demo province (issue 11 point 3): the master's
 * students sent by the state already carry their commitment (derived from their outside-training
 * records); the one who graduated last year resigned two months ago, so their case is open with the
 * prorated amount, agreed by home affairs. Runs the service's own opening (the same transaction
 * shape as POST /people/:id/leaving). Deterministic: dates relative to the reference date.
 */
import type { IsoDate } from '@nang-tam/domain';
import { auditRepo, reimbursementRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { actorOf, toAuthUser } from '../../apps/server/src/auth/auth-user.js';
import { openCasesOnLeaving } from '../../apps/server/src/services/reimbursement.service.js';
import { addDays } from './days.js';

export interface ReimbursementSeedResult {
  commitments: number;
  cases: number;
}

export async function seedDemoReimbursement(tx: Queryable, opts: { today: IsoDate }): Promise<ReimbursementSeedResult> {
  const row = await usersRepo.findUserByUsername(tx, 'noivu');
  if (!row) throw new Error("the demo account 'noivu' is missing");
  const homeAffairs = toAuthUser(row, 'demo', 'demo');
  const masters = await tx.query<{ id: number; person_id: number; status: string; end_date: string }>(
    `SELECT id, person_id, status, end_date::text AS end_date FROM outside_trainings
     WHERE programme_code IN ('SDH_THS', 'SDH_TS') AND status IN ('sent', 'completed') AND cost > 0 AND (result IS NULL OR result = 'graduated')
     ORDER BY start_date, id`,
  );
  const graduated = masters.rows.find((m) => m.status === 'completed');
  let cases = 0;
  if (graduated) {
    const leftOn = addDays(opts.today, -60);
    if (leftOn > graduated.end_date) {
      const write = { personId: graduated.person_id, leftOn, reason: 'resigned', decisionNo: '214/QĐ-UBND', note: 'Xin thôi việc, chuyển sang doanh nghiệp.', recordedBy: homeAffairs.id };
      await reimbursementRepo.insertLeaving(tx, write);
      await auditRepo.appendAudit(tx, { ...actorOf(homeAffairs), action: 'record_leaving', entity: 'service_leaving', entityId: write.personId, personId: write.personId, after: write });
      const [caseId] = await openCasesOnLeaving(tx, homeAffairs, graduated.person_id, { left_on: leftOn, reason: 'resigned' });
      if (caseId !== undefined) {
        await reimbursementRepo.updateCase(tx, caseId, { status: 'agreed', paid: 0n, waiverGround: null, waiverDecisionNo: null });
        await reimbursementRepo.insertCaseStep(tx, { caseId, step: 'agreed', amount: null, decisionNo: null, note: 'Người học đồng ý nộp trong 6 tháng.', decidedBy: homeAffairs.id });
        await auditRepo.appendAudit(tx, {
          ...actorOf(homeAffairs),
          action: 'agree',
          entity: 'reimbursement_case',
          entityId: caseId,
          personId: graduated.person_id,
          before: { status: 'notified', paid: '0' },
          after: { status: 'agreed', paid: '0' },
        });
        cases += 1;
      }
    }
  }
  return { commitments: masters.rows.length, cases };
}
