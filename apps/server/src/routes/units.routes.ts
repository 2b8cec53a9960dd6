import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZReference, ZUnitChildrenQuery, ZUnitDetail, ZUnitList } from '@nang-tam/contracts';
import { referenceRepo } from '@nang-tam/db';
import type { AppContext } from '../context.js';
import { userOf } from '../auth/plugin.js';
import { getUnit, listUnits } from '../services/units.service.js';

export function unitsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/units',
      {
        schema: { tags: ['units'], summary: 'Đơn vị con / tìm đơn vị', querystring: ZUnitChildrenQuery, response: { 200: ZUnitList } },
        config: { access: 'units.read' },
      },
      async (request) => listUnits(ctx.db, userOf(request), request.query),
    );
    app.get(
      '/api/v1/units/:id',
      {
        schema: { tags: ['units'], summary: 'Chi tiết đơn vị', params: ZIdParams, response: { 200: ZUnitDetail } },
        config: { access: 'units.read' },
      },
      async (request) => getUnit(ctx.db, userOf(request), request.params.id),
    );
    app.get(
      '/api/v1/reference',
      {
        schema: { tags: ['reference'], summary: 'Danh mục dùng chung', response: { 200: ZReference } },
        config: { access: 'authenticated' },
      },
      async () => referenceRepo.loadReference(ctx.db),
    );
  };
}
