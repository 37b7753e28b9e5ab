import { z } from 'zod';

/**
 * A record that was not added because it repeats one: `of` is the line of this file it repeats,
 * or "project" when the item was already in the project (`importedFrom` names the file it came
 * in with, when known). Listed in import summaries (`duplicateLines`).
 */
export const DuplicateLineSchema = z.object({
  line: z.number().int(),
  of: z.union([z.number().int(), z.literal('project')]),
  importedFrom: z.string().optional(),
});
export type DuplicateLine = z.infer<typeof DuplicateLineSchema>;

/** "line 40 repeats line 10", "line 7 is already in the project (imported from a.jsonl)". */
export function describeDuplicate(d: DuplicateLine): string {
  if (d.of !== 'project')
    return d.of === d.line
      ? `line ${d.line} holds the same item twice`
      : `line ${d.line} repeats line ${d.of}`;
  return `line ${d.line} is already in the project${d.importedFrom ? ` (imported from ${d.importedFrom})` : ''}`;
}
