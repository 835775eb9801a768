import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { stopAndRemove, waitForReadyLine } from './server-process.ts';

/** Azure's own emulator (Azurite's blob service) in its own process, its data in a temporary folder. */
export interface LocalAzurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1`: the account's blob endpoint (path style). */
  blobEndpoint: string;
  accountName: string;
  accountKey: string;
  container: string;
  /** A ready client signed with the account key, as the control plane would hold it. */
  serviceClient: BlobServiceClient;
  /** The server's process (benchmarks read its CPU time). */
  pid: number;
  directory: string;
  /** Ends the process and removes the folder. */
  close(): Promise<void>;
}

// Azurite's one built-in account, published in its documentation.
const accountName = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const azuriteBlobMain = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');

export async function startLocalAzurite(container = 'tcpa-test'): Promise<LocalAzurite> {
  const directory = await mkdtemp(join(tmpdir(), 'tcpa-azurite-'));
  // Telemetry off: Azurite otherwise posts usage to Application Insights from every test run.
  const args = ['--blobHost', '127.0.0.1', '--blobPort', '0', '--location', directory];
  args.push('--silent', '--disableTelemetry', '--skipApiVersionCheck');
  const child = spawn(process.execPath, [azuriteBlobMain, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await waitForReadyLine(child, 'Azurite', (line) => {
      const listening = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      return listening ? Number(listening[1]) : undefined;
    });
    const blobEndpoint = `http://127.0.0.1:${port}/${accountName}`;
    const credential = new StorageSharedKeyCredential(accountName, accountKey);
    const serviceClient = new BlobServiceClient(blobEndpoint, credential);
    await serviceClient.getContainerClient(container).create();
    return {
      blobEndpoint,
      accountName,
      accountKey,
      container,
      serviceClient,
      directory,
      pid: child.pid ?? 0,
      close: () => stopAndRemove(child, directory),
    };
  } catch (error) {
    await stopAndRemove(child, directory);
    throw error;
  }
}
