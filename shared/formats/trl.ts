import type { Message, Prompt } from '../domain/item';

/**
 * A conversation as one string for formats that only carry strings: each turn on its own,
 * labelled by role. A single user turn is just its text.
 */
export function promptToText(prompt: Prompt): string {
  if (typeof prompt === 'string') return prompt;
  if (prompt.length === 1 && prompt[0]!.role === 'user') return prompt[0]!.content;
  return prompt.map((m: Message) => `${roleLabel(m.role)}: ${m.content}`).join('\n\n');
}

function roleLabel(role: Message['role']): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
