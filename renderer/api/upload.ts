import { browserToken } from './transport';

export interface UploadedFile {
  uploadId: string;
  name: string;
  size: number;
  /** The same as size (the merge flow's name for it). */
  bytes: number;
}

/**
 * Send a file to the browser host (`POST /upload`, the raw bytes, streamed by the browser from
 * disk, never read into the page's memory) for the backend to import or merge; the answer is
 * the upload id that imports.* and merge.start take. XMLHttpRequest because fetch cannot report
 * upload progress. Only the browser host has this route; the desktop app registers files from
 * its own dialog or a drop instead.
 */
export function uploadFile(
  file: File,
  onProgress?: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
    // A team host's page has no token: its cookie (and Origin) authenticate the upload.
    const token = browserToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (onProgress)
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () =>
      reject(new Error(`${file.name}: the upload failed (is rankwise serve still running?)`));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    xhr.onload = () => {
      type Body = { ok: boolean; value?: UploadedFile; error?: { message: string } };
      let body: Body | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Body;
      } catch {
        // Not JSON: an HTTP-level refusal; the status says why.
      }
      if (body?.ok && body.value) resolve(body.value);
      else
        reject(
          new Error(
            `${file.name}: ${body?.error?.message ?? `upload refused: HTTP ${xhr.status} ${xhr.responseText.slice(0, 200)}`}`,
          ),
        );
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
