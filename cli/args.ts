import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** parseArgs with our conventions: unknown options and missing positionals are usage errors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  positionals: string[],
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length < positionals.length) {
    throw new UsageError(
      `missing ${positionals
        .slice(parsed.positionals.length)
        .map((p) => `<${p}>`)
        .join(' ')}`,
    );
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[positionals.length])}`,
    );
  }
  return parsed;
}
