/** The control plane under test, as its own process (`node --import tsx apps/server/src/main.ts`). */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type NodeChild, type SpawnOptions, spawnNodeScript } from './child-process.ts';

const MAIN = 'apps/server/src/main.ts';
const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 60_000;

export interface ServerOptions {
  databaseUrl: string;
  poolSize: number;
  /** More environment for the server (e.g. HEARTBEAT_SECONDS). */
  env?: Record<string, string>;
  /** Node flags, preloads and the open-files limit of the server process. */
  spawn?: Omit<SpawnOptions, 'ipc'>;
}

export interface ServerProcess {
  baseUrl: string;
  /** The server's node process, for /proc measurements and signals. */
  pid: number;
  /** Recent server output, for error messages. */
  tail(): string;
  /** SIGTERM (the server closes its sockets and pool), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** A port that was free a moment ago: the OS picks it for a throwaway listener on port 0. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((listening, fail) => {
    probe.once('error', fail);
    probe.listen(0, HOST, listening);
  });
  const address = probe.address();
  await new Promise<void>((closed) => probe.close(() => closed()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Spawns the server; `onSpawn` receives the child at once so the caller can register its cleanup. */
export async function startServerProcess(
  options: ServerOptions,
  onSpawn: (server: ServerProcess) => void,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnNodeScript(
    MAIN,
    {
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ...options.env,
    },
    options.spawn,
  );
  const server: ServerProcess = {
    baseUrl: `http://${HOST}:${port}`,
    pid: child.pid,
    tail: () => child.tail(),
    stop: (graceMs) => child.stop(graceMs),
  };
  onSpawn(server);
  await waitUntilHealthy(server.baseUrl, child);
  return server;
}

async function waitUntilHealthy(baseUrl: string, child: NodeChild): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let exit: number | string | undefined;
  void child.exited.then((code) => {
    exit = code;
  });
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`the server exited with ${exit} while starting:\n${child.tail()}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(
    `the server did not answer GET /api/v1/health with 200 within ${STARTUP_TIMEOUT_MS / 1000} s ` +
      `(last: ${lastProblem}):\n${child.tail()}`,
  );
}
