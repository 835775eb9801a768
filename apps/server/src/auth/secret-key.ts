import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensurePrivateFolder } from '@tcpa/db';
import { type Config, ConfigError, SECRET_KEY_PATTERN } from '../config/env.ts';

export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE_NAME = 'secret.key';

/**
 * Where the key that encrypts secrets at rest comes from: `TCPA_SECRET_KEY`, or else a key
 * file in `TCPA_DATA_DIR`, made on first start. It is never stored in the database.
 */
export interface SecretKeySource {
  /** Names the source in messages. */
  readonly description: string;
  /** The key, or undefined when there is none yet. */
  read(): Promise<Buffer | undefined>;
  /** Makes a new key (only when the database holds nothing sealed with another one). */
  create(): Promise<Buffer>;
}

export function secretKeySourceOf(config: Config): SecretKeySource {
  const fromEnv = config.TCPA_SECRET_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    return {
      description: 'TCPA_SECRET_KEY',
      read: async () => key,
      create: async () => key,
    };
  }
  const dir = resolve(config.TCPA_DATA_DIR);
  return keyFileSource(join(dir, SECRET_KEY_FILE_NAME), dir);
}

function keyFileSource(path: string, dir: string): SecretKeySource {
  const source: SecretKeySource = {
    description: `the key file ${path}`,
    async read() {
      await ensurePrivateFolder(dir);
      let text: string;
      try {
        text = (await readFile(path, 'utf8')).trim();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (!SECRET_KEY_PATTERN.test(text)) {
        throw new ConfigError(
          `The key file ${path} does not hold a key (32 random bytes in base64, 44 characters): restore it from a backup`,
        );
      }
      return Buffer.from(text, 'base64');
    },
    async create() {
      const key = randomBytes(SECRET_KEY_BYTES);
      try {
        await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
        return key;
      } catch (error) {
        // Another server sharing this folder made it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const theirs = await source.read();
        if (!theirs) throw error;
        return theirs;
      }
    },
  };
  return source;
}
