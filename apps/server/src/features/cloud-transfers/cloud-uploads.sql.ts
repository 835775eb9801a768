import type { Queryable } from '@tcpa/db';

/**
 * The multipart uploads the control plane began for a transfer and the parts the runner said the
 * store took (migration 027). Service-only: the app role has no grant on these tables.
 */

export interface CloudUploadRow {
  id: string;
  key: string;
  object_key: string;
  upload_id: string;
  size_bytes: string;
  sha256_hex: string;
  part_size_bytes: string;
}

const UPLOAD_COLUMNS = 'id, key, object_key, upload_id, size_bytes, sha256_hex, part_size_bytes';

/** The open upload of this key in this transfer, locked until the transaction ends. */
export async function lockOpenUploadAsService(
  tx: Queryable,
  transferId: string,
  key: string,
): Promise<CloudUploadRow | undefined> {
  const [row] = await tx.query<CloudUploadRow>(
    `select ${UPLOAD_COLUMNS} from cloud_uploads where transfer_id = $1 and key = $2 and state = 'open' for update`,
    [transferId, key],
  );
  return row;
}

/** The open upload the agent names (key and upload id both must match). */
export async function openUploadAsService(
  tx: Queryable,
  transferId: string,
  key: string,
  uploadId: string,
): Promise<CloudUploadRow | undefined> {
  const [row] = await tx.query<CloudUploadRow>(
    `select ${UPLOAD_COLUMNS} from cloud_uploads
     where transfer_id = $1 and key = $2 and upload_id = $3 and state = 'open'`,
    [transferId, key, uploadId],
  );
  return row;
}

/** Whether this upload of the key was completed already (a completion told twice). */
export async function wasCompletedAsService(tx: Queryable, transferId: string, key: string, uploadId: string) {
  const [row] = await tx.query<{ id: string }>(
    `select id from cloud_uploads where transfer_id = $1 and key = $2 and upload_id = $3 and state = 'completed'`,
    [transferId, key, uploadId],
  );
  return row !== undefined;
}

/** Serialises the beginnings of one key's upload in one transfer (two requests at once begin one upload). */
export async function lockUploadKeyAsService(tx: Queryable, transferId: string, key: string) {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended('cloud_uploads:' || $1 || ':' || $2, 0))`, [
    transferId,
    key,
  ]);
}

export interface NewUpload {
  transferId: string;
  key: string;
  objectKey: string;
  uploadId: string;
  sizeBytes: number;
  sha256Hex: string;
  partSizeBytes: number;
}

export async function insertUploadAsService(tx: Queryable, upload: NewUpload) {
  await tx.query(
    `insert into cloud_uploads (transfer_id, company_id, project_id, key, object_key, upload_id, size_bytes, sha256_hex,
       part_size_bytes)
     select t.id, t.company_id, t.project_id, $2, $3, $4, $5, $6, $7 from transfers t where t.id = $1`,
    [
      upload.transferId,
      upload.key,
      upload.objectKey,
      upload.uploadId,
      upload.sizeBytes,
      upload.sha256Hex,
      upload.partSizeBytes,
    ],
  );
}

export async function setUploadStateAsService(tx: Queryable, id: string, state: 'completed' | 'aborted') {
  await tx.query(`update cloud_uploads set state = $2, updated_at = now() where id = $1`, [id, state]);
}

export interface StoredPart {
  partNumber: number;
  sizeBytes: number;
  etag: string;
  sha256Base64: string;
}

/** Stores parts; a part told twice keeps what was told first. Returns how many parts are stored now. */
export async function storePartsAsService(tx: Queryable, uploadRowId: string, parts: readonly StoredPart[]) {
  const [row] = await tx.query<{ stored: number }>(
    `with added as (
       insert into cloud_upload_parts (upload_id, company_id, project_id, part_number, size_bytes, etag, sha256_base64)
       select u.id, u.company_id, u.project_id, p.part_number, p.size_bytes, p.etag, p.sha256_base64
       from cloud_uploads u,
         unnest($2::int[], $3::bigint[], $4::text[], $5::text[]) as p(part_number, size_bytes, etag, sha256_base64)
       where u.id = $1
       on conflict (upload_id, part_number) do nothing
       returning 1)
     select (select count(*)::int from cloud_upload_parts where upload_id = $1) + (select count(*)::int from added)
       as stored`,
    [
      uploadRowId,
      parts.map((part) => part.partNumber),
      parts.map((part) => part.sizeBytes),
      parts.map((part) => part.etag),
      parts.map((part) => part.sha256Base64),
    ],
  );
  return row?.stored ?? 0;
}

export async function listPartsAsService(tx: Queryable, uploadRowId: string): Promise<StoredPart[]> {
  const rows = await tx.query<{ part_number: number; size_bytes: string; etag: string; sha256_base64: string }>(
    `select part_number, size_bytes, etag, sha256_base64 from cloud_upload_parts where upload_id = $1
     order by part_number`,
    [uploadRowId],
  );
  return rows.map((row) => ({
    partNumber: row.part_number,
    sizeBytes: Number(row.size_bytes),
    etag: row.etag,
    sha256Base64: row.sha256_base64,
  }));
}

/**
 * Open uploads of a transfer (to abort when it is canceled), marked aborted in the same statement,
 * with where they are (the location may be gone: null).
 */
export async function takeOpenUploadsAsService(
  tx: Queryable,
  transferId: string,
): Promise<Array<{ object_key: string; upload_id: string; project_id: string; location_id: string | null }>> {
  return tx.query(
    `update cloud_uploads u set state = 'aborted', updated_at = now()
     from transfers t
     where u.transfer_id = $1 and u.state = 'open' and t.id = u.transfer_id
     returning u.object_key, u.upload_id, t.project_id, t.destination_location_id as location_id`,
    [transferId],
  );
}
