/**
 * Sets up a real deployment (no demo data): the province's unit tree from the official 2025
 * administrative units and the first system administrator.
 *
 *   NANGTAM_ADMIN_PASSWORD=… npm run setup -- --province 08 --username quantri --name "Quản trị hệ thống"
 *
 * Without NANGTAM_ADMIN_PASSWORD the password is read from standard input (one line). Uses the same
 * database as the server (DATABASE_URL, else PGlite in DATA_DIR). Run it with DEMO=off on the server.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { migrate, unitsRepo, usersRepo } from '@nang-tam/db';
import { loadConfig } from '../apps/server/src/config.js';
import { openDatabase } from '../apps/server/src/database.js';
import { hashPassword, passwordProblem } from '../apps/server/src/auth/password.js';
import { insertUnits } from './demo/generate.js';
import { buildUnitPlan } from './demo/units.js';

async function readPassword(): Promise<string> {
  if (process.env.NANGTAM_ADMIN_PASSWORD) return process.env.NANGTAM_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const line = await rl.question('Mật khẩu quản trị: ');
  rl.close();
  return line.trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { province: { type: 'string', default: '08' }, username: { type: 'string', default: 'quantri' }, name: { type: 'string', default: 'Quản trị hệ thống' } },
  });
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(values.username)) throw new Error('--username: 3–32 lower-case letters, digits, ".", "_" or "-"');
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);

  const db = await openDatabase(loadConfig());
  try {
    await migrate(db);
    await db.transaction(async (tx) => {
      if (await usersRepo.findUserByUsername(tx, values.username)) throw new Error(`Tài khoản '${values.username}' đã có.`);
      let root = await unitsRepo.findRootUnit(tx);
      if (!root) {
        const plan = buildUnitPlan(values.province);
        const ids = await insertUnits(tx, plan);
        const rootSpec = plan.find((u) => u.parentCode === null)!;
        root = { id: ids.get(rootSpec.code)!, name: rootSpec.name };
        console.log(`Đã tạo ${plan.length} đơn vị của ${rootSpec.name}.`);
      }
      await usersRepo.insertUser(tx, {
        username: values.username,
        passwordHash: await hashPassword(password),
        displayName: values.name,
        role: 'system_admin',
        unitId: root.id,
      });
      console.log(`Đã tạo tài khoản quản trị '${values.username}' cho ${root.name}.`);
    });
  } finally {
    await db.close();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
