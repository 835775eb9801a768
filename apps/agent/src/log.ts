/**
 * One readable line per event on stderr: `[tcpa-agent] connected to wss://…`. The long-running
 * `run` command adds an ISO timestamp. Never pass secrets (tokens, keys, assertions) here.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LogOptions {
  write?: (line: string) => void;
  timestamps?: boolean;
  now?: () => Date;
}

export function createLog(options: LogOptions = {}): Log {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const line = (level: string, message: string) => {
    const time = options.timestamps ? `${now().toISOString()} ` : '';
    write(`[tcpa-agent] ${time}${level}${message}\n`);
  };
  return {
    info: (message) => line('', message),
    warn: (message) => line('warning: ', message),
    error: (message) => line('error: ', message),
  };
}

/** The message of anything thrown, with the cause's code when there is one (ECONNREFUSED…). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message}: ${code ?? cause.message}`;
  }
  return error.message;
}
