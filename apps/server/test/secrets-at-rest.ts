import { createDecipheriv } from 'node:crypto';
import type { Database } from '@tcpa/db';
import type { JWK } from 'jose';

/** The documented format of a sealed secret: `v1.<iv>.<ciphertext>.<tag>`, AES-256-GCM, the row as associated data. */
export function openSealedJwk(secretKeyBase64: string, sealed: string, kid: string): JWK & { d: string } {
  const [format, iv, ciphertext, tag] = sealed.split('.') as [string, string, string, string];
  if (format !== 'v1') throw new Error(`not a sealed secret: ${sealed.slice(0, 20)}`);
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(secretKeyBase64, 'base64'), Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(`signing_keys:${kid}`))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

/** Every row of every table, as text. */
export async function everyRowAsText(database: Database): Promise<string> {
  return database.unsafeAsOwner(async (tx) => {
    const tables = await tx.query<{ name: string }>(
      `select quote_ident(table_name) as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const texts: string[] = [];
    for (const { name } of tables) {
      const rows = await tx.query<{ row: string }>(`select t::text as row from ${name} t`);
      texts.push(...rows.map((row) => row.row));
    }
    return texts.join('\n');
  });
}
