/**
 * Tells whoever listens on the page that a screen finished showing something (a check-in result, a
 * report): `zhucan:<name>` DOM events. The end-to-end tests wait on these instead of sleeping, and a
 * kiosk integration (a receipt printer script in the page) could listen to them too.
 */
export function announce(name: string, detail: Record<string, unknown> = {}): void {
  window.dispatchEvent(new CustomEvent(`zhucan:${name}`, { detail }));
}
