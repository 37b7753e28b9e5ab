import { z } from 'zod';

/** One turn of a chat conversation, in the OpenAI message shape (system and tool turns included). */
export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z.array(z.unknown()).optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/** A prompt is a plain string or a conversation. */
export const PromptSchema = z.union([z.string(), z.array(MessageSchema).min(1)]);
export type Prompt = z.infer<typeof PromptSchema>;

/** A plain-JSON object as stored in metadata columns. */
export const MetadataSchema = z.record(z.string(), z.unknown());
export type Metadata = z.infer<typeof MetadataSchema>;

/** A response as an importer produces it, in source order. */
export interface ResponseInput {
  model: string | null;
  content: string;
  metadata: Metadata | null;
}

/** An item as an importer produces it, before it is stored. */
export interface ItemInput {
  /** The id the item had in its source file, or null (the content hash then names it). */
  sourceId: string | null;
  prompt: Prompt;
  responses: ResponseInput[];
  metadata: Metadata | null;
}

/** The minimum number of responses an item needs to be judged. */
export const MIN_RESPONSES = 2;
