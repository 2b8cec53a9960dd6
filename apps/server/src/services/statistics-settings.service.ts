/**
 * The "young" age limit of the training statistics as a setting with a screen (decision 0057; the
 * setting itself is decision 0047's statistics_settings). Readers of statistics see it; the
 * provincial board and the system administrator (rules.write: the rules as data) add a version from
 * a date, with its source; each version is a new row and an audit record, earlier ones stay.
 */
import { hasPermission, todayInVietnam } from '@nang-tam/domain';
import { auditRepo, statisticsSettingsRepo, type Db } from '@nang-tam/db';
import type { YoungSetting, YoungSettingCreate, YoungSettings } from '@nang-tam/contracts';
import { AppError } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';

const toSetting = (r: statisticsSettingsRepo.YoungSettingRow): YoungSetting => ({
  id: r.id,
  underAge: r.young_under_age,
  validFrom: r.valid_from,
  source: r.source,
  createdBy: r.created_by_name,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function getYoungSettings(db: Db, user: AuthUser): Promise<YoungSettings> {
  const rows = await statisticsSettingsRepo.listYoungSettings(db);
  const today = todayInVietnam();
  const current = rows.find((r) => r.valid_from <= today);
  return { current: current ? toSetting(current) : null, versions: rows.map(toSetting), canChange: hasPermission(user.role, 'rules.write') };
}

export async function addYoungSetting(db: Db, user: AuthUser, input: YoungSettingCreate): Promise<YoungSettings> {
  await db.transaction(async (tx) => {
    const same = await statisticsSettingsRepo.youngSettingFrom(tx, input.validFrom);
    if (same) {
      const message = `Đã có ngưỡng cán bộ trẻ áp dụng từ ngày ${input.validFrom.split('-').reverse().join('/')}; chọn một ngày khác.`;
      throw new AppError('DUPLICATE', [{ path: 'validFrom', code: 'DUPLICATE', message }], message);
    }
    const id = await statisticsSettingsRepo.insertYoungSetting(tx, input, user.id);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'statistics_setting',
      entityId: id,
      after: { youngUnderAge: input.underAge, validFrom: input.validFrom, source: input.source },
    });
  });
  return getYoungSettings(db, user);
}
