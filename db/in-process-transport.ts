import type { Transport } from '../shared/api/client';
import type { Backend } from './backend';
import { dispatch } from './dispatch';

/**
 * The transport for code running in the same process (tests, the CLI). Values are cloned
 * both ways, as IPC and HTTP would, so nothing can depend on sharing objects with the backend.
 */
export function createInProcessTransport(backend: Backend): Transport {
  return {
    async call(method, input) {
      return structuredClone(await dispatch(backend.handlers, method, structuredClone(input)));
    },
    subscribe(listener) {
      return backend.events.subscribe((name, payload) => listener(name, structuredClone(payload)));
    },
  };
}
