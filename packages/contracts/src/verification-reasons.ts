/** Plain data, no zod: the web app's public verification page (in its entry chunk) imports it. */
/** Why a code is invalid. */
export const VERIFICATION_INVALID_REASONS = {
  malformed: { vi: 'Mã xác thực không đúng định dạng (có thể bị cắt mất hoặc gõ sai).', en: 'The code is malformed.' },
  signature: { vi: 'Chữ ký số không khớp: mã không do hệ thống cấp hoặc nội dung đã bị sửa.', en: 'The signature does not verify.' },
  unknown_number: { vi: 'Không có văn bằng, chứng chỉ nào mang số hiệu này.', en: 'No certificate has this number.' },
  mismatch: { vi: 'Thông tin trong mã khác với văn bằng, chứng chỉ đã cấp.', en: 'The code does not match the issued certificate.' },
} as const;
