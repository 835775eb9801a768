import { randomUUID } from 'node:crypto';
import { ServerToAgentMessageSchema, ServerToClientMessageSchema } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentSession } from '../src/features/realtime/agent-session.ts';
import type { ClientSession } from '../src/features/realtime/client-session.ts';
import { type Serialized, serialize } from '../src/features/realtime/socket-session.ts';

type ToAgent = Parameters<AgentSession['send']>[0];
type ToClient = Parameters<ClientSession['send']>[0];
type BroadcastToClient = Parameters<ClientSession['sendSerialized']>[0];

/**
 * What a session sends is the contract's outgoing union: what does not compile here is also what
 * the peer's schema would refuse on the wire.
 */
describe('messages the server sends on its sockets', () => {
  const config = { telemetryIntervalMs: 1000, planId: 'free' };

  it('to an agent: only the contract’s messages and commands, with their arguments', () => {
    const hello: ToAgent = { type: 'hello', agentId: randomUUID(), status: 'active', config };
    expect(ServerToAgentMessageSchema.safeParse(hello).success).toBe(true);
    // @ts-expect-error: a misspelt message type does not compile
    const misspelt: ToAgent = { type: 'helo', agentId: randomUUID(), status: 'active', config };
    expect(ServerToAgentMessageSchema.safeParse(misspelt).success).toBe(false);
    const args = { transferId: randomUUID(), attempt: 1 };
    const commandId = { name: 'transfer.restart' };
    // @ts-expect-error: a command the agent does not know does not compile
    const unknownCommand: ToAgent = { type: 'command', commandId, name: 'transfer.restart', args };
    expect(ServerToAgentMessageSchema.safeParse(unknownCommand).success).toBe(false);
    const transferId = randomUUID();
    const missingAttempt: ToAgent = {
      type: 'command',
      commandId: { name: 'transfer.pause', transferId },
      name: 'transfer.pause',
      // @ts-expect-error: a command without its arguments does not compile
      args: { transferId },
    };
    expect(ServerToAgentMessageSchema.safeParse(missingAttempt).success).toBe(false);
  });

  it('to a dashboard: only server → client messages, sent one by one or serialized once for many', () => {
    const projectId = randomUUID();
    // @ts-expect-error: what a client sends is not what the server sends it
    const wrongWay: ToClient = { type: 'subscribe', projectId };
    expect(ServerToClientMessageSchema.safeParse(wrongWay).success).toBe(false);
    const unsubscribed: ToClient = { type: 'unsubscribed', projectId };
    expect(ServerToClientMessageSchema.safeParse(unsubscribed).success).toBe(true);
    const broadcast: BroadcastToClient = serialize(unsubscribed);
    expect(ServerToClientMessageSchema.parse(JSON.parse(broadcast))).toEqual(unsubscribed);
    const toAgent: Serialized<ToAgent> = serialize<ToAgent>({ type: 'transfer_ack', seq: 1 });
    // @ts-expect-error: a message serialized for an agent cannot go to a dashboard
    const crossed: BroadcastToClient = toAgent;
    expect(ServerToClientMessageSchema.safeParse(JSON.parse(crossed)).success).toBe(false);
  });
});
