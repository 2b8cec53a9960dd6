import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZClassBoard,
  ZClassBoardQuery,
  ZClassLearnersBoard,
  ZIdParams,
  ZMyLearners,
  ZMyLearnersQuery,
  ZMyLearning,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { reportsDb } from '../database.js';
import { userOf } from '../auth/plugin.js';
import * as boards from '../services/boards.service.js';

/**
 * The views of issue 4 that read across learners: the registrar's class board (of a school year,
 * of one class), the agency officer's "my learners" and the learner's own learning. Read only.
 */
export function boardsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/classes/board',
      {
        schema: {
          tags: ['classes'],
          summary:
            'Bảng theo dõi các lớp của một năm học: sĩ số, chỗ trống, danh sách chờ, chuyên cần, nhận xét của cơ quan còn thiếu, điểm còn thiếu, số học viên đủ điều kiện dự thi',
          description:
            'Lớp học trong năm (lớp mở từ năm trước được đánh dấu chuyển tiếp). Ban Tổ chức Tỉnh ủy, Sở Nội vụ: mọi lớp; phòng đào tạo: lớp do đơn vị mình tổ chức; ' +
            'giảng viên: lớp mình dạy. Tỷ lệ chuyên cần, học bổ sung và điều kiện dự thi tính theo đúng quy tắc của trang quá trình học của từng học viên, đến hôm nay.',
          querystring: ZClassBoardQuery,
          response: { 200: ZClassBoard },
        },
        config: { access: 'classes.read' },
      },
      async (request) => boards.getClassBoard(reportsDb(ctx), userOf(request), request.query),
    );
    app.get(
      '/api/v1/classes/:id/board',
      {
        schema: {
          tags: ['classes'],
          summary:
            'Bảng theo dõi một lớp, từng học viên: chuyên cần, triệu tập, học bổ sung, nhận xét của cơ quan, điểm đã nhập và còn thiếu, điều kiện dự thi kèm giải thích',
          description: 'Lớp ngoài phạm vi theo dõi của bạn: 404.',
          params: ZIdParams,
          response: { 200: ZClassLearnersBoard },
        },
        config: { access: 'classes.read' },
      },
      async (request) => boards.getClassLearnersBoard(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/me/learners',
      {
        schema: {
          tags: ['learners'],
          summary:
            'Học viên của đơn vị tôi: đang ở lớp nào, đến bước duyệt nào hoặc thứ tự chờ, chuyên cần, triệu tập, học bổ sung; nhận xét đơn vị còn nợ cơ sở đào tạo',
          description: 'Người thuộc đơn vị (và đơn vị trực thuộc) của bạn đang được cử hoặc đang học ở một lớp chưa kết thúc.',
          querystring: ZMyLearnersQuery,
          response: { 200: ZMyLearners },
        },
        config: { access: 'nominations.write' },
      },
      async (request) => boards.listMyLearners(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/me/learning',
      {
        schema: {
          tags: ['learners'],
          summary: 'Việc học của tôi (học viên): lịch học, điểm danh từng buổi, điểm, điều kiện dự thi, tốt nghiệp, văn bằng, chứng chỉ',
          description: 'Chỉ tài khoản học viên gắn với hồ sơ cán bộ; tài khoản khác: 404.',
          response: { 200: ZMyLearning },
        },
        config: { access: 'authenticated' },
      },
      async (request) => boards.getMyLearning(ctx.db, userOf(request)),
    );
  };
}
