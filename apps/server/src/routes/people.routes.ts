import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAppraisalInput,
  ZAssignmentInput,
  ZAuditPage,
  ZIdParams,
  ZPage,
  ZPeopleCount,
  ZPeopleFilter,
  ZPeoplePage,
  ZPeopleQuery,
  ZPersonCreate,
  ZPersonDetail,
  ZPersonUpdate,
  ZPlanningInput,
  ZQualificationInput,
  ZSubRecordParams,
} from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import * as people from '../services/people.service.js';

const SUB_RECORDS = [
  { path: 'qualifications', body: ZQualificationInput, summary: 'Thêm trình độ' },
  { path: 'assignments', body: ZAssignmentInput, summary: 'Thêm quá trình công tác' },
  { path: 'planning-entries', body: ZPlanningInput, summary: 'Thêm quy hoạch' },
  { path: 'appraisals', body: ZAppraisalInput, summary: 'Thêm kết quả đánh giá, xếp loại' },
] as const;

export function peopleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/people',
      {
        schema: { tags: ['people'], summary: 'Danh sách, tìm kiếm, lọc hồ sơ', querystring: ZPeopleQuery, response: { 200: ZPeoplePage } },
        config: { access: 'people.read' },
        // the busiest read (decision 0059): the page is built field by field by toPersonListItem, typed
        // by the contract, so it is written as it is rather than re-checked against ZPeoplePage on every
        // request (people.int.test.ts checks answers against the contract)
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (request) => people.listPeople(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/people/count',
      {
        schema: {
          tags: ['people'],
          summary: 'Đếm chính xác số hồ sơ theo bộ lọc (danh sách chỉ đếm đến 1.000)',
          querystring: ZPeopleFilter,
          response: { 200: ZPeopleCount },
        },
        config: { access: 'people.read' },
      },
      async (request) => people.countPeople(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/people/:id',
      {
        schema: { tags: ['people'], summary: 'Hồ sơ cán bộ', params: ZIdParams, response: { 200: ZPersonDetail } },
        config: { access: 'people.read', policy: 'person.view' },
      },
      async (request) => people.getPerson(ctx.db, userOf(request), request.params.id),
    );
    app.post(
      '/api/v1/people',
      {
        schema: { tags: ['people'], summary: 'Thêm hồ sơ', body: ZPersonCreate, response: { 201: ZPersonDetail } },
        config: { access: 'people.write' },
      },
      async (request, reply) => reply.status(201).send(await people.createPerson(ctx.db, userOf(request), request.body)),
    );
    app.put(
      '/api/v1/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: 'Sửa hồ sơ (kèm version đã đọc)',
          params: ZIdParams,
          body: ZPersonUpdate,
          response: { 200: ZPersonDetail },
        },
        config: { access: 'people.write', policy: 'person.update' },
      },
      async (request) => people.updatePerson(ctx.db, userOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/people/:id/audit',
      {
        schema: {
          tags: ['people'],
          summary: 'Lịch sử thay đổi',
          params: ZIdParams,
          querystring: z.strictObject(ZPage),
          response: { 200: ZAuditPage },
        },
        config: { access: 'audit.read', policy: 'person.viewHistory' },
      },
      async (request) => people.listPersonAudit(ctx.db, userOf(request), request.params.id, request.query.limit, request.query.offset),
    );
    for (const sub of SUB_RECORDS) {
      app.post(
        `/api/v1/people/:id/${sub.path}`,
        {
          schema: { tags: ['people'], summary: sub.summary, params: ZIdParams, body: sub.body, response: { 201: ZPersonDetail } },
          config: { access: 'people.write', policy: 'person.update' },
        },
        async (request, reply) => {
          const detail = await people.addSubRecord(ctx.db, userOf(request), request.params.id, {
            kind: sub.path,
            input: request.body,
          } as Parameters<typeof people.addSubRecord>[3]);
          return reply.status(201).send(detail);
        },
      );
      app.delete(
        `/api/v1/people/:id/${sub.path}/:itemId`,
        {
          schema: { tags: ['people'], summary: `Xóa (${sub.path})`, params: ZSubRecordParams, response: { 200: ZPersonDetail } },
          config: { access: 'people.write', policy: 'person.update' },
        },
        async (request) => people.deleteSubRecord(ctx.db, userOf(request), request.params.id, sub.path, request.params.itemId),
      );
    }
  };
}
