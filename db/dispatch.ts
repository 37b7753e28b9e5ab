import { isMethodName, methods, type MethodName } from '../shared/api/contract';
import { ApiError, type Result } from '../shared/api/errors';
import type { Handlers } from './handlers/context';
import { toApiError } from './jobs';

/**
 * The single entry point every transport calls: validate the method name and input against
 * the contract, run the handler, validate what it returns, and wrap the outcome as a Result.
 * Never throws.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: `unknown method ${JSON.stringify(method)}` },
    };
  }
  const spec = methods[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
        details: parsed.error.issues,
      },
    };
  }
  try {
    const handler = handlers[method] as (i: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      // A handler broke the contract: a bug on our side, reported as such rather than passed on.
      throw new ApiError(
        'INTERNAL',
        `${method} returned a value outside its contract: ${checked.error.message}`,
      );
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    return { ok: false, error: toApiError(e).toJSON() };
  }
}

export type { MethodName };
