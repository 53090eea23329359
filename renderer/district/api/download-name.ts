/**
 * The file name of an export, from the hub's Content-Disposition: the RFC 5987 `filename*=UTF-8''…`
 * form first (it carries Chinese names), then a plain `filename="…"`, else the fallback. Whatever the
 * header says, path separators and control characters are dropped: a name is a name, not a path.
 */
export function downloadName(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended?.[1] !== undefined) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(header);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  const safe = name?.replace(/[/\\\p{Cc}]/gu, '').trim() ?? '';
  return safe === '' || safe === '.' || safe === '..' ? fallback : safe;
}
