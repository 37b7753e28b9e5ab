import { z } from 'zod';
import { JudgmentKindSchema, OutcomeSchema } from '../domain/judgment';
import { ShownSuggestionSchema } from '../judges/judge';
import { locateJsonError } from './json-error';
import { RecordError } from './record-error';

/**
 * The annotation file: what a labeller sends back to the lead (a stable interface, documented in
 * docs/annotation-format.md). Versioned JSONL: the first line is a header
 * `{format, version, project, labeller}`, every other line one judgment revision exactly as
 * stored (response indices, never display positions), with the ids and times the labeller's
 * machine gave it, so merging is a set union; the last line is the end line
 * `{"end": true, "lines": N}`, so a file cut short is told from a whole one
 * (shared/formats/annotation-file.ts reads a file line by line with these rules).
 *
 * Version rules: a reader refuses a file whose version is newer than it knows; fields may be
 * added within a version (readers ignore unknown fields), never removed or re-meant.
 */
export const ANNOTATION_FORMAT = 'rankwise-annotations';
export const ANNOTATION_VERSION = 1;

const Id = z.string().min(1).max(200);
const Index = z.number().int().nonnegative();

export const AnnotationHeaderSchema = z.object({
  format: z.literal(ANNOTATION_FORMAT),
  version: z.number().int().min(1),
  project: z.object({ id: z.string(), name: z.string().optional() }),
  labeller: z.object({ id: Id, name: z.string().min(1).max(200) }),
  createdAt: z.number().int().optional(),
  /** The writing app, for support ("rankwise 0.1.0"). */
  generator: z.string().optional(),
  /**
   * The writer ends the file with an end line. Files from before the end line have no such
   * field: that is how a reader tells an earlier Rankwise's file (merged, with a warning) from
   * a newer file that lost its end (refused as truncated).
   */
  endLine: z.boolean().optional(),
});
export type AnnotationHeader = z.infer<typeof AnnotationHeaderSchema>;

/** One judgment revision, or (with `repeatId`) the answer to a swapped repeat. */
export const AnnotationLineSchema = z
  .object({
    id: Id,
    itemId: Id,
    /** The item's content hash where the writer knew it: a merge refuses a judgment of other content. */
    itemHash: z.string().optional(),
    labellerId: Id,
    /** Position in the labeller's chain of revisions for the item (absent on repeat answers). */
    revision: z.number().int().min(1).nullable().default(null),
    supersedes: Id.nullable().default(null),
    repeatId: Id.nullable().default(null),
    kind: JudgmentKindSchema,
    outcome: OutcomeSchema.nullable().default(null),
    chosenIdx: Index.nullable().default(null),
    rejectedIdx: Index.nullable().default(null),
    strength: z.number().int().min(1).max(4).nullable().default(null),
    /** Per-criterion verdicts: criterion → response index or "tie". */
    criteria: z
      .record(z.string(), z.union([Index, z.literal('tie')]))
      .nullable()
      .default(null),
    /** Ranking, rating and skip verdicts (the rest of the verdict, as stored). */
    payload: z.record(z.string(), z.unknown()).nullable().default(null),
    flags: z.array(z.string()).default([]),
    rationale: z.string().nullable().default(null),
    displayedOrder: z.array(Index).min(1),
    timeMs: z.number().int().nonnegative(),
    guidelineVersion: z.number().int().min(1),
    taskVersion: z.number().int().min(1).default(1),
    createdAt: z.number().int().nonnegative(),
    /** The judge's suggestion that was on screen when the verdict was made (absent: none). */
    suggestion: ShownSuggestionSchema.nullable().default(null),
  })
  .superRefine((l, ctx) => {
    const pairwise = l.kind === 'pairwise';
    if (pairwise !== (l.outcome !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'is set exactly for pairwise judgments',
      });
    if (
      pairwise &&
      (l.chosenIdx === null || l.rejectedIdx === null || l.chosenIdx === l.rejectedIdx)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['chosenIdx'],
        message: 'a pairwise judgment names two different responses',
      });
    if ((l.kind === 'ranking' || l.kind === 'rating') && l.payload === null)
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: `a ${l.kind} judgment carries its payload`,
      });
    if (l.repeatId === null && l.revision === null)
      ctx.addIssue({
        code: 'custom',
        path: ['revision'],
        message: 'is required (except on repeat answers)',
      });
  });
export type AnnotationLine = z.output<typeof AnnotationLineSchema>;

/**
 * The end line, after the last revision: `lines` is the number of lines before it, header
 * included (so it is line `lines + 1` of the file). A line is the end line when its `end` is
 * `true`; no revision carries a field named `end`.
 */
export const AnnotationEndSchema = z.object({
  end: z.literal(true),
  lines: z.number().int().nonnegative(),
});
export type AnnotationEnd = z.infer<typeof AnnotationEndSchema>;

export function isAnnotationEnd(l: AnnotationLine | AnnotationEnd): l is AnnotationEnd {
  return (l as { end?: unknown }).end === true;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new RecordError('', `invalid JSON: ${at.reason} at column ${at.column}`);
  }
}

function firstIssue(error: z.ZodError): RecordError {
  const issue = error.issues[0]!;
  return new RecordError(issue.path.join('.'), issue.message);
}

/**
 * The header line. A newer version is refused before anything else is read, with a message
 * that says what to do; so is a file that is not an annotation file at all.
 */
export function parseAnnotationHeader(text: string): AnnotationHeader {
  const value = parseJson(text);
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== ANNOTATION_FORMAT)
    throw new RecordError(
      'format',
      `not a Rankwise annotation file (the first line must be a header with "format": "${ANNOTATION_FORMAT}")`,
    );
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version > ANNOTATION_VERSION)
    throw new RecordError(
      'version',
      `written by a newer Rankwise (annotation format v${version}; this version reads up to v${ANNOTATION_VERSION}). Update Rankwise to merge it.`,
    );
  const parsed = AnnotationHeaderSchema.safeParse(value);
  if (!parsed.success) throw firstIssue(parsed.error);
  return parsed.data;
}

/** A line after the header: a revision, or the end line (tell them apart with `isAnnotationEnd`). */
export function parseAnnotationLine(text: string): AnnotationLine | AnnotationEnd {
  const value = parseJson(text);
  const end = (value as { end?: unknown } | null)?.end === true;
  const parsed = (end ? AnnotationEndSchema : AnnotationLineSchema).safeParse(value);
  if (!parsed.success) {
    const e = firstIssue(parsed.error);
    throw end ? new RecordError('', `end line: ${e.message}`) : e;
  }
  return parsed.data;
}

export function formatAnnotationHeader(h: AnnotationHeader): string {
  return JSON.stringify(h);
}

export function formatAnnotationEnd(lines: number): string {
  return JSON.stringify({ end: true, lines } satisfies AnnotationEnd);
}

/** A line with nulls and empty defaults left out, so files stay small and diffable. */
export function formatAnnotationLine(l: AnnotationLine): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(l)) {
    if (v === null || v === undefined) continue;
    if (k === 'flags' && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return JSON.stringify(out);
}

/** JSON with object keys sorted, so two records compare equal whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/**
 * The fields that make a revision what it is. Two records with the same id must agree on all
 * of them, or the id is in conflict. `revision` and `supersedes` are left out: they are the
 * record's place in its chain, which a merge derives (by time, then id) so that the result
 * does not depend on the order files arrive in.
 */
export function revisionFingerprint(l: AnnotationLine): string {
  return canonicalJson([
    l.itemId,
    l.labellerId,
    l.repeatId,
    l.kind,
    l.outcome,
    l.chosenIdx,
    l.rejectedIdx,
    l.strength,
    l.criteria && Object.keys(l.criteria).length ? l.criteria : null,
    l.payload,
    l.flags,
    l.rationale,
    l.displayedOrder,
    l.timeMs,
    l.guidelineVersion,
    l.taskVersion,
    l.createdAt,
    // Only when there is one, so a revision without a suggestion prints as it always did.
    ...(l.suggestion ? [l.suggestion] : []),
  ]);
}

/** How a merge orders the revisions of one (labeller, item): by creation time, then id. */
export function chainOrder(
  a: { createdAt: number; id: string },
  b: { createdAt: number; id: string },
): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
