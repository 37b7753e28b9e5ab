/**
 * Deterministic markdown the way model answers look: headings, paragraphs with inline marks
 * and code, lists, a table and fenced code in a few languages, to about `bytes` characters.
 */
export function markdownAnswer(seed: number, bytes: number): string {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
  const words =
    'the model answer explains how a function works and why the result holds for every input we consider here with care'.split(
      ' ',
    );
  const sentence = () => {
    const n = 8 + rnd(12);
    const w = Array.from({ length: n }, () => words[rnd(words.length)]!);
    w[rnd(n)] = `**${w[rnd(n)]}**`;
    w[rnd(n)] = `\`${w[rnd(n)]}()\``;
    return w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const code = (lang: string) =>
    '```' +
    lang +
    '\n' +
    Array.from({ length: 12 + rnd(20) }, (_, i) =>
      lang === 'python'
        ? `    value_${i} = compute(items[${i}], factor=${rnd(100)})  # step ${i}`
        : `  const value${i} = compute(items[${i}], { factor: ${rnd(100)} }); // step ${i}`,
    ).join('\n') +
    '\n```';
  const parts: string[] = [];
  let len = 0;
  while (len < bytes) {
    const kind = rnd(6);
    const part =
      kind === 0
        ? `## ${sentence().slice(0, 40)}`
        : kind === 1
          ? Array.from({ length: 3 + rnd(4) }, () => `- ${sentence()}`).join('\n')
          : kind === 2
            ? code(rnd(2) ? 'python' : 'ts')
            : kind === 3 && rnd(3) === 0
              ? '| input | output | note |\n|---|---:|---|\n' +
                Array.from(
                  { length: 4 },
                  (_, i) => `| ${i} | ${rnd(999)} | ${sentence().slice(0, 30)} |`,
                ).join('\n')
              : Array.from({ length: 3 + rnd(4) }, sentence).join(' ');
    parts.push(part);
    len += part.length + 2;
  }
  return parts.join('\n\n');
}
