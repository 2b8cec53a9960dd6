/** Printed documents of a class and the organisation's document settings (issue 10, decision 0034). */
import type {
  ClassDocumentList,
  DocumentFormat,
  DocumentKind,
  DocumentSettings,
  Job,
  PdfSigningCertificate,
  UpdateDocumentSettings,
  UploadPdfSigningCertificate,
} from '@nang-tam/contracts';
import { api, apiUrl, buildQuery } from './client';

export const documentsApi = {
  ofClass: (classId: number) => api.get<ClassDocumentList>(`/classes/${classId}/documents`),
  /** A plain link: the browser downloads the file with the session cookie (the server names it). */
  fileUrl: (classId: number, kind: DocumentKind, format: DocumentFormat, opts: { number?: string; date?: string } = {}) =>
    apiUrl(`/classes/${classId}/documents/${kind}`, { format, number: opts.number || undefined, date: opts.date || undefined }),
  /** The same document made by a background job (a large class). */
  startJob: (classId: number, kind: DocumentKind, format: DocumentFormat, opts: { number?: string; date?: string } = {}) =>
    api.post<Job>(
      `/classes/${classId}/documents/${kind}/jobs${buildQuery({ format, number: opts.number || undefined, date: opts.date || undefined })}`,
    ),
  settings: (unitId: number) => api.get<DocumentSettings>(`/units/${unitId}/document-settings`),
  saveSettings: (unitId: number, body: UpdateDocumentSettings) => api.put<DocumentSettings>(`/units/${unitId}/document-settings`, body),
  // the school's certificate for signing PDF files (PAdES, decision 0061)
  signingCertificate: (unitId: number) => api.get<PdfSigningCertificate>(`/units/${unitId}/pdf-signing-certificate`),
  uploadSigningCertificate: (unitId: number, body: UploadPdfSigningCertificate) =>
    api.put<PdfSigningCertificate>(`/units/${unitId}/pdf-signing-certificate`, body),
  removeSigningCertificate: (unitId: number) => api.delete<PdfSigningCertificate>(`/units/${unitId}/pdf-signing-certificate`),
};
