import { PGlite } from '@electric-sql/pglite';

const db = new PGlite();
await db.exec(`create role app nologin; create table t(id int, c text); alter table t enable row level security;
create policy p on t using (c = current_setting('request.jwt.claims', true)::jsonb->>'c');
grant select, insert on t to app; insert into t values (1,'a'),(2,'b');`);
await db.transaction(async (tx) => {
  await tx.query(`set local role app`);
  await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ c: 'a' })]);
  console.log((await tx.query('select * from t')).rows, (await tx.query('select current_user')).rows);
});
console.log((await db.query('select version()')).rows);
const dump = await db.dumpDataDir('none');
console.log('dump', dump.size);
const t0 = Date.now();
const db2 = new PGlite({ loadDataDir: dump });
await db2.waitReady;
console.log('load ms', Date.now() - t0, (await db2.query('select count(*) from t')).rows);
