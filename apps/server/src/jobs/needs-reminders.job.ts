/**
 * The needs reminders, run by the job runner's maintenance step (every minute, in the background,
 * never in a request): for every unit of an open campaign that has not submitted, a reminder three
 * days before the deadline (D-3) and one the day after it (D+1), each recorded once however often
 * this runs. The unit's officers see them on their needs page and home screen; no e-mail is sent.
 */
import { todayInVietnam, type IsoDate } from '@nang-tam/domain';
import type { AppContext } from '../context.js';
import { recordNeedsReminders } from '../services/needs.service.js';
import type { JobLog } from './context.js';

export async function runNeedsReminders(ctx: Pick<AppContext, 'db'>, log: JobLog, today: IsoDate = todayInVietnam()): Promise<number> {
  const added = await recordNeedsReminders(ctx.db, today);
  if (added > 0) log.info({ added }, 'needs reminders recorded');
  return added;
}
