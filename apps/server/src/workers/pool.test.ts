import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../jobs/people-import/columns.js';
import type { ImportFileChunk } from '../jobs/people-import/read-file.js';
import { xlsxBomb } from '../../../../tests/support/xlsx-bomb.js';
import { TaskError, WorkerCrashed, WorkerPool } from './pool.js';

const pool = new WorkerPool({ size: 1, heapMb: 64 });
afterAll(() => pool.close());

async function workbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('CanBo');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (let i = 0; i < rows; i++) ws.addRow([`Nguyễn Văn Thứ ${i}`, `0080${String(i).padStart(8, '0')}`]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('worker pool', () => {
  it('reads a workbook in a worker thread and streams its rows in batches', { timeout: 60_000 }, async () => {
    const chunks: ImportFileChunk[] = [];
    const it = pool.stream('readImportFile', { buf: await workbook(2500) });
    for await (const c of it) chunks.push(c);
    expect(chunks[0]).toEqual({ kind: 'scan', rowCount: 2501, merges: [] });
    const rows = chunks.flatMap((c) => (c.kind === 'rows' ? c.rows : []));
    expect(chunks.filter((c) => c.kind === 'rows').map((c) => (c.kind === 'rows' ? c.rows.length : 0))).toEqual([1000, 1000, 501]);
    expect(rows[2500]).toEqual({ number: 2501, cells: [undefined, { kind: 'text', text: 'Nguyễn Văn Thứ 2499' }, { kind: 'text', text: '008000002499' }] });
  });

  it('carries a task’s own failure back with its code', { timeout: 60_000 }, async () => {
    const err = await pool.run('readImportFile', { buf: new Uint8Array([1, 2, 3, 4]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect(err).toMatchObject({ name: 'JobFailure', fields: { code: 'FILE_NOT_XLSX' } });
  });

  it('loses only the worker when it dies under a task, and goes on with a new one', { timeout: 60_000 }, async () => {
    const big = xlsxBomb({ sharedStringsBytes: 100 * 2 ** 20, stylesBytes: 2 ** 20, lieAboutSizes: true });
    const run = pool.run('readImportFile', { buf: big });
    // the worker dies (as it would when it runs out of heap: resourceLimits) while the task runs
    setTimeout(() => void (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0]!.worker.terminate(), 50);
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerCrashed);
    expect((err as WorkerCrashed).outOfMemory).toBe(false);
    const chunks: ImportFileChunk[] = [];
    await pool.run('readImportFile', { buf: await workbook(3) }, { onChunk: (c) => chunks.push(c) });
    expect(chunks).toHaveLength(2);
  });

  it('stops a task when its signal aborts', { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const big = xlsxBomb({ sharedStringsBytes: 100 * 2 ** 20, stylesBytes: 2 ** 20, lieAboutSizes: true });
    const run = pool.run('readImportFile', { buf: big }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopping')), 50);
    await expect(run).rejects.toThrow('stopping');
    const chunks: ImportFileChunk[] = [];
    await pool.run('readImportFile', { buf: await workbook(1) }, { onChunk: (c) => chunks.push(c) });
    expect(chunks).toHaveLength(2);
  });
});
