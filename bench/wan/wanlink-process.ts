/** The wanlink C process: started with its namespaces and settings, driven one command line at a time. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PipeStats {
  /** Packets (and their IP bytes) delivered to the far side. */
  packets: number;
  bytes: number;
  /** Dropped by the random loss, by the full queue, and because the emulator's own memory was full. */
  lossDrops: number;
  queueDrops: number;
  overflowDrops: number;
  /** Packets queued or propagating right now. */
  inFlight: number;
}

/** Per direction: `ab` carries what namespace A sends to B, `ba` the reverse. */
export interface WanLinkStats {
  ab: PipeStats;
  ba: PipeStats;
}

export class WanlinkProcess {
  readonly #child: ChildProcess;
  readonly #waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  #stderr = '';
  #exited: Error | undefined;
  readonly exited: Promise<void>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-2000);
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) =>
      this.#waiting.shift()?.resolve(line),
    );
    this.exited = new Promise((resolve) => {
      const fail = (error: Error) => {
        this.#exited ??= error;
        for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
        resolve();
      };
      child.once('error', (error) => fail(new Error(`wanlink could not run: ${error.message}`)));
      child.once('close', (code, signal) =>
        fail(new Error(`wanlink exited (${signal ?? `code ${code}`}): ${this.#stderr.trim()}`)),
      );
    });
    // A write after the process died reports through 'exit' above.
    child.stdin?.on('error', () => undefined);
  }

  /** Starts wanlink and waits for its "ready" line (its TUN devices exist then). */
  static async start(binary: string, args: readonly string[]): Promise<WanlinkProcess> {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const process = new WanlinkProcess(child);
    const first = await process.#nextLine();
    if (first !== 'ready') throw new Error(`wanlink did not start: ${first}`);
    return process;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  #nextLine(): Promise<string> {
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Sends one command; resolves with the text after "ok", rejects with wanlink's error line. */
  async command(line: string): Promise<string> {
    const reply = this.#nextLine();
    this.#child.stdin?.write(`${line}\n`);
    const text = await reply;
    if (text === 'ok' || text.startsWith('ok ')) return text.slice(3);
    throw new Error(`wanlink rejected "${line}": ${text}`);
  }

  async stats(): Promise<WanLinkStats> {
    return JSON.parse(await this.command('stats')) as WanLinkStats;
  }

  /** Closes its stdin (it exits on EOF); SIGKILL if it has not gone within a second. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    this.#child.stdin?.end();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 1000);
    await this.exited;
    clearTimeout(timer);
  }

  killSync(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }
}
