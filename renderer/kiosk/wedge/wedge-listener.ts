/**
 * The DOM side of keyboard-wedge scanning: one keydown listener on the window, in the capture phase so it
 * sees every key before any field or screen handler does, wherever focus is. Keys the detector holds are
 * prevented and kept from the page; when they turn out to be a person typing they are replayed into the
 * field that had focus when they were typed (or given to onTyped when no field had focus). A scan never
 * reaches a field: its characters and its Enter are all prevented.
 */
import { createScanDetector } from './scan-detector.js';
import type { ScanDetector, ScanRules } from './scan-detector.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Input types whose value is free text; the others (checkbox, date, range …) take no typed characters. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number']);
/** The types on which setRangeText works; email and number have no selection API. */
const RANGE_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'password']);

function asTextField(el: Element | null): TextField | null {
  if (el instanceof HTMLTextAreaElement) return el.readOnly || el.disabled ? null : el;
  if (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type)) return el.readOnly || el.disabled ? null : el;
  return null;
}

/**
 * Puts typed text into a field as if it had been typed: at the caret (over any selection), then an input
 * event. React keeps its own copy of a controlled field's value; setRangeText and the prototype's value
 * setter both change the value behind that copy, so React sees the difference on the input event and
 * calls onChange (a plain `el.value = …` would update React's copy too and the change would be lost).
 */
function insertText(field: TextField, text: string): void {
  let inserted = text;
  // setRangeText ignores maxlength, which the key would have respected.
  if (field.maxLength >= 0) {
    const selected = field instanceof HTMLInputElement && !RANGE_INPUT_TYPES.has(field.type) ? 0 : (field.selectionEnd ?? 0) - (field.selectionStart ?? 0);
    const room = Math.max(0, field.maxLength - (field.value.length - selected));
    inserted = [...text].slice(0, room).join('');
    if (inserted === '') return;
  }
  if (field instanceof HTMLTextAreaElement || RANGE_INPUT_TYPES.has(field.type)) {
    field.setRangeText(inserted, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
  } else {
    // The prototype's setter, called on the field, bypasses the setter React puts on the element itself.
    Reflect.set(HTMLInputElement.prototype, 'value', field.value + inserted, field);
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: inserted }));
}

function sameSettings(a: ScanRules, b: ScanRules): boolean {
  return a.maxGapMs === b.maxGapMs && a.minLength === b.minLength && a.prefix === b.prefix && a.suffix === b.suffix;
}

/**
 * Starts catching keyboard-wedge scans on `target`. settingsRef is read on each key, so a change of
 * settings applies from the next key. Returns the function that stops it (handing back anything held).
 */
export function installWedgeListener(
  target: Window,
  settingsRef: () => ScanRules,
  onScan: (text: string) => void,
  onTyped?: (text: string) => void,
): () => void {
  // Where the characters held right now were typed: they go back there, even if focus has moved since.
  let typedInto: Element | null = null;

  function deliver(text: string): void {
    const field = typedInto !== null && typedInto.isConnected ? asTextField(typedInto) : null;
    typedInto = null;
    if (field !== null) insertText(field, text);
    else onTyped?.(text);
  }

  function makeDetector(settings: ScanRules): ScanDetector {
    return createScanDetector(
      settings,
      {
        now: () => target.performance.now(),
        setTimer: (fn, ms) => target.setTimeout(fn, ms),
        clearTimer: (handle) => target.clearTimeout(handle),
      },
      {
        onScan(text) {
          typedInto = null;
          onScan(text);
        },
        onFlush: deliver,
      },
    );
  }

  let settings = settingsRef();
  let detector = makeDetector(settings);

  function onKeyDown(event: KeyboardEvent): void {
    const current = settingsRef();
    if (!sameSettings(current, settings)) {
      detector.dispose();
      settings = current;
      detector = makeDetector(settings);
    }
    const active = target.document.activeElement;
    // Space on a focused button or checkbox presses it; a scan does not start with a space.
    if (event.key === ' ' && detector.pending() === '' && asTextField(active) === null && active !== target.document.body && active !== null) return;
    // keyCode 229 marks the key that starts an IME composition, whose isComposing is still false.
    const composing = event.isComposing || event.keyCode === 229;
    // AltGr (Ctrl+Alt on Windows) types characters such as '@' on some layouts: that is typing, not a shortcut.
    const altGraph = event.getModifierState('AltGraph');
    const verdict = detector.key({
      key: event.key,
      ctrl: event.ctrlKey && !altGraph,
      alt: event.altKey && !altGraph,
      meta: event.metaKey,
      composing,
      at: event.timeStamp,
    });
    switch (verdict) {
      case 'pass':
        return;
      case 'hold':
        if (typedInto === null) typedInto = active;
        break;
      case 'swallow':
        break;
    }
    event.preventDefault();
    // A screen's own key handlers must not act on a key that may be part of a scan (an Enter that
    // submits a search, a letter shortcut); typed text reaches them as the input event of the replay.
    event.stopImmediatePropagation();
  }

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    target.removeEventListener('keydown', onKeyDown, { capture: true });
    detector.dispose();
  };
}
