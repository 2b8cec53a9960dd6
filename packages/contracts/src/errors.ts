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
  WORKBOOK_TOO_LARGE: {
    status: 413,
    vi: 'Tệp Excel quá lớn khi giải nén. Hãy chép dữ liệu sang tệp mẫu mới (bỏ định dạng và trang tính thừa) hoặc chia thành nhiều tệp.',
    en: 'The workbook expands to too much data; copy the data into a fresh template or split the file.',
  },
  JOB_NOT_READY: { status: 409, vi: 'Tác vụ chưa hoàn thành.', en: 'The job has not finished yet.' },
  TOO_MANY_JOBS: {
    status: 429,
    vi: 'Bạn đang có quá nhiều tác vụ đang chờ hoặc đang chạy. Vui lòng đợi các tác vụ trước hoàn thành rồi thử lại.',
    en: 'You have too many jobs queued or running; wait for them to finish and try again.',
  },
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
  // classes and their schedule (issue 4)
  SESSION_ROOM_CLASH: { status: 409, vi: 'Phòng học đã được xếp cho một buổi học khác trong khung giờ này.', en: 'The room is taken by another session at that time.' },
  SESSION_LECTURER_CLASH: { status: 409, vi: 'Giảng viên đã có lịch giảng một buổi khác trong khung giờ này.', en: 'The lecturer teaches another session at that time.' },
  SESSION_HAS_ATTENDANCE: { status: 409, vi: 'Buổi học đã có điểm danh nên không xóa được.', en: 'The session has attendance records and cannot be deleted.' },
  CATALOGUE_INCOMPLETE: {
    status: 409,
    vi: 'Chương trình chưa có đủ học phần, thang điểm và điều kiện tốt nghiệp; cần bổ sung danh mục chương trình trước khi mở lớp.',
    en: 'The programme has no modules, grading scheme or graduation conditions yet; complete its catalogue before opening a class.',
  },
  // certificates (issue 4)
  CERTIFICATES_NOT_ISSUABLE: {
    status: 409,
    vi: 'Chưa thể cấp văn bằng, chứng chỉ: có học viên chưa được công nhận tốt nghiệp hoặc đã được cấp. Xem chi tiết từng người.',
    en: 'Certificates cannot be issued: some learners have not graduated or already hold one. See the details.',
  },
  CERTIFICATE_ALREADY_REVOKED: { status: 409, vi: 'Văn bằng, chứng chỉ này đã bị thu hồi trước đó.', en: 'This certificate has already been revoked.' },
  // nominations and enrolment (issue 4)
  CLASS_CLOSED: { status: 409, vi: 'Lớp đã khóa danh sách, không nhận thêm người được cử.', en: 'The class is closed to nominations.' },
  CLASS_FINISHED: { status: 409, vi: 'Lớp đã kết thúc nên không nhận thêm người được cử và không thay đổi được nữa.', en: 'The class has finished: no more nominations or changes.' },
  ALREADY_NOMINATED: { status: 409, vi: 'Người này đã có trong danh sách cử vào lớp.', en: 'This person is already nominated into the class.' },
  NOT_ELIGIBLE: {
    status: 422,
    vi: 'Người được cử chưa đủ điều kiện theo quy định nên chưa cử được. Xem từng điều kiện chưa đạt.',
    en: 'The person does not meet the conditions, so they cannot be nominated. See each failed condition.',
  },
  NOMINATION_STEP_ORDER: { status: 409, vi: 'Chưa đến bước duyệt này hoặc bước này đã xong.', en: 'This approval step is not due, or already done.' },
  NOMINATION_CLOSED: { status: 409, vi: 'Hồ sơ cử đi học đã kết thúc (đã rút hoặc không được duyệt).', en: 'The nomination is closed (withdrawn or refused).' },
  // training outside the province's classes (issue 9)
  OUTSIDE_STEP_ORDER: { status: 409, vi: 'Hồ sơ đi học chưa đến bước này hoặc bước này đã xong.', en: 'This step of the outside training is not due, or already done.' },
  OUTSIDE_CLOSED: { status: 409, vi: 'Hồ sơ đi học đã kết thúc (đã rút hoặc không được duyệt).', en: 'The outside training record is closed (withdrawn or refused).' },
  // service commitments and reimbursement (issue 11 point 3)
  COMMITMENT_NONE: { status: 409, vi: 'Người này không có cam kết phục vụ theo hồ sơ đi học này (không phải khóa đào tạo dài hạn do ngân sách chi trả), nên không có gì phải đền bù.', en: 'This person has no service commitment from this training, so nothing is owed.' },
  REIMBURSEMENT_NOT_DUE: { status: 409, vi: 'Chưa có căn cứ đền bù: người học chưa thôi việc, chưa rời khu vực nhà nước và vẫn hoàn thành khóa học (hoặc đã phục vụ đủ thời gian cam kết, hoặc được miễn).', en: 'Nothing is owed: the person has neither left nor failed the course, or served the commitment, or is exempt.' },
  LEAVING_RECORDED: { status: 409, vi: 'Đã ghi nhận người này thôi việc, nghỉ việc trước đó.', en: 'The person has already left the service.' },
  CASE_STEP_ORDER: { status: 409, vi: 'Hồ sơ đền bù chưa đến bước này hoặc bước này đã xong.', en: 'This step of the reimbursement case is not due, or already done.' },
  PAYMENT_ABOVE_OWED: { status: 409, vi: 'Số tiền nộp vượt số còn phải đền bù.', en: 'The payment is above what is still owed.' },
  // evaluation after training, levels 1 and 3 (issue 11 point 4; decision 0051)
  SURVEY_ANSWERED: { status: 409, vi: 'Anh/chị đã gửi phiếu khảo sát của lớp này; mỗi học viên chỉ trả lời một lần.', en: 'You have already answered this survey; each learner answers once.' },
  SURVEY_CLOSED: { status: 409, vi: 'Phiếu khảo sát đã đóng, không nhận thêm ý kiến.', en: 'The survey is closed.' },
  SURVEY_NOT_OPEN: { status: 409, vi: 'Phiếu khảo sát chưa mở.', en: 'The survey is not open yet.' },
  SURVEY_TOO_EARLY: { status: 409, vi: 'Phiếu khảo sát chỉ mở khi lớp học kết thúc (từ 21 ngày trước ngày kết thúc lớp).', en: 'A survey opens at the end of the class (from 21 days before its last day).' },
  FEEDBACK_NOT_DUE: { status: 409, vi: 'Chưa đến hạn nhận xét của mốc này.', en: 'This feedback is not due yet.' },
  FEEDBACK_SUBMITTED: { status: 409, vi: 'Cơ quan đã gửi nhận xét mốc này cho người này; mỗi mốc chỉ gửi một lần.', en: 'The feedback for this milestone was already submitted.' },
  // following the learner: attendance, check-in, make-up, graduation (issue 4)
  SESSION_NOT_HELD: { status: 422, vi: 'Buổi học chưa diễn ra nên chưa điểm danh được.', en: 'The session has not taken place yet, so it cannot be marked.' },
  NOT_IN_CLASS: { status: 422, vi: 'Có học viên không thuộc lớp này (hoặc đã rút khỏi lớp). Xem từng dòng.', en: 'Some learners are not in this class (or have left it). See each row.' },
  ATTENDANCE_CONFLICT: {
    status: 409,
    vi: 'Trong lúc bạn điểm danh, người khác (giảng viên, phòng đào tạo hoặc học viên quét mã QR) đã điểm danh một số học viên của buổi này. Chưa lưu gì; hãy xem các dòng được đánh dấu, tải lại rồi điểm danh lại.',
    en: 'While you were marking, someone else marked some learners of this session. Nothing was saved; reload and mark again.',
  },
  CHECKIN_INVALID: { status: 422, vi: 'Mã điểm danh không hợp lệ hoặc không đúng thời gian buổi học. Vui lòng quét lại mã đang hiển thị tại lớp.', en: 'The check-in code is not valid or not for the time of the session; scan the code shown in class again.' },
  CHECKIN_NOT_OPEN: { status: 422, vi: 'Chỉ tạo được mã điểm danh QR trong ngày diễn ra buổi học.', en: 'A check-in QR code can only be made on the day of the session.' },
  MAKE_UP_NOT_REQUIRED: { status: 422, vi: 'Buổi học này không thuộc diện phải học bổ sung của học viên.', en: 'The learner does not have to make up this session.' },
  GRADUATION_PENDING: {
    status: 409,
    vi: 'Chưa thể xét tốt nghiệp: còn học viên thiếu điểm, điểm danh hoặc nhận xét của cơ quan. Xem từng người và từng nội dung còn thiếu.',
    en: 'Graduation cannot be decided yet: some learners lack grades, attendance or the conduct report. See who and what.',
  },
  // the programme catalogue (issue 9)
  PROGRAMME_PERIOD_OVERLAP: {
    status: 409,
    vi: 'Ngày có hiệu lực trùng với thời gian của phiên bản hiện có; phiên bản mới phải bắt đầu sau ngày bắt đầu của phiên bản cuối cùng.',
    en: 'The effective date overlaps an existing version; a new version must start after the latest one starts.',
  },
  PROGRAMME_VERSION_CONFLICT: {
    status: 409,
    vi: 'Chương trình vừa được người khác thêm phiên bản mới. Vui lòng tải lại để xem phiên bản mới nhất rồi sửa lại.',
    en: 'Someone else added a version of this programme meanwhile; reload and edit again.',
  },
  PROGRAMME_NOT_ORGANISED_HERE: {
    status: 422,
    vi: 'Chương trình này do cơ sở đào tạo ngoài tỉnh hoặc ở nước ngoài tổ chức nên không mở lớp trong hệ thống; hãy ghi nhận là đào tạo ngoài tỉnh.',
    en: 'This programme is run by an outside institution or abroad, so no class is opened here; record it as outside training.',
  },
  // training needs (issue 9)
  NEEDS_CAMPAIGN_CLOSED: { status: 409, vi: 'Đợt đăng ký nhu cầu đã đóng hoặc đã quá hạn; chỉ gửi được khi Ban Tổ chức mở lại cho đơn vị.', en: 'The needs campaign is closed or past its deadline; it must be reopened for the unit.' },
  NEEDS_ANSWER_SUBMITTED: { status: 409, vi: 'Đơn vị đã gửi bản đăng ký này; chỉ sửa được khi Ban Tổ chức trả lại.', en: 'The unit has submitted this answer; it can be changed only once returned.' },
  NEEDS_ANSWER_NOT_SUBMITTED: { status: 409, vi: 'Chỉ trả lại được bản đăng ký đơn vị đã gửi.', en: 'Only a submitted answer can be returned.' },
  NEEDS_ANSWER_NOT_SAVED: { status: 409, vi: 'Hãy lưu bản đăng ký trước khi gửi.', en: 'Save the answer before submitting it.' },
  // plans (issue 9)
  PLAN_EXISTS: { status: 409, vi: 'Đã có kế hoạch của năm (hoặc giai đoạn) này.', en: 'A plan for this year (or period) already exists.' },
  PLAN_EMPTY: { status: 409, vi: 'Kế hoạch chưa có dòng nào nên chưa trình hoặc phê duyệt được.', en: 'The plan has no lines, so it cannot be submitted or approved.' },
  PLAN_VERSION_FROZEN: {
    status: 409,
    vi: 'Phiên bản kế hoạch đã được phê duyệt nên không sửa được; muốn thay đổi phải lập điều chỉnh kế hoạch.',
    en: 'The approved version is frozen; changing it takes an adjustment.',
  },
  PLAN_VERSION_SUBMITTED: { status: 409, vi: 'Phiên bản kế hoạch đang trình duyệt nên không sửa được; cần trả lại để sửa.', en: 'The version is submitted; return it to draft to edit.' },
  PLAN_STEP_ORDER: { status: 409, vi: 'Phiên bản kế hoạch không ở trạng thái cho phép thao tác này.', en: 'The version is not in a state that allows this.' },
  PLAN_ADJUSTMENT_RACE: {
    status: 409,
    vi: 'Phiên bản này đã có bản điều chỉnh (có thể vừa được người khác lập). Vui lòng tải lại để xem và sửa trên bản điều chỉnh đó.',
    en: 'Someone else has just started an adjustment of this version; reload and work on theirs.',
  },
  // printed documents (issue 10)
  DOCUMENT_NO_LEARNERS: {
    status: 409,
    vi: 'Lớp chưa có danh sách học viên được duyệt (chưa có học viên ghi danh) nên chưa lập được văn bản này.',
    en: 'The class has no approved list (no enrolled learners), so this document cannot be made.',
  },
  DOCUMENT_CLASS_NOT_GRADUATED: {
    status: 409,
    vi: 'Lớp chưa được xét tốt nghiệp nên chưa lập được quyết định công nhận tốt nghiệp hay sổ cấp phát văn bằng.',
    en: 'The class has not graduated, so there is no graduation decision or register yet.',
  },
  DOCUMENT_GRADES_MISSING: {
    status: 409,
    vi: 'Chưa lập được bảng điểm: còn học viên thiếu điểm. Xem từng người và học phần còn thiếu.',
    en: 'The grade sheet cannot be made: some grades are missing. See who and which module.',
  },
  DOCUMENT_NO_CERTIFICATES: {
    status: 409,
    vi: 'Lớp chưa có văn bằng, chứng chỉ nào được cấp.',
    en: 'No certificate has been issued to the class yet.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    vi: 'Tạm thời không kết nối được cơ sở dữ liệu; thao tác vừa rồi chưa được lưu. Vui lòng thử lại sau ít phút.',
    en: 'The database cannot be reached right now; nothing was saved. Please try again in a few minutes.',
  },
  // support for learners and its payment (issue 11 point 1, decision 0049)
  SUPPORT_POLICY_INVALID: { status: 422, vi: 'Chính sách hỗ trợ chưa hợp lệ (mức hỗ trợ âm, thiếu hoặc không phải số đồng nguyên). Xem từng mục.', en: 'The support policy is not valid (negative, missing or fractional rates). See each field.' },
  SUPPORT_POLICY_OVERLAP: { status: 409, vi: 'Thời gian hiệu lực trùng với một chính sách hỗ trợ khác cho cùng đối tượng.', en: 'The effective period overlaps another support policy for the same group.' },
  SUPPORT_NOT_OWED: { status: 409, vi: 'Học viên này không thuộc diện được hỗ trợ theo chính sách đang áp dụng.', en: 'This learner is not covered by the support policy in force.' },
  SUPPORT_PAYMENT_ABOVE_OWED: { status: 409, vi: 'Số tiền chi vượt số còn được hỗ trợ.', en: 'The payment is above what is still owed.' },
  INTERNAL: { status: 500, vi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', en: 'Something went wrong; please try again later.' },
  // lecturers' rates changed in the app (issue 11 point 2, decision 0063)
  LECTURER_RATE_INVALID: { status: 422, vi: 'Mức thù lao giảng viên chưa hợp lệ (mức không lớn hơn 0, thiếu đối tượng hoặc văn bản quy định). Xem từng mục.', en: "The lecturer rate is not valid (not above zero, or missing its label or source document). See each field." },
  LECTURER_RATE_OVERLAP: { status: 409, vi: 'Thời gian hiệu lực trùng với một mức đang áp dụng của cùng loại giảng viên.', en: 'The effective period overlaps a rate in use for the same lecturer category.' },
  COST_ENTRY_VOIDED: { status: 409, vi: 'Chứng từ này đã được hủy trước đó.', en: 'This voucher was already voided.' },
  // evaluation of results at two years (issue 11 point 4, decision 0052)
  EVALUATION_TOO_EARLY: { status: 409, vi: 'Lớp chưa kết thúc đủ 2 năm nên chưa đánh giá kết quả sau đào tạo được.', en: 'The class ended less than two years ago, so its results cannot be evaluated yet.' },
  CAMPAIGN_CLOSED: { status: 409, vi: 'Đợt đánh giá đã kết thúc nên không sửa được nữa.', en: 'The evaluation campaign is closed.' },
  // branch lecturer-views (decision 0066): evaluation campaigns for a programme and a period
  EVALUATION_NO_DUE_CLASS: { status: 409, vi: 'Chương trình không có lớp nào kết thúc trong khoảng thời gian này đã đủ 2 năm để đánh giá kết quả sau đào tạo.', en: 'No class of the programme that ended in this period is due for evaluation (two years after its end).' },
  CAMPAIGN_OVERLAP: { status: 409, vi: 'Chương trình đã có đợt đánh giá đang mở với khoảng thời gian trùng lặp.', en: 'The programme already has an open evaluation campaign over an overlapping period.' },
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
  INVALID_CHARACTER: {
    vi: 'Có ký tự không hợp lệ (ký tự rỗng NUL hoặc ký tự Unicode bị cắt dở); hãy gõ lại hoặc dán lại nội dung.',
    en: 'Contains an invalid character (a NUL or a broken Unicode character); type or paste the text again.',
  },
  INVALID_DATE: { vi: 'Ngày không hợp lệ (dạng dd/mm/yyyy hoặc yyyy-mm-dd, và phải là ngày có thật).', en: 'Not a real date (dd/mm/yyyy or yyyy-mm-dd).' },
  DATE_IN_FUTURE: { vi: 'Ngày không được ở tương lai.', en: 'The date cannot be in the future.' },
  DATE_BEFORE_START: { vi: 'Ngày kết thúc trước ngày bắt đầu.', en: 'Ends before it starts.' },
  AGE_OUT_OF_RANGE: { vi: 'Tuổi phải từ 16 đến 80.', en: 'Age must be between 16 and 80.' },
  PARTY_TOO_YOUNG: { vi: 'Ngày vào Đảng khi chưa đủ 18 tuổi.', en: 'Joined the party before turning 18.' },
  PARTY_OFFICIAL_WITHOUT_JOIN: { vi: 'Có ngày chính thức nhưng thiếu ngày vào Đảng.', en: 'Official date without a joining date.' },
  PARTY_MEMBERSHIP_REQUIRED: { vi: 'Có ngày vào Đảng thì phải chọn tình trạng đảng viên (chính thức hoặc dự bị).', en: 'A party date needs the membership status (full or probationary).' },
  PARTY_DATE_NOT_MEMBER: { vi: 'Người không phải đảng viên không có ngày vào Đảng, ngày chính thức.', en: 'Someone who is not a member has no party dates.' },
  PARTY_PROBATIONARY_OFFICIAL: { vi: 'Đảng viên dự bị chưa có ngày chuyển chính thức.', en: 'A probationary member has no official date yet.' },
  PARTY_STILL_PROBATIONARY: { vi: 'Vào Đảng chưa đủ 12 tháng nên vẫn là đảng viên dự bị.', en: 'Admitted less than 12 months ago: still a probationary member.' },
  INVALID_CITIZEN_ID: { vi: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.', en: 'The citizen id must be exactly 12 digits.' },
  DUPLICATE_CITIZEN_ID: { vi: 'Số CCCD đã có trong cơ sở dữ liệu.', en: 'This citizen id is already in the registry.' },
  DUPLICATE_IN_FILE: { vi: 'Số CCCD bị trùng với một dòng khác trong tệp.', en: 'This citizen id appears twice in the file.' },
  UNKNOWN_CODE: { vi: 'Mã không tồn tại trong danh mục.', en: 'Unknown code.' },
  UNIT_OUT_OF_SCOPE: { vi: 'Đơn vị không thuộc phạm vi quản lý của bạn.', en: 'The unit is outside your scope.' },
  FORMULA_NOT_ALLOWED: { vi: 'Ô chứa công thức; hãy dán giá trị (Paste Values).', en: 'The cell holds a formula; paste values instead.' },
  MERGED_CELL: { vi: 'Ô bị gộp (merge); hãy bỏ gộp ô.', en: 'Merged cells are not allowed.' },
  WORKBOOK_TOO_LARGE: {
    vi: 'Tệp Excel quá lớn khi giải nén.',
    en: 'The workbook expands to too much data; copy the data into a fresh template or split the file.',
  },
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
  // programme catalogue, lecturers, classes, sessions (issue 4)
  INVALID_TIME: { vi: 'Giờ không hợp lệ (dạng HH:MM, từ 00:00 đến 23:59).', en: 'Not a valid time (HH:MM).' },
  TIME_END_BEFORE_START: { vi: 'Giờ kết thúc phải sau giờ bắt đầu.', en: 'The end time must be after the start time.' },
  DATE_OUTSIDE_CLASS: { vi: 'Ngày học phải nằm trong thời gian học của lớp.', en: 'The date is outside the class dates.' },
  SESSIONS_OUTSIDE_DATES: { vi: 'Lớp đã có buổi học ngoài khoảng thời gian này; hãy dời hoặc xóa các buổi đó trước.', en: 'Sessions are scheduled outside these dates.' },
  INVALID_COHORT_CODE: { vi: 'Mã khóa chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới, gạch chéo (tối đa 40 ký tự).', en: 'Letters, digits, dots, hyphens, underscores and slashes only (up to 40).' },
  COHORT_CODE_TAKEN: { vi: 'Chương trình này đã có lớp mang mã khóa này.', en: 'The programme already has a class with this cohort code.' },
  CAPACITY_BELOW_PLACES_TAKEN: { vi: 'Chỉ tiêu không được ít hơn số học viên đã được cử, đang giữ chỗ.', en: 'The capacity cannot be below the places already taken.' },
  ROOM_OR_LINK_REQUIRED: { vi: 'Phải nhập phòng học (địa điểm) hoặc đường dẫn học trực tuyến.', en: 'A room (place) or an online link is required.' },
  MODULE_REQUIRED: { vi: 'Buổi học phải thuộc một học phần của lớp.', en: 'A lesson belongs to a module of the class.' },
  UNKNOWN_MODULE: { vi: 'Lớp không có học phần này.', en: 'The class has no such module.' },
  UNKNOWN_LECTURER: { vi: 'Không có giảng viên này.', en: 'No such lecturer.' },
  LECTURER_INACTIVE: { vi: 'Giảng viên đã ngừng tham gia giảng dạy.', en: 'The lecturer no longer teaches.' },
  DUPLICATE_LECTURER: { vi: 'Giảng viên bị lặp lại.', en: 'The lecturer is listed twice.' },
  PERIODS_EXCEED_MODULE: { vi: 'Tổng số tiết phân công vượt số tiết của học phần.', en: 'The assigned periods exceed the module\'s periods.' },
  UNKNOWN_USER: { vi: 'Không có tài khoản này trong phạm vi quản lý của bạn.', en: 'No such account in your scope.' },
  LECTURER_ACCOUNT_TAKEN: { vi: 'Tài khoản này đã gắn với một giảng viên khác.', en: 'The account is linked to another lecturer.' },
  BANDS_NOT_DESCENDING: { vi: 'Các mức xếp loại phải xếp từ cao xuống thấp theo điểm tối thiểu.', en: 'Bands must be listed from the highest minimum down.' },
  ROOM_CLASH: { vi: 'Phòng học trùng giờ với buổi học khác.', en: 'The room is taken at that time.' },
  LECTURER_CLASH: { vi: 'Giảng viên trùng giờ giảng.', en: 'The lecturer teaches elsewhere at that time.' },
  // certificates (issue 4)
  ENROLMENT_NOT_FOUND: { vi: 'Không có học viên này trong lớp thuộc phạm vi của bạn.', en: 'No such enrolment in your scope.' },
  ENROLMENT_NOT_COMPLETED: { vi: 'Học viên chưa được công nhận tốt nghiệp.', en: 'The learner has not graduated.' },
  CLASSIFICATION_MISSING: { vi: 'Học viên chưa có xếp loại tốt nghiệp.', en: 'The learner has no graduation classification.' },
  CERTIFICATE_ALREADY_ISSUED: { vi: 'Học viên đã được cấp văn bằng, chứng chỉ của lớp này.', en: 'The learner already holds the certificate of this class.' },
  CERTIFICATE_DATA_INVALID: { vi: 'Họ tên hoặc mã chương trình không ghi được lên văn bằng (ký tự không hợp lệ hoặc quá dài).', en: 'The name or programme code cannot be printed on a certificate.' },
  // nominations (issue 4): each failed condition of NOT_ELIGIBLE, path "rules.<rule id>"
  RULE_NOT_MET: { vi: 'Chưa đạt điều kiện.', en: 'The condition is not met.' },
  FACT_MISSING: { vi: 'Hồ sơ thiếu dữ liệu để xét điều kiện này.', en: 'The record lacks the facts to decide this condition.' },
  OVERRIDE_NOT_ALLOWED: {
    vi: 'Chỉ Ban Tổ chức Tỉnh ủy (hoặc quản trị hệ thống) được cử người chưa đủ điều kiện, kèm lý do.',
    en: 'Only the provincial organisation board may nominate an ineligible person, with a reason.',
  },
  // training outside the province's classes (issue 9); details carry the specific message
  INVALID_COST: { vi: 'Kinh phí phải là số tiền nguyên (đồng), không âm.', en: 'The cost must be a whole, non-negative number of đồng.' },
  DECISION_AFTER_START: { vi: 'Quyết định cử đi học phải ký trước hoặc đúng ngày bắt đầu học.', en: 'The sending decision must be signed on or before the first day.' },
  RESULT_BEFORE_END: { vi: 'Kết quả tốt nghiệp chỉ ghi từ ngày kết thúc khóa học trở đi.', en: 'A graduation result is dated on or after the end of the course.' },
  RESULT_BEFORE_START: { vi: 'Ngày thôi học trước ngày bắt đầu học.', en: 'The withdrawal is dated before the course started.' },
  CLASSIFICATION_NOT_ALLOWED: { vi: 'Chỉ ghi xếp loại khi tốt nghiệp.', en: 'A classification is recorded only for a graduate.' },
  INVALID_AMOUNT: { vi: 'Số tiền phải là số đồng nguyên dương.', en: 'The amount must be a positive whole number of đồng.' },
  OUTSIDE_DUPLICATE: { vi: 'Người này đã có hồ sơ đi học chương trình này trùng thời gian.', en: 'This person already has a record of this programme overlapping these dates.' },
  // following the learner (issue 4)
  NOT_IN_CLASS: { vi: 'Học viên không thuộc lớp này (hoặc đã rút khỏi lớp).', en: 'The learner is not in this class.' },
  ATTENDANCE_CHANGED: { vi: 'Người khác vừa điểm danh học viên này; tải lại để xem điểm danh mới nhất.', en: 'Someone else has just marked this learner; reload to see the latest mark.' },
  RECALL_DATES_REQUIRED: { vi: 'Phải nhập ngày bắt đầu và ngày kết thúc đợt triệu tập về cơ quan.', en: 'Both dates of the recall are required.' },
  RECALL_DATE_INVALID: { vi: 'Ngày triệu tập về cơ quan không hợp lệ (định dạng YYYY-MM-DD).', en: 'The recall date is not valid.' },
  RECALL_PERIOD_INVALID: { vi: 'Ngày kết thúc đợt triệu tập không được trước ngày bắt đầu.', en: 'The recall ends before it starts.' },
  RECALL_OUTSIDE_CLASS: { vi: 'Đợt triệu tập không trùng với thời gian học của lớp.', en: 'The recall does not overlap the class dates.' },
  GRADE_NOT_A_NUMBER: { vi: 'Điểm phải là một số.', en: 'The grade must be a number.' },
  GRADE_OUT_OF_SCALE: { vi: 'Điểm nằm ngoài thang điểm.', en: 'The grade is outside the scale.' },
  GRADE_NOT_ON_STEP: { vi: 'Điểm không đúng bước chấm của thang điểm.', en: 'The grade is not on the scale\'s step.' },
  NO_FINAL_EXAM: { vi: 'Chương trình của lớp không có thi tốt nghiệp hoặc khóa luận.', en: 'The class has no final exam or thesis.' },
  MODULE_NOT_TAUGHT: { vi: 'Bạn không được phân công giảng dạy học phần này nên không nhập điểm được.', en: 'You do not teach this module, so you cannot grade it.' },
  DATE_IN_PAST: { vi: 'Ngày không được ở quá khứ.', en: 'The date cannot be in the past.' },
  DATE_BEFORE_SESSION: { vi: 'Ngày học bổ sung không được trước ngày của buổi học phải học bù.', en: 'The make-up cannot be before the missed session.' },
  CHECKIN_TOKEN_INVALID: { vi: 'Mã QR không đúng hoặc đã bị sửa.', en: 'The QR code is wrong or was altered.' },
  CHECKIN_OUTSIDE_SESSION: { vi: 'Thời điểm quét mã không nằm trong thời gian buổi học (từ 30 phút trước giờ học đến khi kết thúc) hoặc không khớp với mã.', en: 'The scan time is not within the session or does not match the code.' },
  CHECKIN_CLIENT_ID_TAKEN: { vi: 'Mã lần quét đã được dùng cho một lần điểm danh khác.', en: 'This scan id was used for another check-in.' },
  // the programme catalogue (issue 9)
  INVALID_PROGRAMME_CODE: { vi: 'Mã chương trình gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ (2–40 ký tự), ví dụ CNKT_NHOM_3.', en: 'Capital letters, digits and underscores, starting with a letter (2–40), e.g. CNKT_NHOM_3.' },
  PROGRAMME_CODE_TAKEN: { vi: 'Đã có chương trình mang mã này.', en: 'A programme with this code already exists.' },
  UNKNOWN_PROGRAMME_KIND: { vi: 'Không có loại chương trình này.', en: 'Unknown programme kind.' },
  UNKNOWN_PROGRAMME_LEVEL: { vi: 'Không có cấp độ chương trình này.', en: 'Unknown programme level.' },
  UNKNOWN_QUALIFICATION: { vi: 'Văn bằng, chứng chỉ được cấp không có trong danh mục trình độ.', en: 'The qualification is not in the level catalogue.' },
  UNKNOWN_TARGET_GROUP: { vi: 'Không có đối tượng học này trong danh mục.', en: 'Unknown target group.' },
  UNKNOWN_ORGANISER_TYPE: { vi: 'Không có loại cơ sở tổ chức này.', en: 'Unknown organiser type.' },
  MODES_EMPTY: { vi: 'Phải chọn ít nhất một hình thức học.', en: 'Choose at least one study mode.' },
  DURATION_NOT_POSITIVE: { vi: 'Thời gian khóa học phải lớn hơn 0.', en: 'The duration must be above zero.' },
  DEADLINE_NOT_POSITIVE: { vi: 'Thời hạn phải hoàn thành phải lớn hơn 0 tháng.', en: 'The deadline must be above zero months.' },
  INSTITUTION_REQUIRED: { vi: 'Chương trình do cơ sở đào tạo ngoài tỉnh tổ chức phải ghi tên cơ sở đào tạo.', en: 'Name the institution of a programme run outside the province.' },
  PROGRAMME_PERIOD_OVERLAP: { vi: 'Ngày có hiệu lực phải sau ngày bắt đầu của phiên bản cuối cùng.', en: 'The effective date must be after the start of the latest version.' },
  PROGRAMME_VERSION_CONFLICT: { vi: 'Đã có phiên bản mới hơn phiên bản bạn đang sửa.', en: 'A newer version exists than the one you edited.' },
  PROGRAMME_NOT_ORGANISED_HERE: { vi: 'Chỉ mở lớp cho chương trình do Trường Chính trị tỉnh hoặc trung tâm chính trị cấp xã tổ chức.', en: 'Classes open only for programmes run by the provincial school or a commune centre.' },
  // training needs (issue 9)
  NEEDS_PROGRAMME_NOT_OFFERED: { vi: 'Chương trình này không có trong đợt đăng ký nhu cầu.', en: 'The campaign does not offer this programme.' },
  NEEDS_MODE_NOT_OFFERED: { vi: 'Đợt đăng ký không nhận hình thức học này cho chương trình.', en: 'The campaign does not offer this mode for the programme.' },
  NEEDS_QUARTER_INVALID: { vi: 'Quý phải là 1, 2, 3 hoặc 4.', en: 'The quarter must be 1, 2, 3 or 4.' },
  NEEDS_COUNT_INVALID: { vi: 'Số người phải là số nguyên từ 0 trở lên.', en: 'The number of people must be a whole number from 0.' },
  NEEDS_PERSON_OUTSIDE_UNIT: { vi: 'Người này không thuộc đơn vị đăng ký (hoặc không có trong hồ sơ).', en: 'The person is not in the answering unit.' },
  NEEDS_PERSON_NAMED_TWICE: { vi: 'Người này đã được nêu tên cho cùng chương trình.', en: 'The person is already named for this programme.' },
  NEEDS_NAMED_EXCEED_COUNT: { vi: 'Số người được nêu tên nhiều hơn số người đăng ký của dòng.', en: 'More people are named than the line asks for.' },
  NEEDS_DUPLICATE_LINE: { vi: 'Đã có một dòng cùng chương trình, hình thức và quý.', en: 'Another line has the same programme, mode and quarter.' },
  NEEDS_TARGET_REQUIRED: { vi: 'Chọn các loại đơn vị hoặc danh sách đơn vị phải đăng ký (một trong hai).', en: 'Choose unit kinds or a list of units (one of the two).' },
  NEEDS_NO_UNITS: { vi: 'Không có đơn vị nào trong phạm vi của bạn khớp với lựa chọn này.', en: 'No unit in your scope matches this choice.' },
  NEEDS_DUPLICATE_OFFER: { vi: 'Chương trình bị lặp lại trong đợt đăng ký.', en: 'The programme is listed twice.' },
  NEEDS_DEADLINE_OUTSIDE_YEAR: { vi: 'Hạn đăng ký phải trước hoặc trong năm kế hoạch.', en: 'The deadline must be before or in the plan year.' },
  // plans (issue 9)
  PLAN_LINE_YEAR: { vi: 'Năm mở lớp phải là năm của kế hoạch.', en: 'The year must be the plan\'s year.' },
  PLAN_LINE_QUARTER: { vi: 'Quý phải từ 1 đến 4.', en: 'The quarter must be 1 to 4.' },
  PLAN_LINE_COUNT: { vi: 'Số lớp, số học viên phải là số nguyên không âm.', en: 'Counts must be whole and not negative.' },
  PLAN_LINE_COST: { vi: 'Kinh phí dự kiến phải là số đồng nguyên, không âm.', en: 'The cost must be whole đồng, not negative.' },
  PLAN_LINE_LEARNERS: { vi: 'Có lớp thì phải có học viên dự kiến.', en: 'Classes need learners.' },
  PLAN_LINE_NO_CLASSES: {
    vi: 'Chương trình do cơ sở ngoài tỉnh hoặc ở nước ngoài tổ chức: kế hoạch ghi số người được cử đi học, số lớp để 0.',
    en: 'The programme is taught by an outside institution or abroad: the line plans people sent, with 0 classes.',
  },
  NEEDS_PLAN_CLASS_SIZE: {
    vi: 'Chương trình chưa có lớp nào để lấy sĩ số lớp thường dùng: nhập sĩ số một lớp để tính số lớp',
    en: 'The programme has no class to take a usual class size from: enter a class size to count the classes',
  },
  PLAN_LINE_UNKNOWN: { vi: 'Không có dòng kế hoạch này.', en: 'No such plan line.' },
  PLAN_LINE_OTHER_YEAR: { vi: 'Dòng kế hoạch thuộc kế hoạch của năm khác với năm khai giảng lớp.', en: 'The plan line belongs to another year than the class opens in.' },
  PLAN_LINE_OTHER_PROGRAMME: { vi: 'Dòng kế hoạch thuộc chương trình khác với chương trình của lớp.', en: 'The plan line is for another programme.' },
  PLAN_LINE_OR_OUTSIDE: { vi: 'Lớp thuộc một dòng kế hoạch hoặc ngoài kế hoạch, không thể cả hai.', en: 'A class is either on a plan line or outside the plan, not both.' },
  TARGET_YEAR_OUTSIDE_PERIOD: { vi: 'Năm của chỉ tiêu nằm ngoài giai đoạn của kế hoạch.', en: 'The target year is outside the plan period.' },
  DUPLICATE_TARGET: { vi: 'Chỉ tiêu của năm và chương trình này bị nhập hai lần.', en: 'This year and programme appear twice.' },
  // printed documents (issue 10)
  DOCUMENT_KIND_UNKNOWN: { vi: 'Không có loại văn bản này.', en: 'No such kind of document.' },
  DOCUMENT_NUMBER_INVALID: { vi: 'Số văn bản chỉ gồm chữ số, chữ cái không dấu, dấu chấm và dấu gạch ngang.', en: 'A document number holds digits, plain letters, dots and hyphens only.' },
  DOCUMENT_SYMBOL_INVALID: { vi: 'Chữ viết tắt tên cơ quan chỉ gồm chữ in hoa, chữ số, dấu chấm và dấu gạch ngang (ví dụ TCT).', en: 'The abbreviation holds capital letters, digits, dots and hyphens only (e.g. TCT).' },
  // the school's certificate for signing PDF files (PAdES, decision 0061)
  PKCS12_NOT_PKCS12: { vi: 'Tệp không phải chứng thư số PKCS#12 (.p12 hoặc .pfx).', en: 'The file is not a PKCS#12 certificate (.p12 or .pfx).' },
  PKCS12_TOO_LARGE: { vi: 'Tệp chứng thư số quá lớn (tối đa 100 KB).', en: 'The certificate file is too large (100 KB at most).' },
  PKCS12_WRONG_PASSWORD: { vi: 'Mật khẩu của tệp chứng thư số không đúng.', en: 'Wrong password for the certificate file.' },
  PKCS12_UNSUPPORTED: { vi: 'Tệp chứng thư số dùng cách mã hóa chưa được hỗ trợ; hãy xuất lại tệp với mã hóa AES.', en: 'The certificate file uses an unsupported encryption; export it again with AES.' },
  PKCS12_NO_PRIVATE_KEY: { vi: 'Tệp chứng thư số không chứa khóa bí mật nên không ký được.', en: 'The certificate file holds no private key, so it cannot sign.' },
  PKCS12_NO_CERTIFICATE: { vi: 'Tệp không có chứng thư số ứng với khóa bí mật.', en: 'The file holds no certificate for its private key.' },
  PKCS12_KEY_UNSUPPORTED: { vi: 'Khóa bí mật không phải RSA hoặc ECDSA nên chưa ký được.', en: 'The private key is neither RSA nor ECDSA.' },
  PKCS12_EXPIRED: { vi: 'Chứng thư số đã hết hạn.', en: 'The certificate has expired.' },
  PKCS12_NOT_YET_VALID: { vi: 'Chứng thư số chưa đến ngày có hiệu lực.', en: 'The certificate is not valid yet.' },
  GRADE_MISSING: { vi: 'Chưa có điểm.', en: 'No grade yet.' },
  // ---- training statistics (issue 10, decision 0047) ----
  STAT_PERIOD_ENDS_BEFORE_START: { vi: 'Kỳ thống kê không hợp lệ: ngày kết thúc ("đến ngày") trước ngày bắt đầu ("từ ngày").', en: 'The period ends before it starts.' },
  STAT_PERIOD_TOO_LONG: { vi: 'Kỳ thống kê dài quá 50 năm; hãy chọn kỳ ngắn hơn.', en: 'The period is longer than 50 years.' },
  STAT_CELL_MISMATCH: { vi: 'Ô cần xem chi tiết phải có đúng một giá trị cho mỗi chiều nhóm.', en: 'The cell needs one value per group-by dimension.' },
  STAT_DUPLICATE_DIMENSION: { vi: 'Không nhóm hai lần theo cùng một chiều.', en: 'The same dimension is grouped twice.' },
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
