/**
 * Files people choose by mistake: an image, an archive, a README. Told from the first bytes
 * (and, for text, the name) before any parser sees them, so the person reads "this is not a
 * dataset: it is a PNG image" instead of a CSV parser's complaint about a quote on line 1.
 */

const MAGIC: Array<{ bytes: Array<number | null>; offset?: number; kind: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: ascii('GIF8'), kind: 'a GIF image' },
  {
    bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')],
    kind: 'a WebP image',
  },
  { bytes: ascii('%PDF-'), kind: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'an empty ZIP archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), kind: 'a RAR archive' },
  { bytes: ascii('ustar'), offset: 257, kind: 'a tar archive' },
  { bytes: ascii('BZh'), kind: 'a bzip2-compressed file (decompress it first)' },
  {
    bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
    kind: 'an xz-compressed file (decompress it first)',
  },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'a Zstandard-compressed file (decompress it first)' },
  {
    bytes: ascii('SQLite format 3'),
    kind: 'a SQLite database (a Rankwise project is merged on the Team screen, or opened as a project)',
  },
];

/** Text files that never hold records, by extension. */
const TEXT_KINDS: Record<string, string> = {
  md: 'a Markdown document',
  markdown: 'a Markdown document',
  txt: 'a plain text file',
  html: 'an HTML page',
  htm: 'an HTML page',
  xml: 'an XML file',
  yaml: 'a YAML file',
  yml: 'a YAML file',
  py: 'Python source code',
  js: 'JavaScript source code',
  ts: 'TypeScript source code',
  log: 'a log file',
  rtf: 'a rich-text document',
};

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

function startsWith(head: Uint8Array, sig: Array<number | null>, offset = 0): boolean {
  if (head.length < offset + sig.length) return false;
  return sig.every((b, i) => b === null || head[offset + i] === b);
}

/** A binary file's signature, from its first bytes (before any decoding); null if none. */
export function binaryKind(head: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(head, m.bytes, m.offset)) return m.kind;
  return null;
}

/**
 * Text that is not text: many control characters or NUL bytes (random bytes have about one in
 * ten). A few stray ones make bad lines, reported by line; UTF-16, whose NULs follow a
 * pattern, is told apart before this; Latin-1 text has none and is reported by line too.
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control >= 8 && control / n > 0.05;
}

/** What a text file is by its name, when the name says it holds no records; null otherwise. */
export function textKind(name: string, head: Uint8Array): string | null {
  const ext = /\.([a-z0-9]+)(\.gz)?$/i.exec(name)?.[1]?.toLowerCase();
  const kind = ext ? TEXT_KINDS[ext] : undefined;
  if (!kind) return null;
  // A mislabelled data file (data.txt holding JSON Lines, or a table) is still read.
  const first = [...head.subarray(0, 64)].find((b) => b > 0x20);
  if (first === 0x7b || first === 0x5b) return null;
  return ext === 'txt' && looksLikeTable(head) ? null : kind;
}

/** The first two lines split into the same number (2+) of fields by a comma, semicolon or tab. */
function looksLikeTable(head: Uint8Array): boolean {
  const [a, b] = new TextDecoder().decode(head.subarray(0, 4096)).split(/\r?\n/);
  if (a === undefined || b === undefined) return false;
  return [',', ';', '\t'].some((d) => {
    const n = a.split(d).length;
    return n > 1 && b.split(d).length === n;
  });
}

/** The reason given for every file that is plainly not a dataset ("the file is empty" too). */
export function notADataset(kind: string, compressed: boolean): string {
  const what = compressed ? `a gzip file holding ${kind}` : kind;
  return `this is not a dataset: it is ${what}. Rankwise imports JSON Lines, a JSON array, CSV/TSV or Parquet, optionally gzip-compressed.`;
}
