import { CloseCode, MESSAGE_BURST, MESSAGES_PER_SECOND, type SessionFrame } from '@tcpa/contracts';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import { TokenBucket } from './token-bucket.ts';

const MAX_INVALID_MESSAGES = 5;

declare const serialized: unique symbol;
/** A message already turned into JSON (to write one text to many sockets); it keeps its type. */
export type Serialized<Message> = string & { readonly [serialized]: Message };
export const serialize = <Message>(message: Message) => JSON.stringify(message) as Serialized<Message>;

type Heartbeat = Extract<SessionFrame, { type: 'ping' | 'pong' }>;
/** Both incoming unions hold ping and pong as the contract declares them (schema-checked before this). */
const isHeartbeat = (message: { type: string }): message is Heartbeat =>
  message.type === 'ping' || message.type === 'pong';

/**
 * What agent and client connections share: JSON framing validated by a zod schema, error
 * frames for bad input (a close after repeated bad input), a message rate limit (a close when it
 * is exceeded) and heartbeats both ways. What it sends is typed as strictly as what it receives:
 * `Outgoing` is the contract's union of the messages this side may send.
 */
export abstract class SocketSession<Incoming extends { type: string }, Outgoing extends { type: string }> {
  private invalidMessages = 0;
  private lastHeardAt = Date.now();
  private pingId = 0;
  private readonly rate = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND);
  /** Set once this side closes: what still arrives is not looked at. */
  private closing = false;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    private readonly schema: z.ZodType<Incoming>,
  ) {
    socket.on('message', (data, isBinary) => {
      if (this.closing) return;
      this.lastHeardAt = Date.now();
      if (!this.rate.take()) {
        // 200,000 frames in 5 s from one agent took another company's median request from 2 ms to 32 s.
        return this.close(CloseCode.tooManyMessages, `more than ${MESSAGES_PER_SECOND} messages a second`);
      }
      if (isBinary) return this.refuse('binary frames are not accepted: send JSON text');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return this.refuse('message is not valid JSON');
      }
      const result = this.schema.safeParse(parsed);
      if (!result.success) {
        const issue = result.error.issues[0];
        return this.refuse(
          `message refused: ${issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'invalid'}`,
        );
      }
      const message = result.data;
      if (isHeartbeat(message)) {
        if (message.type === 'ping') this.write({ type: 'pong', id: message.id });
        return;
      }
      this.handle(message);
    });
    socket.on('close', () => {
      this.closed = true;
      this.onClosed();
    });
    socket.on('error', () => undefined);
  }

  protected abstract handle(message: Incoming): void;
  protected abstract onClosed(): void;

  send(message: Outgoing) {
    this.write(message);
  }

  sendSerialized(json: Serialized<Outgoing>) {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(json);
  }

  private write(message: Outgoing | SessionFrame) {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string) {
    if (this.closed) return;
    this.closing = true;
    this.socket.close(code, reason.slice(0, 120));
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  /** Called by the hub's heartbeat timer: ping, or cut a peer that has been silent too long. */
  heartbeat(timeoutMs: number) {
    if (Date.now() - this.lastHeardAt > timeoutMs) {
      this.close(CloseCode.heartbeatTimeout, 'no heartbeat');
      return;
    }
    this.write({ type: 'ping', id: ++this.pingId });
  }

  protected refuse(message: string) {
    this.invalidMessages++;
    this.write({ type: 'error', code: 'bad_message', message });
    if (this.invalidMessages >= MAX_INVALID_MESSAGES) this.close(CloseCode.badRequest, 'too many invalid messages');
  }
}
