/**
 * What the elder-facing display shows now. Kept by the back end so a display window opened (or
 * reloaded) mid-shift shows the current amount at once, and pushed as a 'display' event on change.
 */
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import type { DisplayView } from '../../../shared/kiosk-api/views.js';

export class DisplayBoard {
  private view: DisplayView = { kind: 'welcome' };

  constructor(private readonly emit: (e: KioskEvent) => void) {}

  get current(): DisplayView {
    return this.view;
  }

  show(view: DisplayView): void {
    this.view = view;
    this.emit({ type: 'display', view });
  }
}
