import type { ApiErrorShape } from '../../shared/api/errors';
import { APP_ORIGIN, isAppUrl } from './app-origin';

/**
 * The answer to an IPC call, by who sent it: nothing (go ahead) from our own page, a refusal
 * from anything else (a frame navigated elsewhere, an iframe, a frame already gone). The
 * refusal says the sender is not trusted, so it is never mistaken for a missing method.
 */
export function senderRefusal(frameUrl: string | null | undefined): ApiErrorShape | null {
  if (isAppUrl(frameUrl)) return null;
  const sender = frameUrl ? JSON.stringify(frameUrl.slice(0, 200)) : 'a frame that is gone';
  return {
    code: 'UNTRUSTED_SENDER',
    message: `calls are accepted only from the Rankwise window (${APP_ORIGIN}); the sender, ${sender}, is not trusted`,
  };
}
