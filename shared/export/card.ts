import type { Guidelines, TaskSettings } from '../domain/task';
import { DEFAULT_STRENGTH_LABELS } from '../domain/task';
import type { AgreementFigures } from './agreement';
import { typeName, type Column, type ColumnType } from './columns';
import { aggregates, formatSpec } from './formats';
import { marginOf } from './margin';
import type { JudgeFillMeasured, ResolvedOptions } from './options';
import type { SplitName } from './split';
import type { Exclusions, Tally } from './tally';

/**
 * The dataset card (README.md) of a dataset folder: a YAML header the Hugging Face hub and
 * `datasets` read (configs → data files per split, features, split sizes), then for people:
 * how to load it, its columns, counts, label distribution, agreement, the exact export
 * policy, and the guidelines the labellers worked from.
 */

export const CARD_MARK =
  '<!-- written by Rankwise: this folder is replaced whole by the next export to it -->';

export interface CardFacts {
  project: { name: string; id: string };
  /** ISO 8601. */
  createdAt: string;
  /** The project file's schema version. */
  schemaVersion: number;
  options: ResolvedOptions;
  task: TaskSettings;
  guidelines: Guidelines;
  columns: readonly Column[];
  /** Paths relative to the folder. */
  files: ReadonlyArray<{ path: string; split: SplitName; rows: number; bytes: number }>;
  tally: Tally;
  agreement: AgreementFigures;
  /** The judge policy, when one was used: what it measured and what it filled. */
  judgeFill?: (JudgeFillMeasured & { rows: number; filledItems: number }) | null;
}

export function datasetCard(f: CardFacts): string {
  const splits = (['train', 'test'] as const).filter((s) => f.files.some((x) => x.split === s));
  return [
    yamlHeader(f, splits),
    `# ${f.project.name}: ${formatSpec(f.options.format).card.title}`,
    '',
    `Exported by Rankwise (project schema v${f.schemaVersion}) from the project “${f.project.name}” (id \`${f.project.id || 'unknown'}\`) on ${f.createdAt}: ` +
      `${f.tally.rows} rows (${splits.map((s) => `${s} ${f.tally.rowsBySplit[s]}`).join(', ')}) ` +
      `from ${f.tally.judgments} ${aggregates(f.options.format) ? 'current judgments' : 'judgment revisions'} on ${f.tally.items} items.`,
    '',
    loading(f),
    columnsSection(f.columns),
    countsSection(f, splits),
    labelsSection(f.tally),
    agreementSection(f),
    ...(f.judgeFill ? [judgeSection(f)] : []),
    policySection(f),
    guidelinesSection(f),
    CARD_MARK,
    '',
  ].join('\n');
}

function yamlHeader(f: CardFacts, splits: readonly SplitName[]): string {
  const lines = [
    '---',
    `pretty_name: ${JSON.stringify(`${f.project.name} — ${formatSpec(f.options.format).card.title}`)}`,
    'tags:',
  ];
  for (const t of ['rankwise', ...formatSpec(f.options.format).card.tags]) lines.push(`- ${t}`);
  lines.push('configs:', '- config_name: default', '  data_files:');
  for (const s of splits) lines.push(`  - split: ${s}`, `    path: data/${s}-*`);
  lines.push('dataset_info:', '  features:');
  for (const c of f.columns) lines.push(...featureYaml(c.name, c.type, '  '));
  lines.push('  splits:');
  for (const s of splits)
    lines.push(`  - name: ${s}`, `    num_examples: ${f.tally.rowsBySplit[s]}`);
  lines.push('---', '');
  return lines.join('\n');
}

/** A column as a `datasets` feature, in the YAML form `datasets` itself writes. */
function featureYaml(name: string, type: ColumnType, indent: string): string[] {
  const head = `${indent}- name: ${name}`;
  const inner = indent + '  ';
  if (type.kind === 'struct')
    return [
      head,
      `${inner}struct:`,
      ...type.fields.flatMap((x) => featureYaml(x.name, x.type, inner)),
    ];
  if (type.kind === 'list') return [head, ...listYaml(type.of, inner)];
  return [head, `${inner}dtype: ${dtype(type)}`];
}

function listYaml(of: ColumnType, indent: string): string[] {
  if (of.kind === 'struct')
    return [`${indent}list:`, ...of.fields.flatMap((x) => featureYaml(x.name, x.type, indent))];
  if (of.kind === 'list') return [`${indent}list:`, ...listYaml(of.of, indent + '  ')];
  return [`${indent}list: ${dtype(of)}`];
}

function dtype(t: ColumnType): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int32':
      return 'int32';
    case 'int64':
      return 'int64';
    case 'float64':
      return 'float64';
    case 'timestamp':
      return 'timestamp[ms, tz=UTC]';
    default:
      throw new Error(`no dtype for ${t.kind}`);
  }
}

function loading(f: CardFacts): string {
  const { trainer, trainsAsIs } = formatSpec(f.options.format).card;
  return [
    '## Loading',
    '',
    '```python',
    'from datasets import load_dataset',
    '',
    'dataset = load_dataset("path/to/this/folder")  # or the hub repository it was pushed to',
    '```',
    '',
    trainsAsIs
      ? `Ready for TRL's ${trainer} as it is: pass \`dataset["train"]\` as \`train_dataset\`. The prompt is always an explicit column.`
      : `For ${trainer}.`,
    '',
  ].join('\n');
}

function columnsSection(columns: readonly Column[]): string {
  return [
    '## Columns',
    '',
    '| column | type | meaning |',
    '| --- | --- | --- |',
    ...columns.map(
      (c) =>
        `| \`${c.name}\` | ${typeName(c.type)}${c.nullable ? ' (nullable)' : ''} | ${cell(c.description)} |`,
    ),
    '',
  ].join('\n');
}

const EXCLUSION_TEXT: Record<keyof Exclusions, string> = {
  ties: 'tie verdicts left out (pairs)',
  bothBad: 'both-bad verdicts left out (pairs)',
  noMajority: 'pairs without a strict majority',
  notUnanimous: 'pairs on which labellers disagreed (unanimous policy)',
  tooFewVotes: 'pairs (items, under "each") with fewer votes than the minimum',
  lowAgreement: 'items below the minimum agreement',
  flagged: 'items carrying an excluded flag',
  gold: 'gold items',
  discarded: 'items discarded by a reviewer',
  silent: 'judgments with no verdict this export can use (e.g. none on the criterion)',
  skipped: 'skipped items (skip judgments)',
  neutral: 'responses rated at the scale midpoint (neither desirable nor undesirable)',
  conflicting: 'responses that won one pair and lost another in the same ranking',
  judgeFlipped: 'pairs the judge gave different verdicts in the two orders (not filled)',
  judgeNotTrusted:
    'items without a human verdict in a slice where the judge did not pass its threshold',
};

function countsSection(f: CardFacts, splits: readonly SplitName[]): string {
  const t = f.tally;
  const lines = ['## Counts', '', '| split | rows | files |', '| --- | ---: | --- |'];
  for (const s of splits) {
    const files = f.files.filter((x) => x.split === s).map((x) => `\`${x.path}\``);
    lines.push(`| ${s} | ${t.rowsBySplit[s]} | ${files.join(', ')} |`);
  }
  lines.push('', `Read: ${t.items} items, ${t.judgments} judgments.`, '');
  const excluded = (Object.keys(EXCLUSION_TEXT) as Array<keyof Exclusions>).filter(
    (k) => t.excluded[k] > 0,
  );
  if (excluded.length) {
    lines.push('Left out:', '', '| reason | count |', '| --- | ---: |');
    for (const k of excluded) lines.push(`| ${EXCLUSION_TEXT[k]} | ${t.excluded[k]} |`);
  } else lines.push('Nothing was left out.');
  const sources = Object.entries(t.sources).filter(([, n]) => n > 0);
  if (sources.length)
    lines.push(
      '',
      `Where the rows' verdicts come from: ${sources.map(([s, n]) => `${SOURCE_TEXT[s]} ${n}`).join(', ')}.`,
    );
  if (t.toolFieldsDropped)
    lines.push(
      '',
      `${t.toolFieldsDropped} prompts had tool-call fields (name, tool_call_id, tool_calls) that the Parquet message schema does not hold; export JSONL to keep them.`,
    );
  lines.push('');
  return lines.join('\n');
}

const SOURCE_TEXT: Record<string, string> = {
  judgment: 'single judgments',
  majority: 'majority votes',
  unanimous: 'unanimous votes',
  mean: 'mean strengths',
  adjudicated: 'adjudications',
  judge: 'a judge’s verdicts (the judge policy)',
};

function labelsSection(t: Tally): string {
  const lines = ['## Label distribution', ''];
  const total = Object.values(t.labels).reduce((a, b) => a + b, 0);
  if (!total) return [...lines, 'No rows.', ''].join('\n');
  lines.push('| label | rows | share |', '| --- | ---: | ---: |');
  for (const [label, n] of Object.entries(t.labels).sort((a, b) => b[1] - a[1]))
    lines.push(`| ${cell(label)} | ${n} | ${pct(n / total)} |`);
  const models = Object.entries(t.models).sort(
    (a, b) => b[1].won + b[1].lost - (a[1].won + a[1].lost),
  );
  if (models.length) {
    lines.push('', 'Per model (chosen vs rejected; for KTO, desirable vs undesirable):', '');
    lines.push('| model | won | lost | won share |', '| --- | ---: | ---: | ---: |');
    for (const [m, c] of models)
      lines.push(`| ${cell(m)} | ${c.won} | ${c.lost} | ${pct(c.won / (c.won + c.lost))} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function agreementSection(f: CardFacts): string {
  const a = f.agreement;
  const lines = [
    '## Agreement',
    '',
    'Over the exported items, after filters. A unit is one pair of responses on one item; every labeller who judged it (directly, or by a ranking or ratings) gives a value.',
    '',
    `- Units judged by two or more labellers: ${a.units} (${a.comparisons} labeller-pair comparisons)`,
    `- Percent agreement (ties as a category): ${a.percent === null ? 'not defined (no unit has two votes)' : pct(a.percent)}`,
    `- Krippendorff's alpha, nominal (winner, tie, both-bad): ${num(a.alphaNominal)}`,
  ];
  if (f.task.pairwise.strengthLevels > 0 && f.options.criterion === null)
    lines.push(
      `- Krippendorff's alpha, ordinal (signed strength −${f.task.pairwise.strengthLevels}…${f.task.pairwise.strengthLevels}): ${num(a.alphaOrdinal)}`,
    );
  lines.push('');
  return lines.join('\n');
}

/** The judge policy: where rows came from, and the judge's measured agreement that allowed it. */
function judgeSection(f: CardFacts): string {
  const j = f.judgeFill!;
  const sources = Object.entries(f.tally.rowSources).sort((a, b) => b[1] - a[1]);
  const lines = [
    '## Rows from a judge',
    '',
    `Items no labeller judged were filled with the verdicts of the judge \`${cell(j.judge)}\` (${j.filledItems} items). Every row says where its verdict came from in the \`source\` column:`,
    '',
    '| source | rows |',
    '| --- | ---: |',
    ...sources.map(([s, n]) => `| \`${cell(s)}\` | ${n} |`),
    '',
    `The judge was allowed because its measured agreement with the human majority (on the items both judged) is ${j.agreement === null ? 'not defined' : pct(j.agreement)} over ${j.items} items (Cohen's kappa ${num(j.kappa)}); the policy asked for at least ${pct(j.minAgreement)} on at least ${j.minItems} items.`,
  ];
  if (j.slices) {
    lines.push(
      '',
      `Measured per value of \`${cell(j.sliceBy ?? '')}\`; the judge filled only the slices that passed:`,
      '',
      '| value | items | agreement | filled |',
      '| --- | ---: | ---: | --- |',
      ...j.slices.map(
        (s) =>
          `| ${s.value === null ? '(none)' : cell(s.value)} | ${s.items} | ${s.agreement === null ? '—' : pct(s.agreement)} | ${s.allowed ? 'yes' : 'no'} |`,
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}

const POLICY_TEXT: Record<ResolvedOptions['policy'], string> = {
  each: 'each labeller’s current judgment is its own row',
  majority:
    'per pair of responses, the outcome with more than half of the votes; no strict majority, no row',
  unanimous: 'per pair of responses, only when every vote is the same',
  adjudicated:
    'a reviewer’s decision where there is one (a discard drops the item), otherwise the majority vote',
  mean: 'per pair of responses, the mean signed strength (+s one way, −s the other, 0 for tie or both-bad) decides the side; its size is the strength',
};

const RANK_TEXT: Record<ResolvedOptions['rankPairs'], string> = {
  all: 'every pair across tiers',
  'best-vs-each': 'the best against each other response',
  'best-vs-worst': 'the best against the worst',
  adjacent: 'each tier against the next',
};

function policySection(f: CardFacts): string {
  const o = f.options;
  const fl = o.filters;
  const levels = f.task.pairwise.strengthLevels;
  const lines = [
    '## Export policy',
    '',
    `- Format: \`${o.format}\`${o.conversational ? ' (conversational)' : ''}; container: ${o.container}.`,
    `- Aggregation: \`${o.policy}\` — ${POLICY_TEXT[o.policy]}. Minimum votes: ${o.minVotes}.`,
    `- Ties and both-bad: \`${o.ties}\`${o.ties === 'keep' ? (formatSpec(o.format).rows.kind === 'unpaired' ? ' (KTO: a tie makes both responses desirable, both-bad both undesirable)' : ' (kept as judged)') : ' (left out and counted)'}.`,
    `- Rankings to pairs: \`${o.rankPairs}\` — ${RANK_TEXT[o.rankPairs]}; ratings are read as a ranking by score${formatSpec(o.format).rows.kind === 'unpaired' ? ' for pairs, and as labels (thumb, or score above/below the scale midpoint) for KTO' : ''}.`,
    `- Criterion: ${o.criterion === null ? 'the overall verdict' : `\`${o.criterion}\` only`}.`,
    `- Labellers: ${fl.labellers.length ? fl.labellers.map((l) => `\`${l}\``).join(', ') : 'all'}.`,
    `- Judgments made: ${fl.from === null && fl.to === null ? 'any time' : `${fl.from === null ? 'any time' : new Date(fl.from).toISOString()} to ${fl.to === null ? 'now' : new Date(fl.to).toISOString()}`}.`,
    `- Flags excluded: ${fl.excludeFlags.length ? fl.excludeFlags.map((x) => (x === '*' ? 'any flag' : `\`${x}\``)).join(', ') : 'none'}.`,
    `- Minimum agreement per item: ${fl.minAgreement === null ? 'none' : pct(fl.minAgreement)}.`,
    `- Gold items: ${fl.excludeGold ? 'excluded' : 'included'}.`,
    `- Split: ${o.split === null ? 'none (everything in train)' : `test ${pct(o.split.test)} of prompts, seed ${o.split.seed}; grouped by prompt (a seeded hash of the prompt text), so no prompt is in both splits and a prompt keeps its split in later exports`}.`,
    '- Chosen and rejected are always the stored response indices; the order each labeller saw was resolved when the judgment was saved.',
    ...(o.judgeFill
      ? [
          `- Judge policy: items without a human verdict get judge \`${cell(o.judgeFill.judge)}\`'s verdict where its measured agreement with the human majority is at least ${pct(o.judgeFill.minAgreement)} on at least ${o.judgeFill.minItems} items${o.judgeFill.sliceBy ? ` (per value of \`${cell(o.judgeFill.sliceBy)}\`)` : ''}; a pair it judged differently in the two orders is left out. See "Rows from a judge".`,
        ]
      : []),
  ];
  if (formatSpec(o.format).margin && levels >= 2 && o.criterion === null) {
    const named = f.task.pairwise.strengthLabels;
    const labels = named.length ? named : levels === 4 ? DEFAULT_STRENGTH_LABELS : [];
    lines.push(
      '',
      `Margin: \`margin = (strength − 1) / (levels − 1)\` on this project's ${levels}-level scale (Llama 2's "margin small" on four levels); TRL's RewardTrainer subtracts it inside the loss. Pairs without a strength get 0.`,
      '',
      '| strength | label | margin |',
      '| ---: | --- | ---: |',
      ...Array.from(
        { length: levels },
        (_, i) => `| ${i + 1} | ${cell(labels[i] ?? '')} | ${marginOf(i + 1, levels).toFixed(3)} |`,
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}

function guidelinesSection(f: CardFacts): string {
  const t = f.task;
  const task = [
    `Task settings version ${t.version}: ${t.mode}`,
    t.mode === 'pairwise' && t.pairwise.strengthLevels
      ? `, strength scale of ${t.pairwise.strengthLevels} levels`
      : '',
    t.criteria.length ? `, criteria ${t.criteria.map((c) => `\`${c}\``).join(', ')}` : '',
    t.mode === 'rating'
      ? `, aspects ${t.rating.aspects.map((a) => `\`${a.name}\` (${a.min}–${a.max})`).join(', ')}${t.rating.thumbs ? ', thumbs' : ''}`
      : '',
    '.',
  ].join('');
  return [
    `## Guidelines (version ${f.guidelines.version})`,
    '',
    task,
    '',
    f.guidelines.markdown.trim()
      ? f.guidelines.markdown.trim()
      : '_The project has no written guidelines._',
    '',
  ].join('\n');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function num(x: number | null): string {
  return x === null ? 'not defined (too few paired votes or a single category)' : x.toFixed(3);
}

/** Text safe inside a Markdown table cell. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
