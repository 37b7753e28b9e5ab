import { ApiError, type Result } from './errors';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';

/**
 * What a transport must do: carry one call and deliver events. Electron IPC, HTTP and the
 * in-process transport used in tests all implement exactly this, so the client (and every
 * caller above it) cannot tell them apart.
 */
export interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribe to every event; returns an unsubscribe function. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export interface Client {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The typed client: calls throw `ApiError` carrying the backend's code and message. */
export function createClient(transport: Transport): Client {
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok)
        throw new ApiError(result.error.code, result.error.message, result.error.details);
      return result.value as never;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}
