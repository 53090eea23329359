/**
 * The reader set-up screen (manager): the raw HID readers with their state, the devices plugged in,
 * saving the configurations, and one reader's live view and test swipe. In browser mode no reader is
 * read raw (the keyboard-wedge path needs only the wedge settings): the lists are empty and changes
 * are refused with a message that says why.
 */
import { message } from '../../../../shared/i18n/text.js';
import { loadReaderConfigs, problemLine, saveReaderConfigs } from '../../readers/reader-config.js';
import type { ReaderService } from '../../readers/reader-service.js';
import { ApiFailure } from '../handler-types.js';
import type { Handlers } from '../handler-types.js';
import type { ReaderSetup } from '../reader-setup.js';
import { deviceView } from '../views/reader-view.js';

export interface ReaderHost {
  /** 'none': browser mode or tests — nothing is read raw in this process. */
  readonly mode: 'hid' | 'none';
  /** The running service; null in browser mode, or while node-hid is still loading. */
  service(): ReaderService | null;
  readonly setup: ReaderSetup;
  /** Stops the running service (if any) and starts one over the saved configurations. */
  restart(): void;
}

function browserMode(): ApiFailure {
  return new ApiFailure('refused', message('api.readers.electronOnly'));
}

export function readerHandlers(host: ReaderHost) {
  return {
    'readers.status': () => (host.mode === 'none' ? [] : host.setup.views().map((r) => ({ id: r.id, name: r.name, state: r.state }))),
    'readers.list': () => (host.mode === 'none' ? [] : host.setup.views()),
    'readers.devices': (_input, ctx) => {
      const service = host.service();
      if (host.mode === 'none' || service === null) return [];
      const loaded = loadReaderConfigs(ctx.kiosk.context.store.read);
      const configs = loaded.ok ? loaded.value : [];
      return service.manager.listDevices().map((d) => deviceView(d.info, d.name, configs));
    },
    'readers.save': (input, ctx) => {
      if (host.mode === 'none') throw browserMode();
      // Checked again with the back end's own schema (duplicate ids, the same limits), then saved whole.
      const saved = saveReaderConfigs(ctx.kiosk.context.store, input.readers);
      if (!saved.ok) throw new ApiFailure('refused', message('api.readers.invalid', { problem: problemLine(saved.error) }));
      // The service keeps each reader's UID format from when it started: a new list needs a new service.
      host.restart();
      return host.setup.views();
    },
    'readers.setup': (input) => {
      if (host.mode === 'none') throw browserMode();
      const view = host.setup.set(input.readerId, input.live, input.testSwipe);
      if (view === null) throw new ApiFailure('notFound', message('api.readers.unknown', { id: input.readerId }));
      return view;
    },
  } satisfies Handlers<'readers.status' | 'readers.list' | 'readers.devices' | 'readers.save' | 'readers.setup'>;
}
