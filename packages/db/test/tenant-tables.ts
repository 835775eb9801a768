import { APP_ROLE, type Queryable } from '../src/index.ts';

/** A table that holds tenant rows, and what the application role may do with it, from the catalogue. */
export interface TenantTable {
  name: string;
  /** company_id and/or project_id. */
  tenantColumns: string[];
  rowSecurity: boolean;
  /** Columns the application role may read, insert (identity columns left out), update. */
  readable: string[];
  insertable: string[];
  updatable: string[];
  deletable: boolean;
}

const TENANT_COLUMNS = ['company_id', 'project_id'];

/** Every table (partitions included) in schema public with a company_id or project_id column. */
export async function listTenantTables(owner: Queryable): Promise<TenantTable[]> {
  return owner.query<TenantTable>(
    `select c.relname as name,
       c.relrowsecurity as "rowSecurity",
       coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attname = any($2::name[])), '{}')
         as "tenantColumns",
       coalesce(array_agg(a.attname::text order by a.attnum)
         filter (where has_column_privilege($1::name, c.oid, a.attnum, 'SELECT')), '{}') as readable,
       coalesce(array_agg(a.attname::text order by a.attnum)
         filter (where has_column_privilege($1::name, c.oid, a.attnum, 'INSERT')
           and a.attidentity = '' and a.attgenerated = ''), '{}') as insertable,
       coalesce(array_agg(a.attname::text order by a.attnum)
         filter (where has_column_privilege($1::name, c.oid, a.attnum, 'UPDATE')), '{}') as updatable,
       has_table_privilege($1::name, c.oid, 'DELETE') as deletable
     from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     group by c.oid, c.relname, c.relrowsecurity
     having bool_or(a.attname = any($2::name[]))
     order by c.relname`,
    [APP_ROLE, TENANT_COLUMNS],
  );
}

/** Whether the application role can touch the table at all. */
export function isReachable(table: TenantTable): boolean {
  return table.readable.length > 0 || table.insertable.length > 0 || table.updatable.length > 0 || table.deletable;
}

/** `where` clause matching one tenant's rows, with its parameter ($1). */
export function tenantFilter(
  table: TenantTable,
  tenant: { companyId: string; projectId: string },
): { where: string; values: string[] } {
  return table.tenantColumns.includes('company_id')
    ? { where: 'company_id = $1', values: [tenant.companyId] }
    : { where: 'project_id = $1', values: [tenant.projectId] };
}
