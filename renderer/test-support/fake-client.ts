import { createClient, type Client } from '../../shared/api/client';
import {
  events,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../shared/api/contract';
import { ApiError, type ApiErrorShape, type Result } from '../../shared/api/errors';

/**
 * The backend as a renderer test scripts it: the methods it answers, each typed by the
 * contract, so a fake cannot drift from what the real backend takes and returns. A handler
 * gets the input as the backend's would (checked and with defaults filled in); throwing an
 * ApiError answers with its code, anything else with INTERNAL.
 */
export type FakeHandlers = Partial<{
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
}>;

/** One call as the client sent it. */
export type FakeCall = { [M in MethodName]: [M, MethodInput<M>] }[MethodName];

export interface FakeClient {
  /** The real typed client over the fake: errors come back as ApiErrors, as in the app. */
  client: Client;
  /** Every call, in order, with its input as sent. */
  calls: FakeCall[];
  /** The inputs of every call of one method, in order. */
  inputsOf: <M extends MethodName>(method: M) => Array<MethodInput<M>>;
  /** Deliver an event to every subscriber, as the backend would. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

/**
 * A typed fake of the backend behind a real client. Like dispatch, it checks what is sent
 * and what the handler answers against the contract (an invalid input is INVALID_INPUT, an
 * answer outside the contract is INTERNAL), and events against their schemas (a wrong one
 * throws in the test): a test cannot feed the store what the backend could never send.
 */
export function fakeClient(handlers: FakeHandlers = {}): FakeClient {
  const calls: FakeCall[] = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const failure = (error: ApiErrorShape): Result<unknown> => ({ ok: false, error });

  async function call(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method))
      return failure({ code: 'UNKNOWN_METHOD', message: `unknown method ${method}` });
    calls.push([method, input] as FakeCall);
    const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
    if (!handler) return failure({ code: 'UNKNOWN_METHOD', message: `not faked: ${method}` });
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success)
      return failure({ code: 'INVALID_INPUT', message: `${method}: ${parsed.error.message}` });
    let value: unknown;
    try {
      value = await handler(parsed.data);
    } catch (e) {
      if (e instanceof ApiError) return failure(e.toJSON());
      return failure({ code: 'INTERNAL', message: (e as Error).message });
    }
    const checked = spec.output.safeParse(value);
    if (!checked.success)
      return failure({
        code: 'INTERNAL',
        message: `${method} returned a value outside its contract: ${checked.error.message}`,
      });
    return { ok: true, value: checked.data };
  }

  return {
    client: createClient({
      call,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    calls,
    inputsOf: <M extends MethodName>(method: M) =>
      calls.filter((c) => c[0] === method).map((c) => c[1] as MethodInput<M>),
    emit(event, payload) {
      const checked = events[event].parse(payload);
      for (const l of [...listeners]) l(event, checked);
    },
  };
}
