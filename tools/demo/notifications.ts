/**
 * The demo's notifications (decision 0036): a few unread event notifications for the `unit` account
 * (board and school decisions on its nominations, a waitlist place that opened when the demo school
 * promoted one of its people, a recall of one of
 * its learners) and for the learner account when they were recalled, all built from the records the
 * demo school already holds, as the services would have written them. The "work waiting" counts need
 * no seeding: they are derived from the demo's nominations, conduct reports, needs and plans.
 */
import { notificationsRepo, type Queryable } from '@nang-tam/db';

export async function seedDemoNotifications(tx: Queryable): Promise<number> {
  const users = await tx.query<{ id: number; username: string; path: string; person_id: number | null }>(
    `SELECT u.id, u.username, un.path, u.person_id FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username IN ('unit', 'hocvien')`,
  );
  const unit = users.rows.find((u) => u.username === 'unit');
  const learner = users.rows.find((u) => u.username === 'hocvien');
  if (!unit) return 0;
  const rows: notificationsRepo.NotificationWrite[] = [];
  const decided = await tx.query<{ class_id: number; class_name: string; full_name: string; decision: string }>(
    `SELECT n.class_id, c.name AS class_name, p.full_name, s.decision
     FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id JOIN classes c ON c.id = n.class_id
     JOIN people p ON p.id = n.person_id JOIN units u ON u.id = p.unit_id
     WHERE s.step IN ('board', 'school') AND starts_with(u.path, $1)
     ORDER BY s.decided_at DESC, s.id DESC LIMIT 3`,
    [unit.path],
  );
  for (const d of decided.rows)
    rows.push({
      userId: unit.id,
      kind: 'nomination_decided',
      link: `/classes/${d.class_id}?tab=nominations`,
      params: { personName: d.full_name, className: d.class_name, decision: d.decision === 'refused' ? 'refused' : 'approved' },
    });
  const promoted = await tx.query<{ class_id: number; class_name: string; full_name: string }>(
    `SELECT n.class_id, c.name AS class_name, p.full_name
     FROM nomination_steps s JOIN nominations n ON n.id = s.nomination_id JOIN classes c ON c.id = n.class_id
     JOIN people p ON p.id = n.person_id JOIN units u ON u.id = p.unit_id
     WHERE s.step = 'promoted' AND starts_with(u.path, $1)
     ORDER BY s.id DESC LIMIT 1`,
    [unit.path],
  );
  for (const d of promoted.rows)
    rows.push({
      userId: unit.id,
      kind: 'waitlist_promoted',
      link: `/classes/${d.class_id}?tab=nominations`,
      params: { personName: d.full_name, className: d.class_name },
    });
  const recalls = await tx.query<{
    person_id: number;
    path: string;
    class_name: string;
    full_name: string;
    from_date: string;
    to_date: string;
  }>(
    `SELECT e.person_id, u.path, c.name AS class_name, p.full_name, r.from_date::text, r.to_date::text
     FROM recalls r JOIN enrolments e ON e.id = r.enrolment_id JOIN classes c ON c.id = e.class_id
     JOIN people p ON p.id = e.person_id JOIN units u ON u.id = p.unit_id
     ORDER BY r.id`,
  );
  let unitRecalls = 0;
  for (const r of recalls.rows) {
    const params = { personName: r.full_name, className: r.class_name, fromDate: r.from_date, toDate: r.to_date };
    if (r.path.startsWith(unit.path) && unitRecalls < 1) {
      rows.push({ userId: unit.id, kind: 'recall_recorded', link: '/my-learners', params });
      unitRecalls += 1;
    }
    if (learner && learner.person_id === r.person_id) rows.push({ userId: learner.id, kind: 'recall_recorded', link: '/learning', params });
  }
  return (await notificationsRepo.insertNotifications(tx, rows)).length;
}
