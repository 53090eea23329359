/**
 * Saves an exported file the browser's way: the bytes as a Blob behind an object URL, clicked through
 * an <a download>. Works the same in Electron and in browser mode; no file system access is needed.
 */
export function downloadBase64(fileName: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is no longer needed once it has been read.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
