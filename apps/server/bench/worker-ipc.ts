/**
 * Worker processes driven over the Node IPC channel: the orchestrator side (startWorker) and the
 * worker side (connectToParent). Every message is validated with zod where it arrives.
 */
import type { z } from 'zod';
import { type NodeChild, type SpawnOptions, spawnNodeScript } from './child-process.ts';
import type { Cleanup } from './cleanup.ts';

type Typed = { type: string };

export interface Worker<In extends Typed, Out extends Typed> {
  readonly name: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal) once the worker has exited. */
  readonly exited: Promise<number | string>;
  send(message: In): void;
  /** The next message of this type (earlier ones are queued), or a rejection if the worker exits or times out. */
  next<Type extends Out['type']>(type: Type, timeoutMs: number): Promise<Extract<Out, { type: Type }>>;
  /** Called for every message as it arrives (e.g. progress). */
  onMessage(listener: (message: Out) => void): void;
  /** Asks nothing: SIGTERM, SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  tail(): string;
}

/** Spawns `script` with an IPC channel; its stop is registered with `cleanup` until it exits. */
export function startWorker<In extends Typed, Out extends Typed>(
  script: string,
  name: string,
  schema: z.ZodType<Out>,
  cleanup: Cleanup,
  options: Omit<SpawnOptions, 'ipc'> = {},
): Worker<In, Out> {
  const child: NodeChild = spawnNodeScript(script, {}, { ...options, ipc: true });
  const unregister = cleanup.add(`stop the ${name}`, () => child.stop());
  void child.exited.then(unregister);

  const queued = new Map<string, Out[]>();
  const waiters = new Map<string, Array<(message: Out) => void>>();
  const listeners: Array<(message: Out) => void> = [];
  let failure: Error | undefined;
  const failed = new Set<(error: Error) => void>();
  const fail = (error: Error) => {
    failure ??= error;
    for (const reject of failed) reject(failure);
  };

  child.process.on('message', (raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      fail(new Error(`the ${name} sent an unexpected message: ${parsed.error.message}`));
      return;
    }
    const message = parsed.data;
    for (const listener of listeners) listener(message);
    const waiting = waiters.get(message.type);
    const resolve = waiting?.shift();
    if (resolve) resolve(message);
    else queued.set(message.type, [...(queued.get(message.type) ?? []), message]);
  });
  void child.exited.then((exit) => fail(new Error(`the ${name} exited with ${exit}:\n${child.tail()}`)));

  return {
    name,
    pid: child.pid,
    exited: child.exited,
    send(message) {
      if (child.process.connected) child.process.send(message);
    },
    next(type, timeoutMs) {
      const early = queued.get(type)?.shift();
      if (early) return Promise.resolve(early as Extract<Out, { type: typeof type }>);
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const settle = () => {
          clearTimeout(timer);
          failed.delete(onFailure);
        };
        const onFailure = (error: Error) => {
          settle();
          reject(error);
        };
        const timer = setTimeout(
          () => onFailure(new Error(`the ${name} sent no ${type} within ${timeoutMs / 1000} s:\n${child.tail()}`)),
          timeoutMs,
        );
        failed.add(onFailure);
        waiters.set(type, [
          ...(waiters.get(type) ?? []),
          (message) => {
            settle();
            resolve(message as Extract<Out, { type: typeof type }>);
          },
        ]);
      });
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    stop: (graceMs) => child.stop(graceMs),
    tail: () => child.tail(),
  };
}

/**
 * The worker side: handles each message from the parent in order (a handler that throws ends
 * the worker with exit code 1), and exits when the parent goes away, so that no worker outlives
 * an orchestrator that was killed.
 */
export function connectToParent<In extends Typed, Out extends Typed>(
  schema: z.ZodType<In>,
  handle: (message: In) => Promise<void> | void,
): { send(message: Out): void } {
  if (!process.send) throw new Error('this script is a bench worker: it runs as a child with an IPC channel');
  let queue = Promise.resolve();
  process.on('message', (raw: unknown) => {
    queue = queue.then(async () => {
      try {
        await handle(schema.parse(raw));
      } catch (error) {
        console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        process.exit(1);
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
  return {
    send(message) {
      if (process.connected) process.send?.(message);
    },
  };
}
