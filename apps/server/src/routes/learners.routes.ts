import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAttendanceInput,
  ZCheckinCode,
  ZCheckinInput,
  ZCheckinResult,
  ZConductReport,
  ZConductReportInput,
  ZConductReportPage,
  ZConductReportRequestInput,
  ZConductReportRequestResult,
  ZConductReportsQuery,
  ZEnrolmentIdParams,
  ZEnrolmentProgress,
  ZGradeMatrix,
  ZGradesInput,
  ZGraduationInput,
  ZGraduationPreview,
  ZGraduationPreviewQuery,
  ZGraduationResult,
  ZIdParams,
  ZMakeUp,
  ZMakeUpInput,
  ZRecallInput,
  ZRecallResult,
  ZSessionAttendance,
  ZSessionIdParams,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as attendance from '../services/attendance.service.js';
import * as learners from '../services/learners.service.js';
import * as grades from '../services/grades.service.js';
import * as graduation from '../services/graduation.service.js';

/**
 * Following the learner: attendance and QR check-in, recalls and make-up study, progress, the home
 * agency's conduct reports, grades and graduation. Routes that several roles reach in different
 * ways (the agency or the school; the learner) declare the broadest fitting access and the service
 * decides who may act on which record (404 otherwise).
 */
export function learnersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ---------- attendance ----------
    app.get(
      '/api/v1/sessions/:id/attendance',
      {
        schema: {
          tags: ['learners'],
          summary: 'Điểm danh một buổi học (phòng đào tạo của lớp, giảng viên dạy buổi đó)',
          params: ZSessionIdParams,
          response: { 200: ZSessionAttendance },
        },
        config: { access: 'attendance.write' },
      },
      async (request) => attendance.getSessionAttendance(ctx.db, userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/sessions/:id/attendance',
      {
        schema: {
          tags: ['learners'],
          summary: 'Ghi điểm danh một buổi học',
          description:
            'Có mặt, vắng có phép, vắng không phép, được cơ quan triệu tập về. Buổi học chưa diễn ra (ngày sau hôm nay): 422 SESSION_NOT_HELD; ' +
            'học viên không thuộc lớp: 422 NOT_IN_CLASS, `details` nêu `marks.<i>.enrolmentId`; một học viên hai lần: 400 DUPLICATE_ENTRY. ' +
            'Học viên không có trong danh sách gửi lên giữ nguyên điểm danh cũ.',
          params: ZSessionIdParams,
          body: ZAttendanceInput,
          response: { 200: ZSessionAttendance },
        },
        config: { access: 'attendance.write' },
      },
      async (request) => attendance.markAttendance(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/sessions/:id/checkin-code',
      {
        schema: {
          tags: ['learners'],
          summary: 'Mã QR điểm danh của buổi học (đổi mỗi 5 phút, chỉ trong ngày học)',
          params: ZSessionIdParams,
          response: { 200: ZCheckinCode },
        },
        config: { access: 'attendance.write' },
      },
      async (request) => attendance.getCheckinCode(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/checkins',
      {
        schema: {
          tags: ['learners'],
          summary: 'Học viên tự điểm danh bằng mã QR (kể cả quét khi mất mạng, gửi lại sau)',
          description:
            'Chỉ tài khoản học viên, cho chính mình. `checkedInAt` là lúc điện thoại quét mã (có thể trước lúc gửi). ' +
            'Gửi lại cùng `clientId`: cùng kết quả, không ghi thêm. Mã sai, bị sửa hoặc không khớp thời gian buổi học: 422 CHECKIN_INVALID.',
          body: ZCheckinInput,
          response: { 200: ZCheckinResult },
        },
        config: { access: 'authenticated' },
      },
      async (request) => attendance.checkIn(ctx.db, userOf(request), request.body),
    );

    // ---------- recalls, make-up, progress ----------
    app.post(
      '/api/v1/enrolments/:id/recalls',
      {
        schema: {
          tags: ['learners'],
          summary: 'Cơ quan triệu tập học viên về (từ ngày, đến ngày, lý do); các buổi trong thời gian đó được ghi là được triệu tập về',
          description: 'Cơ quan cử đi học (quyền nominations.write, người trong phạm vi) hoặc phòng đào tạo của lớp. Thiếu ngày: 400 RECALL_DATES_REQUIRED.',
          params: ZEnrolmentIdParams,
          body: ZRecallInput,
          response: { 201: ZRecallResult },
        },
        config: { access: 'authenticated' },
      },
      async (request, reply) => reply.status(201).send(await learners.recordRecall(ctx.db, userOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/enrolments/:id/make-ups',
      {
        schema: {
          tags: ['learners'],
          summary: 'Ghi nhận học bổ sung một buổi học viên phải học bù (phòng đào tạo, giảng viên của buổi đó)',
          description: 'Buổi học không thuộc diện phải học bổ sung: 422 MAKE_UP_NOT_REQUIRED; đã ghi nhận rồi: 409 DUPLICATE.',
          params: ZEnrolmentIdParams,
          body: ZMakeUpInput,
          response: { 201: ZMakeUp },
        },
        config: { access: 'attendance.write' },
      },
      async (request, reply) => reply.status(201).send(await learners.recordMakeUp(ctx.db, userOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/enrolments/:id/progress',
      {
        schema: {
          tags: ['learners'],
          summary: 'Quá trình học của một học viên: điểm danh, học bổ sung, điểm, nhận xét của cơ quan, điều kiện dự thi, dự kiến tốt nghiệp',
          description: 'Phòng đào tạo của lớp, cơ quan cử đi học, giảng viên dạy lớp, chính học viên.',
          params: ZEnrolmentIdParams,
          response: { 200: ZEnrolmentProgress },
        },
        config: { access: 'authenticated' },
      },
      async (request) => learners.getProgress(ctx.db, userOf(request), request.params.id),
    );

    // ---------- conduct reports ----------
    app.post(
      '/api/v1/classes/:id/conduct-reports/request',
      {
        schema: {
          tags: ['learners'],
          summary: 'Đề nghị cơ quan cử đi học nhận xét học viên (mọi học viên chưa được đề nghị), hạn gửi',
          params: ZIdParams,
          body: ZConductReportRequestInput,
          response: { 200: ZConductReportRequestResult },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => learners.requestConductReports(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/conduct-reports',
      {
        schema: {
          tags: ['learners'],
          summary: 'Nhận xét của cơ quan: cơ quan thấy người của mình (việc còn nợ nhà trường), phòng đào tạo thấy lớp mình; đánh dấu quá hạn',
          querystring: ZConductReportsQuery,
          response: { 200: ZConductReportPage },
        },
        config: { access: 'classes.read' },
      },
      async (request) => learners.listConductReports(ctx.db, userOf(request), request.query),
    );
    app.put(
      '/api/v1/enrolments/:id/conduct-report',
      {
        schema: {
          tags: ['learners'],
          summary: 'Cơ quan gửi nhận xét học viên: ý thức, chấp hành kỷ luật, công tác trong thời gian học, kết luận',
          params: ZEnrolmentIdParams,
          body: ZConductReportInput,
          response: { 200: ZConductReport },
        },
        config: { access: 'conduct.write' },
      },
      async (request) => learners.fillConductReport(ctx.db, userOf(request), request.params.id, request.body),
    );

    // ---------- grades ----------
    app.get(
      '/api/v1/classes/:id/grades',
      {
        schema: { tags: ['learners'], summary: 'Bảng điểm của lớp (học viên × học phần, thi tốt nghiệp)', params: ZIdParams, response: { 200: ZGradeMatrix } },
        config: { access: 'grades.write' },
      },
      async (request) => grades.getGradeMatrix(ctx.db, userOf(request), request.params.id),
    );
    app.put(
      '/api/v1/classes/:id/grades',
      {
        schema: {
          tags: ['learners'],
          summary: 'Nhập điểm (giảng viên: học phần mình dạy; phòng đào tạo: mọi học phần và thi tốt nghiệp)',
          description:
            'Điểm ngoài thang hoặc sai bước chấm: 400, `details` nêu `grades.<i>.value` (GRADE_OUT_OF_SCALE, GRADE_NOT_ON_STEP). ' +
            'Học phần giảng viên không dạy: 403, `grades.<i>.moduleId` MODULE_NOT_TAUGHT. Học viên không thuộc lớp: 422 NOT_IN_CLASS. ' +
            '`value: null` xóa điểm. Cả lô ghi trong một giao dịch.',
          params: ZIdParams,
          body: ZGradesInput,
          response: { 200: ZGradeMatrix },
        },
        config: { access: 'grades.write' },
      },
      async (request) => grades.saveGrades(ctx.db, userOf(request), request.params.id, request.body),
    );

    // ---------- graduation ----------
    app.get(
      '/api/v1/classes/:id/graduation/preview',
      {
        schema: {
          tags: ['learners'],
          summary: 'Xem trước kết quả xét tốt nghiệp của lớp (từng học viên, từng điều kiện), không ghi gì',
          params: ZIdParams,
          querystring: ZGraduationPreviewQuery,
          response: { 200: ZGraduationPreview },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => graduation.previewGraduation(ctx.db, userOf(request), request.params.id, request.query.asOf),
    );
    app.post(
      '/api/v1/classes/:id/graduation',
      {
        schema: {
          tags: ['learners'],
          summary: 'Xét tốt nghiệp cả lớp: xếp loại, cấp văn bằng, chứng chỉ',
          description:
            'Còn học viên thiếu thông tin: 409 GRADUATION_PENDING, `details` nêu từng người và từng nội dung còn thiếu, không thay đổi gì. ' +
            'Lớp đã xét tốt nghiệp: 409 CLASS_FINISHED.',
          params: ZIdParams,
          body: ZGraduationInput,
          response: { 200: ZGraduationResult },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => graduation.graduateClass(ctx.db, userOf(request), request.params.id, request.body),
    );
  };
}
