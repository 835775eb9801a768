import {
  type ClientMessage,
  REALTIME_PATH,
  type ServerToClientMessage,
  ServerToClientMessageSchema,
} from '@tcpa/contracts';

export type RealtimeState = 'connecting' | 'open' | 'offline';

export interface RealtimeClientOptions {
  /** ws(s)://host of the server; the path is added. */
  url: string;
  /** The access token to authenticate with; `stale` is true after the server refused the last one. */
  getToken: (stale: boolean) => Promise<string | null>;
  createSocket?: (url: string) => WebSocket;
  /** Delay before reconnect attempt n (0-based). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

type Listener = (message: ServerToClientMessage) => void;

export const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/**
 * The dashboard's realtime connection: authenticates with the first message, subscribes to
 * projects (again after every reconnect), answers pings, and reconnects with backoff.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private lastCloseCode = 0;
  private timer: unknown = null;
  private stopped = true;
  private readonly projects = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(state: RealtimeState) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  /** Whether a connection was ready since start(): the next ready is a reconnect. */
  private wasReady = false;
  state: RealtimeState = 'offline';

  constructor(private readonly options: RealtimeClientOptions) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop() {
    this.stopped = true;
    this.wasReady = false;
    if (this.timer !== null) (this.options.clearTimer ?? clearTimeout)(this.timer as number);
    this.timer = null;
    this.socket?.close(1000);
    this.socket = null;
    this.setState('offline');
  }

  subscribe(projectId: string) {
    if (this.projects.has(projectId)) return;
    this.projects.add(projectId);
    if (this.state === 'open') this.send({ type: 'subscribe', projectId });
  }

  unsubscribe(projectId: string) {
    if (!this.projects.delete(projectId)) return;
    if (this.state === 'open') this.send({ type: 'unsubscribe', projectId });
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: RealtimeState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Called when the connection is ready again after it was lost: whatever changed meanwhile
   * was not pushed, so what a page shows must be fetched again.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private setState(state: RealtimeState) {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private send(message: ClientMessage) {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  private async connect() {
    if (this.stopped) return;
    this.setState('connecting');
    const token = await this.options.getToken(this.lastCloseCode === 4401).catch(() => null);
    if (this.stopped) return;
    if (!token) return this.scheduleReconnect();
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url));
    let socket: WebSocket;
    try {
      socket = create(`${this.options.url}${REALTIME_PATH}`);
    } catch {
      return this.scheduleReconnect();
    }
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token } satisfies ClientMessage));
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.lastCloseCode = event.code;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => undefined;
  }

  private receive(socket: WebSocket, data: unknown) {
    let parsed: ServerToClientMessage;
    try {
      const result = ServerToClientMessageSchema.safeParse(JSON.parse(String(data)));
      if (!result.success) return;
      parsed = result.data;
    } catch {
      return;
    }
    if (parsed.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong', id: parsed.id } satisfies ClientMessage));
      return;
    }
    if (parsed.type === 'ready') {
      this.attempt = 0;
      this.setState('open');
      for (const projectId of this.projects) this.send({ type: 'subscribe', projectId });
    }
    for (const listener of this.listeners) listener(parsed);
    if (parsed.type === 'ready') {
      if (this.wasReady) for (const listener of this.reconnectListeners) listener();
      this.wasReady = true;
    }
  }

  private scheduleReconnect() {
    if (this.stopped) return;
    this.setState('offline');
    const delay = (this.options.backoffMs ?? defaultBackoff)(this.attempt);
    this.attempt += 1;
    this.timer = (this.options.setTimer ?? setTimeout)(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }
}
