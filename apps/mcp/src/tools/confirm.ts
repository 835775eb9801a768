import { z } from 'zod';
import { type ToolContext, ToolRefusal } from './tool-kit.ts';

/** Added to the input of every destructive tool. */
export const ConfirmField = z
  .boolean()
  .optional()
  .describe(
    'Set to true only after the person has agreed to this exact action. Clients that support elicitation ask the person themselves and do not need it.',
  );

/**
 * A destructive action goes ahead only with the person's say-so: asked through MCP elicitation
 * when the client supports it, otherwise given as `confirm: true` by the assistant.
 */
export async function requireConfirmation(context: ToolContext, confirm: boolean | undefined, question: string) {
  if (confirm === true) return;
  const capabilities = context.mcp.server.getClientCapabilities();
  if (!capabilities?.elicitation) {
    throw new ToolRefusal(
      `Confirmation needed: ${question} This cannot be undone. Ask the person, and if they agree call this tool again with "confirm": true.`,
    );
  }
  const answer = await context.mcp.server.elicitInput(
    {
      mode: 'form',
      message: `${question} This cannot be undone.`,
      requestedSchema: {
        type: 'object',
        properties: { confirm: { type: 'boolean', title: 'Yes, do it', description: question } },
        required: ['confirm'],
      },
    },
    { signal: context.signal },
  );
  if (answer.action !== 'accept' || answer.content?.confirm !== true) {
    throw new ToolRefusal(`Not done: the person did not confirm (${answer.action}). Nothing was changed.`);
  }
}
