/**
 * Fills an official statistical report form (issue 10 point 3, decision 0048) for a period and a
 * unit subtree, as the job's owner may see it, and renders it in the form's layout: title block
 * (the reporting unit's issuing body from its document settings, the national motto, place and
 * date), the form code, the period, the reporting and receiving units, the grid with its totals,
 * the notes and the signature block (người lập biểu; the head of the reporting unit). The grid is
 * also the job's result: the web shows it as the preview.
 */
import { reports, todayInVietnam, training } from '@nang-tam/domain';
import { documentsRepo } from '@nang-tam/db';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { fillReport } from '../services/reports.service.js';
import type { JobContext, JobOutcome } from './context.js';

export async function runReportFill(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { code: string; from: string; to: string; unitId: number; format: OfficialFormat };
  const { grid, version } = await fillReport(ctx.readDb, ctx.owner, params.code, params.from, params.to, params.unitId);
  await ctx.progress.report('writing', 0, grid.rows.length);
  const names = await documentsRepo.findUnitNames(ctx.readDb, grid.unit.id);
  const saved = await documentsRepo.findSettings(ctx.readDb, grid.unit.id);
  const settings = saved
    ? {
        headerStyle: saved.header_style,
        parentBody: saved.parent_body,
        issuingBody: saved.issuing_body,
        place: saved.place,
        signerAuthority: saved.signer_authority,
        signerTitle: saved.signer_title,
        signerName: saved.signer_name,
      }
    : training.defaultDocumentSettings({
        name: grid.unit.name,
        parentName: names?.parent_name ?? null,
        provinceName: names?.province_name ?? grid.unit.name,
      });
  const def = version.body;
  const year = params.from.slice(0, 4);
  const period =
    def.period === 'year'
      ? `Năm ${year} (từ ngày ${reports.vnDate(params.from)} đến ngày ${reports.vnDate(params.to)})`
      : `Từ ngày ${reports.vnDate(params.from)} đến ngày ${reports.vnDate(params.to)}`;
  const formCode = def.ministryCode ?? version.form_code;
  const doc: OfficialDocument = {
    header: 'state',
    issuer: [settings.parentBody, settings.issuingBody].filter((s) => s.trim() !== '').map((s) => s.toUpperCase()),
    place: settings.place,
    date: todayInVietnam(),
    title: def.title,
    subtitle: `Kỳ báo cáo: ${period}`,
    unitLine: [`Biểu số: ${formCode}`, `Đơn vị báo cáo: ${grid.unit.name}`, `Đơn vị nhận báo cáo: ${def.receiver}`, def.unitLine]
      .filter(Boolean)
      .join('   ·   '),
    columns: [
      { key: 'no', header: 'STT', width: 6 },
      { key: 'label', header: 'Nội dung', width: 40 },
      ...grid.columns.map((c) => ({ key: c.key, header: c.label, group: c.group, kind: 'integer' as const, width: 11 })),
    ],
    rows: grid.rows.map((r) => ({ no: r.no, label: `${'  '.repeat(r.indent)}${r.indent > 0 ? '- ' : ''}${r.label}`, ...r.values })),
    notes: [
      ...grid.notes,
      `Biểu mẫu ${version.form_code}, phiên bản ${version.version} (căn cứ ${version.source.code} ngày ${reports.vnDate(version.source.issuedOn)} của ${version.source.issuer}).`,
      ...(def.deadline ? [`Thời hạn, số liệu: ${def.deadline}.`] : []),
    ],
    preparedBy: { role: 'NGƯỜI LẬP BIỂU', name: ctx.owner.displayName },
    approvedBy: {
      role: [settings.signerAuthority, settings.signerTitle].filter(Boolean).join(' ').toUpperCase() || 'THỦ TRƯỞNG ĐƠN VỊ',
      name: settings.signerName || undefined,
    },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', grid.rows.length, grid.rows.length);
  return {
    status: 'succeeded',
    result: { rows: grid.rows.length, grid },
    fileName: officialFileName(`bao-cao-${version.form_code.toLowerCase()}-${year}`, todayInVietnam(), params.format),
    file,
  };
}
