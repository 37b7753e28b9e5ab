import type { Client } from '../../shared/api/client';
import { accessEndOf } from '../model/access';
import type { AppState } from './store';

/**
 * The client every slice uses: the backend's, with one watch on its refusals. A call answered
 * ACCESS_REVOKED (or, on a team host, UNAUTHORIZED) means this page's access is over, whichever
 * slice made it, and the page ends its access (access-slice.ts). That waits for a macrotask,
 * so the caller has handled the error first: a refused submission puts the judgment it sent
 * back on screen (saving.ts), and that is what gets kept.
 */
export function guardAccess(client: Client, state: () => AppState): Client {
  return {
    async call(method, input) {
      try {
        return await client.call(method, input);
      } catch (e) {
        const end = accessEndOf(e, state().access !== null);
        if (end) setTimeout(() => state().endAccess(end), 0);
        throw e;
      }
    },
    on: (event, listener) => client.on(event, listener),
  };
}
