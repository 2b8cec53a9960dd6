import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.js';
import { registerAuth } from './auth/plugin.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { webAppStaticOptions } from './http/static-assets.js';
import { validatorCompiler } from './http/validation.js';
import { authRoutes, rateLimitError } from './routes/auth.routes.js';
import { unitsRoutes } from './routes/units.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { jobsRoutes } from './routes/jobs.routes.js';
import { rulesRoutes } from './routes/rules.routes.js';
import { catalogueRoutes } from './routes/catalogue.routes.js';
import { eligibilityRoutes } from './routes/eligibility.routes.js';
import { nominationsRoutes } from './routes/nominations.routes.js';
import { outsideTrainingsRoutes } from './routes/outside-trainings.routes.js';
import { reimbursementRoutes } from './routes/reimbursement.routes.js';
import { budgetsRoutes } from './routes/budgets.routes.js';
import { supportRoutes } from './routes/support.routes.js';
import { feedbackRoutes } from './routes/feedback.routes.js';
// official statistical reports (issue 10 point 3, decision 0048)
import { reportsRoutes } from './routes/reports.routes.js';
import { evaluationResultsRoutes } from './routes/evaluation-results.routes.js';
import { indicatorsRoutes } from './routes/indicators.routes.js';
// the statistics' "young" age limit as a setting with a screen (indicators-speed, decision 0057)
import { statisticsSettingsRoutes } from './routes/statistics-settings.routes.js';
import { needsRoutes } from './routes/needs.routes.js';
import { classesRoutes } from './routes/classes.routes.js';
import { certificatesRoutes } from './routes/certificates.routes.js';
import { learnersRoutes } from './routes/learners.routes.js';
import { notificationsRoutes } from './routes/notifications.routes.js';
import { boardsRoutes } from './routes/boards.routes.js';
import { plansRoutes } from './routes/plans.routes.js';
import { statisticsRoutes } from './routes/statistics.routes.js';
import { calendarRoutes } from './routes/calendar.routes.js';
import { documentsRoutes } from './routes/documents.routes.js';

/** Request logs carry the method and path only: query strings hold names, so they stay out. */
const logSerializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
};

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel, serializers: logSerializers },
    bodyLimit: 1024 * 1024,
    // behind nginx/HAProxy the client's address is the one the listed proxies forward (login limit, logs)
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, ctx.config.webDist);
  registerSecurityHeaders(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler', errorResponseBuilder: rateLimitError });
  await app.register(multipart, { limits: { fileSize: ctx.config.importMaxBytes, files: 1, fields: 5 }, throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Nâng Tầm API', version: '1.0.0', description: 'Quản lý đào tạo, bồi dưỡng cán bộ, công chức, viên chức' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'nt_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, ctx.db, ctx.config.sessionCacheSeconds);

  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) } },
      config: { access: 'public' },
    },
    async () => {
      await ctx.db.query('SELECT 1');
      return { status: 'ok' as const, db: ctx.db.kind };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  await app.register(authRoutes(ctx));
  await app.register(unitsRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(jobsRoutes(ctx));
  await app.register(rulesRoutes(ctx));
  await app.register(catalogueRoutes(ctx));
  await app.register(eligibilityRoutes(ctx));
  await app.register(nominationsRoutes(ctx));
  await app.register(outsideTrainingsRoutes(ctx));
  await app.register(reimbursementRoutes(ctx));
  await app.register(budgetsRoutes(ctx));
  await app.register(supportRoutes(ctx));
  await app.register(feedbackRoutes(ctx));
  // official statistical reports (issue 10 point 3, decision 0048)
  await app.register(reportsRoutes(ctx));
  await app.register(evaluationResultsRoutes(ctx));
  await app.register(indicatorsRoutes(ctx));
  // the statistics' "young" age limit (indicators-speed, decision 0057)
  await app.register(statisticsSettingsRoutes(ctx));
  await app.register(classesRoutes(ctx));
  await app.register(certificatesRoutes(ctx));
  await app.register(learnersRoutes(ctx));
  await app.register(boardsRoutes(ctx));
  await app.register(needsRoutes(ctx));
  await app.register(plansRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(documentsRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(statisticsRoutes(ctx));

  if (existsSync(join(ctx.config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, webAppStaticOptions(ctx.config.webDist));
  }
  return app;
}
