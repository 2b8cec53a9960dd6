/**
 * The one error catalogue: every error the API returns has a stable code, an HTTP status and a
 * message in Vietnamese (and English). Field-level problems carry their own codes in `details`.
 */
export interface ErrorDef {
  status: number;
  vi: string;
  en: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ.', en: 'The data is not valid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  UNAUTHENTICATED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please log in.' },
  SESSION_EXPIRED: { status: 401, vi: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.', en: 'Your session has expired; please log in again.' },
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  CSRF_INVALID: { status: 403, vi: 'Yêu cầu không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.', en: 'Missing or wrong anti-forgery token; reload the page.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy dữ liệu.', en: 'Not found.' },
  CONFLICT: { status: 409, vi: 'Hồ sơ đã được người khác sửa trong lúc bạn đang sửa. Vui lòng tải lại để xem thay đổi mới nhất rồi sửa lại.', en: 'Someone else changed this record while you were editing. Reload to see their changes, then edit again.' },
  DUPLICATE: { status: 409, vi: 'Dữ liệu bị trùng.', en: 'Duplicate data.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Tệp hoặc nội dung gửi lên quá lớn.', en: 'The file or request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều lần thử. Vui lòng đợi một lát rồi thử lại.', en: 'Too many attempts; wait a moment and try again.' },
  IMPORT_INVALID_FILE: { status: 400, vi: 'Tệp nhập không hợp lệ.', en: 'The import file is not valid.' },
  JOB_NOT_READY: { status: 409, vi: 'Tác vụ chưa hoàn thành.', en: 'The job has not finished yet.' },
  UNKNOWN_PROGRAMME: { status: 404, vi: 'Không có chương trình đào tạo, bồi dưỡng này.', en: 'No such training programme.' },
  UNSUPPORTED_MODE: { status: 400, vi: 'Chương trình không tổ chức theo hình thức học này.', en: 'The programme is not offered in this study mode.' },
  RULE_PERIOD_OVERLAP: {
    status: 409,
    vi: 'Thời gian hiệu lực trùng với một phiên bản khác của cùng quy định, tiêu chuẩn. Hãy chọn ngày bắt đầu khác hoặc đính chính phiên bản đó.',
    en: 'The effective period overlaps another version of the same rule or standard.',
  },
  RULE_VERSION_CONFLICT: {
    status: 409,
    vi: 'Quy định, tiêu chuẩn vừa được người khác thêm phiên bản mới. Vui lòng tải lại để xem phiên bản mới nhất rồi sửa lại.',
    en: 'Someone else added a version meanwhile; reload and edit again.',
  },
  RULE_DATA_INVALID: {
    status: 409,
    vi: 'Dữ liệu quy định, tiêu chuẩn đang áp dụng không hợp lệ nên chưa thể trả lời; quản trị viên cần sửa quy định.',
    en: 'The rules in force are not valid, so no answer can be given; an administrator must fix them.',
  },
  INTERNAL: { status: 500, vi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', en: 'Something went wrong; please try again later.' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

/** Field-level problem codes and their messages. */
export const FIELD_ERRORS = {
  REQUIRED: { vi: 'Bắt buộc nhập.', en: 'Required.' },
  INVALID_TYPE: { vi: 'Sai kiểu dữ liệu.', en: 'Wrong type.' },
  UNKNOWN_FIELD: { vi: 'Trường không được hỗ trợ.', en: 'Unknown field.' },
  TOO_LONG: { vi: 'Quá dài.', en: 'Too long.' },
  TOO_SHORT: { vi: 'Quá ngắn.', en: 'Too short.' },
  OUT_OF_RANGE: { vi: 'Giá trị ngoài phạm vi cho phép.', en: 'Out of range.' },
  INVALID_VALUE: { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' },
  INVALID_DATE: { vi: 'Ngày không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd, và phải là ngày có thật).', en: 'Not a real date (dd/mm/yyyy or yyyy-mm-dd).' },
  DATE_IN_FUTURE: { vi: 'Ngày không được ở tương lai.', en: 'The date cannot be in the future.' },
  DATE_BEFORE_START: { vi: 'Ngày kết thúc trước ngày bắt đầu.', en: 'Ends before it starts.' },
  AGE_OUT_OF_RANGE: { vi: 'Tuổi phải từ 16 đến 80.', en: 'Age must be between 16 and 80.' },
  PARTY_TOO_YOUNG: { vi: 'Ngày vào Đảng khi chưa đủ 18 tuổi.', en: 'Joined the party before turning 18.' },
  PARTY_OFFICIAL_WITHOUT_JOIN: { vi: 'Có ngày chính thức nhưng thiếu ngày vào Đảng.', en: 'Official date without a joining date.' },
  INVALID_CITIZEN_ID: { vi: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.', en: 'The citizen id must be exactly 12 digits.' },
  DUPLICATE_CITIZEN_ID: { vi: 'Số CCCD đã có trong cơ sở dữ liệu.', en: 'This citizen id is already in the registry.' },
  DUPLICATE_IN_FILE: { vi: 'Số CCCD bị trùng với một dòng khác trong tệp.', en: 'This citizen id appears twice in the file.' },
  UNKNOWN_CODE: { vi: 'Mã không tồn tại trong danh mục.', en: 'Unknown code.' },
  UNIT_OUT_OF_SCOPE: { vi: 'Đơn vị không thuộc phạm vi quản lý của bạn.', en: 'The unit is outside your scope.' },
  FORMULA_NOT_ALLOWED: { vi: 'Ô chứa công thức; hãy dán giá trị (Paste Values).', en: 'The cell holds a formula; paste values instead.' },
  MERGED_CELL: { vi: 'Ô bị gộp (merge); hãy bỏ gộp ô.', en: 'Merged cells are not allowed.' },
  DUPLICATE_YEAR: { vi: 'Năm này đã có kết quả xếp loại.', en: 'This year already has an appraisal.' },
  DUPLICATE_ENTRY: { vi: 'Đã có bản ghi giống hệt.', en: 'The same entry already exists.' },
  // rules and standards (the domain's validateRule / addRuleVersion codes; details carry a specific message)
  UNKNOWN_PROGRAMME: { vi: 'Không có chương trình này.', en: 'Unknown programme.' },
  UNSUPPORTED_MODE: { vi: 'Chương trình không có hình thức học này.', en: 'The programme does not offer this mode.' },
  INVALID_ID: { vi: 'Mã chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang.', en: 'Letters, digits, dots, underscores and hyphens only.' },
  INVALID_VERSION: { vi: 'Số phiên bản không hợp lệ.', en: 'Invalid version number.' },
  PERIOD_ENDS_BEFORE_START: { vi: 'Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.', en: 'The period ends before it starts.' },
  MISSING_SOURCE: { vi: 'Thiếu thông tin văn bản căn cứ.', en: 'The source document is incomplete.' },
  MISSING_DESCRIPTION: { vi: 'Thiếu nội dung quy định.', en: 'The description is missing.' },
  UNKNOWN_RULE_KIND: { vi: 'Không có loại điều kiện này.', en: 'Unknown rule kind.' },
  UNKNOWN_QUALIFICATION_KIND: { vi: 'Không có loại trình độ này.', en: 'Unknown qualification kind.' },
  UNKNOWN_LEVEL: { vi: 'Không có trình độ này trong danh mục.', en: 'Unknown qualification level.' },
  UNKNOWN_TITLE: { vi: 'Không có chức danh này.', en: 'Unknown title.' },
  UNKNOWN_JOB_POSITION: { vi: 'Không có vị trí việc làm này.', en: 'Unknown job position.' },
  UNKNOWN_RANK: { vi: 'Không có ngạch này.', en: 'Unknown rank.' },
  UNKNOWN_CATEGORY: { vi: 'Không có đối tượng này.', en: 'Unknown category.' },
  UNKNOWN_CLASSIFICATION: { vi: 'Không có mức xếp loại này.', en: 'Unknown appraisal classification.' },
  UNKNOWN_MODE: { vi: 'Không có hình thức học này.', en: 'Unknown study mode.' },
  EMPTY_TARGET: { vi: 'Chưa nêu đối tượng hoặc giới hạn nào.', en: 'Nothing is targeted or limited.' },
  INVALID_NUMBER: { vi: 'Số không hợp lệ hoặc ngoài phạm vi.', en: 'Invalid or out-of-range number.' },
  AGE_MIN_ABOVE_MAX: { vi: 'Tuổi tối thiểu lớn hơn tuổi tối đa.', en: 'The minimum age is above the maximum.' },
  TARGET_REQUIRED: { vi: 'Tiêu chuẩn phải gắn với đúng một chức danh hoặc một vị trí việc làm.', en: 'A standard needs exactly one title or job position.' },
  OVERLAPPING_PERIOD: { vi: 'Thời gian hiệu lực trùng với phiên bản khác.', en: 'Overlaps another version.' },
  DUPLICATE_VERSION: { vi: 'Phiên bản bị trùng.', en: 'Duplicate version.' },
  KIND_MISMATCH: { vi: 'Phiên bản mới phải cùng loại điều kiện với các phiên bản trước.', en: 'A new version must keep the rule kind.' },
  ID_MISMATCH: { vi: 'Phiên bản mới phải cùng mã với các phiên bản trước.', en: 'A new version must keep the id.' },
  VERSION_NOT_NEXT: { vi: 'Số phiên bản mới phải tiếp nối phiên bản cuối.', en: 'The version must follow the latest one.' },
  UNKNOWN_VERSION: { vi: 'Không có phiên bản đang dùng để đính chính.', en: 'No active version to correct.' },
  CORRECTION_PERIOD_MISMATCH: { vi: 'Bản đính chính phải có đúng thời gian hiệu lực của phiên bản được đính chính.', en: 'A correction keeps the period of the version it corrects.' },
  PROGRAMME_MISMATCH: { vi: 'Quy định này thuộc chương trình khác.', en: 'The rule belongs to another programme.' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;

export interface ErrorDetail {
  /** Field path, e.g. "birthDate", "qualifications.0.level", or for imports "row 12 / Ngày sinh". */
  path: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}
