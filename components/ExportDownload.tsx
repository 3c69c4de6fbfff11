/** Saves text as a file from the panel: a Blob URL on an <a download>, revoked once the click is done. */
export function downloadText(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; a later revoke keeps the URL alive until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
