import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZClassCreate,
  ZClassDetail,
  ZClassesQuery,
  ZClassModuleParams,
  ZClassPage,
  ZClassSession,
  ZClassSessionInput,
  ZClassSessionList,
  ZClassSessionParams,
  ZClassSessionUpdate,
  ZClassUpdate,
  ZIdParams,
  ZLecturer,
  ZLecturerCreate,
  ZLecturerPage,
  ZLecturersQuery,
  ZLecturerUpdate,
  ZModuleLecturersInput,
  ZMySessions,
  ZMySessionsQuery,
  ZProgrammeCatalogue,
  ZProgrammeCatalogueInput,
  ZProgrammeCodeParams,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as catalogue from '../services/catalogue.service.js';
import * as lecturers from '../services/lecturers.service.js';
import * as classes from '../services/classes.service.js';

/** The programme catalogue's teaching side, the lecturer pool, classes, module lecturers and sessions. */
export function classesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // ---------- programme catalogue ----------
    app.get(
      '/api/v1/programmes/:code/catalogue',
      {
        schema: {
          tags: ['classes'],
          summary: 'Danh mục chương trình: thời gian, học phần và số tiết, thang điểm, điều kiện tốt nghiệp, cơ quan duyệt cử',
          params: ZProgrammeCodeParams,
          response: { 200: ZProgrammeCatalogue },
        },
        config: { access: 'classes.read' },
      },
      async (request) => catalogue.getProgrammeCatalogue(ctx.db, request.params.code),
    );
    app.put(
      '/api/v1/programmes/:code/catalogue',
      {
        schema: {
          tags: ['classes'],
          summary: 'Sửa danh mục chương trình (Ban Tổ chức Tỉnh ủy)',
          description:
            'Thay toàn bộ: học phần (mã không trùng, số tiết > 0), thang điểm (điểm đạt nằm trong thang, các mức xếp loại xếp từ cao xuống thấp, trong thang, không thấp hơn điểm đạt), ' +
            'điều kiện tốt nghiệp, cơ quan duyệt cử. Lớp đã mở giữ nguyên bản sao của mình.',
          params: ZProgrammeCodeParams,
          body: ZProgrammeCatalogueInput,
          response: { 200: ZProgrammeCatalogue },
        },
        config: { access: 'rules.write' },
      },
      async (request) => catalogue.updateProgrammeCatalogue(ctx.db, userOf(request), request.params.code, request.body),
    );

    // ---------- lecturers ----------
    app.get(
      '/api/v1/lecturers',
      {
        schema: {
          tags: ['classes'],
          summary: 'Giảng viên, giảng viên thỉnh giảng, báo cáo viên (tìm theo tên, không cần gõ dấu)',
          querystring: ZLecturersQuery,
          response: { 200: ZLecturerPage },
        },
        config: { access: 'classes.read' },
      },
      async (request) => lecturers.listLecturers(ctx.db, request.query),
    );
    app.get(
      '/api/v1/lecturers/:id',
      {
        schema: { tags: ['classes'], summary: 'Một giảng viên', params: ZIdParams, response: { 200: ZLecturer } },
        config: { access: 'classes.read' },
      },
      async (request) => lecturers.getLecturer(ctx.db, request.params.id),
    );
    app.post(
      '/api/v1/lecturers',
      {
        schema: { tags: ['classes'], summary: 'Thêm giảng viên vào danh sách', body: ZLecturerCreate, response: { 201: ZLecturer } },
        config: { access: 'classes.manage' },
      },
      async (request, reply) => reply.status(201).send(await lecturers.createLecturer(ctx.db, userOf(request), request.body)),
    );
    app.patch(
      '/api/v1/lecturers/:id',
      {
        schema: {
          tags: ['classes'],
          summary: 'Sửa thông tin giảng viên',
          params: ZIdParams,
          body: ZLecturerUpdate,
          response: { 200: ZLecturer },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => lecturers.updateLecturer(ctx.db, userOf(request), request.params.id, request.body),
    );

    // ---------- classes ----------
    app.get(
      '/api/v1/classes',
      {
        schema: {
          tags: ['classes'],
          summary: 'Danh sách lớp (theo năm: lớp mở từ năm trước còn học trong năm được đánh dấu chuyển tiếp)',
          querystring: ZClassesQuery,
          response: { 200: ZClassPage },
        },
        config: { access: 'classes.read' },
      },
      async (request) => classes.listClasses(ctx.db, request.query),
    );
    app.post(
      '/api/v1/classes',
      {
        schema: {
          tags: ['classes'],
          summary: 'Mở lớp (học phần lấy từ danh mục chương trình; thang điểm và điều kiện tốt nghiệp được sao lại)',
          body: ZClassCreate,
          response: { 201: ZClassDetail },
        },
        config: { access: 'classes.manage' },
      },
      async (request, reply) => reply.status(201).send(await classes.createClass(ctx.db, userOf(request), request.body)),
    );
    app.get(
      '/api/v1/classes/:id',
      {
        schema: {
          tags: ['classes'],
          summary: 'Một lớp: học phần, giảng viên và số tiết, số học viên giữ chỗ và chờ',
          params: ZIdParams,
          response: { 200: ZClassDetail },
        },
        config: { access: 'classes.read' },
      },
      async (request) => classes.getClass(ctx.db, request.params.id),
    );
    app.patch(
      '/api/v1/classes/:id',
      {
        schema: {
          tags: ['classes'],
          summary: 'Sửa lớp (kèm version đã đọc); chỉ tiêu không ít hơn số đã giữ chỗ',
          params: ZIdParams,
          body: ZClassUpdate,
          response: { 200: ZClassDetail },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => classes.updateClass(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.put(
      '/api/v1/classes/:id/modules/:moduleId/lecturers',
      {
        schema: {
          tags: ['classes'],
          summary: 'Phân công giảng viên và số tiết cho một học phần của lớp',
          params: ZClassModuleParams,
          body: ZModuleLecturersInput,
          response: { 200: ZClassDetail },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => classes.setModuleLecturers(ctx.db, userOf(request), request.params.id, request.params.moduleId, request.body),
    );

    // ---------- sessions ----------
    app.get(
      '/api/v1/classes/:id/sessions',
      {
        schema: { tags: ['classes'], summary: 'Lịch học của lớp', params: ZIdParams, response: { 200: ZClassSessionList } },
        config: { access: 'classes.read' },
      },
      async (request) => classes.listClassSessions(ctx.db, request.params.id),
    );
    app.post(
      '/api/v1/classes/:id/sessions',
      {
        schema: {
          tags: ['classes'],
          summary: 'Thêm buổi học, đi thực tế hoặc thi',
          description:
            'Trùng phòng hoặc trùng giảng viên (cùng ngày, giờ giao nhau, ở bất kỳ lớp nào) → 409, thông báo nêu lớp và giờ đã xếp.',
          params: ZIdParams,
          body: ZClassSessionInput,
          response: { 201: ZClassSession },
        },
        config: { access: 'classes.manage' },
      },
      async (request, reply) =>
        reply.status(201).send(await classes.createSession(ctx.db, userOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/v1/classes/:id/sessions/:sessionId',
      {
        schema: {
          tags: ['classes'],
          summary: 'Sửa buổi học',
          params: ZClassSessionParams,
          body: ZClassSessionUpdate,
          response: { 200: ZClassSession },
        },
        config: { access: 'classes.manage' },
      },
      async (request) => classes.updateSession(ctx.db, userOf(request), request.params.id, request.params.sessionId, request.body),
    );
    app.delete(
      '/api/v1/classes/:id/sessions/:sessionId',
      {
        schema: { tags: ['classes'], summary: 'Xóa buổi học chưa điểm danh', params: ZClassSessionParams, response: { 204: z.null() } },
        config: { access: 'classes.manage' },
      },
      async (request, reply) => {
        await classes.deleteSession(ctx.db, userOf(request), request.params.id, request.params.sessionId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/me/sessions',
      {
        schema: {
          tags: ['classes'],
          summary: 'Lịch giảng của tôi (giảng viên)',
          querystring: ZMySessionsQuery,
          response: { 200: ZMySessions },
        },
        config: { access: 'classes.read' },
      },
      async (request) => classes.listMySessions(ctx.db, userOf(request), request.query),
    );
  };
}
