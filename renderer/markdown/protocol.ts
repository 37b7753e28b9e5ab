import type { SafeTree } from './pipeline';

/** Messages between the page and the markdown worker. */
export interface RenderRequest {
  id: number;
  text: string;
}

export type RenderReply =
  { id: number; ok: true; tree: SafeTree } | { id: number; ok: false; reason: string };
