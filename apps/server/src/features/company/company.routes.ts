import { CompanyNameSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';

const CompanyDetailSchema = z.strictObject({ id: z.string(), name: z.string(), createdAt: z.string() });

export const companyRoutes = [
  tenantRoute({
    method: 'patch',
    path: '/api/v1/company',
    summary: 'Rename your company',
    tags: ['company'],
    access: { kind: 'company', permission: 'company:write' },
    body: z.strictObject({ name: CompanyNameSchema }),
    response: CompanyDetailSchema,
    async handler({ tx, body, audit }) {
      const [row] = await tx.query<{ id: string; name: string; created_at: string }>(
        'update companies set name = $1 where id = app.company_id() returning id, name, created_at',
        [body.name],
      );
      if (!row) throw notFound('Company');
      await audit({ action: 'company.renamed', targetType: 'company', targetId: row.id, details: { name: row.name } });
      return { id: row.id, name: row.name, createdAt: row.created_at };
    },
  }),
];
