import { z } from 'zod';

export const JOB_KINDS = [
  'people_import', 'people_export', 'candidates_export', 'nominations_bulk', 'needs_answer_export', 'needs_aggregate_export', 'plan_export', 'realisation_export', 'class_document',
  // budgets and reimbursement (issue 11)
  'budget_report_export', 'reimbursement_cases_export',
  // support payment lists (issue 11)
  'support_list_export',
  // evaluation after training (issue 11 point 4)
  'reaction_export', 'feedback_export',
  // training statistics (issue 10, decision 0047)
  'statistics_export',
  // official statistical reports (issue 10 point 3, decision 0048)
  'report_fill',
  // evaluation after training: results at two years (issue 11 point 4, decision 0052)
  'evaluation_report',
  // indicators (issue 10 point 1, decision 0046)
  'indicator_people_export',
  // branch lecturer-views (decision 0066): a lecturer's own reaction results; a programme campaign's report uses evaluation_report
  'teaching_results_export',
] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
/** What a running job is doing; progress/total count the rows of the current stage. */
export const JOB_STAGES = ['reading', 'validating', 'inserting', 'evaluating', 'writing'] as const;
export type JobStage = (typeof JOB_STAGES)[number];

export const JOB_STAGE_LABELS: Record<JobStage, { vi: string; en: string }> = {
  reading: { vi: 'Đang đọc tệp', en: 'Reading the file' },
  validating: { vi: 'Đang kiểm tra dữ liệu', en: 'Checking the data' },
  inserting: { vi: 'Đang ghi vào cơ sở dữ liệu', en: 'Saving' },
  evaluating: { vi: 'Đang xét điều kiện', en: 'Checking eligibility' },
  writing: { vi: 'Đang tạo tệp Excel', en: 'Writing the Excel file' },
};

export const ZJob = z.object({
  id: z.number(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  /** The stage of a running job (null when queued or finished). */
  stage: z.enum(JOB_STAGES).nullable().optional(),
  /** Rows done and rows in all of the current stage (0/0 until the job knows its size). */
  progress: z.number(),
  total: z.number(),
  /**
   * Kind-specific outcome: { imported: 120 }, { rows: 5000 }; a failure carries { code, message }
   * and, for an import with invalid rows, { errorCount, errors: the first 100 ImportRowError }.
   */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** A downloadable file: the export, or the error report of a failed import. */
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof ZJob>;

/** One problem of one row of an import file, as Excel shows it (row 2 is the first data row). */
export const ZImportRowError = z.object({ row: z.number(), column: z.string(), message: z.string(), code: z.string() });
export type ImportRowError = z.infer<typeof ZImportRowError>;

/** Codes of a failed job's result: whole-file problems of an import, and job-level failures. */
export const JOB_FAILURES = {
  FILE_EMPTY: { vi: 'Tệp rỗng, không có nội dung.', en: 'The file is empty.' },
  FILE_NOT_XLSX: {
    vi: 'Tệp không phải bảng tính Excel (.xlsx). Hãy tải tệp mẫu và lưu dưới dạng Excel Workbook (.xlsx).',
    en: 'The file is not an Excel workbook (.xlsx).',
  },
  FILE_CORRUPT: { vi: 'Tệp Excel bị hỏng hoặc không đọc được. Hãy mở và lưu lại tệp rồi thử lại.', en: 'The Excel file is damaged.' },
  SHEET_MISSING: { vi: 'Không tìm thấy trang tính "CanBo".', en: 'There is no sheet named "CanBo".' },
  COLUMNS_MISSING: { vi: 'Trang tính "CanBo" thiếu cột bắt buộc.', en: 'Required columns are missing.' },
  NO_DATA_ROWS: { vi: 'Trang tính "CanBo" không có dòng dữ liệu nào.', en: 'The sheet has no data rows.' },
  TOO_MANY_ROWS: { vi: 'Tệp có quá nhiều dòng.', en: 'The file has too many rows.' },
  WORKBOOK_TOO_LARGE: {
    vi: 'Tệp Excel quá lớn khi giải nén. Hãy chép dữ liệu sang tệp mẫu mới (bỏ định dạng và trang tính thừa) hoặc chia thành nhiều tệp.',
    en: 'The workbook expands to too much data; copy the data into a fresh template or split the file.',
  },
  ROWS_INVALID: {
    vi: 'Tệp có lỗi nên chưa nhập hồ sơ nào. Hãy sửa theo báo cáo lỗi rồi nhập lại toàn bộ tệp.',
    en: 'The file has errors, so nothing was imported. Fix them and import the whole file again.',
  },
  DUPLICATE_CITIZEN_ID: {
    vi: 'Có số CCCD vừa được người khác nhập trong lúc tệp đang được xử lý; chưa nhập hồ sơ nào. Hãy nhập lại tệp.',
    en: 'A citizen id was added by someone else meanwhile; nothing was imported. Import the file again.',
  },
  FORBIDDEN: { vi: 'Tài khoản tạo tác vụ không còn quyền thực hiện thao tác này.', en: 'The job owner may no longer do this.' },
  INTERRUPTED: { vi: 'Tác vụ bị gián đoạn nhiều lần và đã dừng. Vui lòng thử lại.', en: 'The job was interrupted too often.' },
  INTERNAL: { vi: 'Đã có lỗi hệ thống khi chạy tác vụ. Vui lòng thử lại sau.', en: 'The job failed; please try again later.' },
  // upload-slices (decision 0064): the server stopped while the uploaded file was being stored
  UPLOAD_INTERRUPTED: {
    vi: 'Tệp tải lên chưa được lưu xong vì máy chủ bị dừng giữa chừng; chưa xử lý dòng nào. Vui lòng tải tệp lên lại.',
    en: 'The uploaded file was not fully stored (the server stopped meanwhile); nothing was processed. Please upload the file again.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;
export type JobFailureCode = keyof typeof JOB_FAILURES;

/** Jobs one user may have queued or running at once; one more is refused (TOO_MANY_JOBS, 429). */
export const MAX_ACTIVE_JOBS_PER_USER = 5;

/** Files larger than this many rows are refused whole (the file-size limit usually comes first). */
export const IMPORT_MAX_ROWS = 200_000;
