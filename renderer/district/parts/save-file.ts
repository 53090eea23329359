/**
 * Saves a downloaded export the browser's way: the bytes behind an object URL, clicked through an
 * <a download>. The request itself went through the hub client (cookie, Accept-Language, errors in
 * words), which a plain link could not do.
 */
export function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is not needed once the browser has read it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
