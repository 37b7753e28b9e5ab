/**
 * Send a file to the browser host (POST /upload, the raw bytes) for the backend to merge; the
 * answer is an upload id that `merge.start` takes. Only the browser host has this route; the
 * desktop app passes file paths from its own dialog instead.
 */
export async function uploadFile(
  file: File,
): Promise<{ uploadId: string; name: string; bytes: number }> {
  const token = sessionStorage.getItem('rankwise.token') ?? '';
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await res.json()) as
    | { ok: true; value: { uploadId: string; name: string; bytes: number } }
    | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${file.name}: ${body.error.message}`);
  return body.value;
}
