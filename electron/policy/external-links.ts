/**
 * `shell.openExternal` hands a URL to the operating system, which will run whatever handles
 * its scheme (file:, smb:, custom app schemes…). Only https: links go out, only when the user
 * did something (a click on a menu item or a link), and only after they confirm the exact
 * address in a dialog. Anything else is refused with the reason.
 */
export type ExternalLinkDecision =
  | { action: 'confirm'; url: string; message: string; detail: string }
  | { action: 'deny'; reason: string };

export function externalLinkDecision(
  raw: string,
  { userGesture }: { userGesture: boolean },
): ExternalLinkDecision {
  if (!userGesture) return { action: 'deny', reason: 'not opened by the user' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { action: 'deny', reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:')
    return { action: 'deny', reason: `${url.protocol} links are not opened` };
  if (url.username || url.password)
    return { action: 'deny', reason: 'links with credentials are not opened' };
  return {
    action: 'confirm',
    url: url.href,
    message: 'Open this link in your browser?',
    detail: url.href,
  };
}
