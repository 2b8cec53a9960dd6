/**
 * Official documents (reports and plans with the Vietnamese title block) as Excel and PDF: the
 * shared export module. Build an OfficialDocument from the database, then render it in the worker
 * pool with renderOfficialDocument (render.ts); see README.md in this folder.
 */
export type { OfficialCell, OfficialColumn, OfficialColumnKind, OfficialDocument, OfficialSignature } from './model.js';
export { officialDate, officialDateLine } from './date-line.js';
export { renderOfficialXlsx, OFFICIAL_SHEET } from './xlsx.js';
export { renderOfficialPdf, buildOfficialPdfDocument } from './pdf.js';
export { renderOfficialDocument, officialFileName, OFFICIAL_MIME, type OfficialFormat } from './render.js';
