/**
 * "Add a reader" (set-up screen): pick one of the HID devices plugged in now, name it, say how its
 * reports are laid out and how it prints card numbers, and save — the whole list goes to readers.save
 * (the saved readers plus this one), and the back end restarts the readers with it. The device's ids
 * (and usage page, interface, serial where it gives them) become the configuration, so a manager
 * never types a hex number.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { READER_FORMATS, READER_UID_FORMATS, READER_VENDOR_FRAMINGS, READER_VENDOR_TERMINATORS } from '../../../../shared/kiosk-api/settings-views.js';
import type { ReaderDeviceView, ReaderSetting, ReaderView } from '../../../../shared/kiosk-api/settings-views.js';
import type { WedgeSettings } from '../../../../shared/kiosk-api/views.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { useKiosk } from '../../app/kiosk-client-context.js';
import { useManagerGuard } from '../../app/manager-prompt.js';
import { formatOptions, HID_POS_DEFAULTS, NO_OPTIONS } from './reader-options.js';
import type { FormatOptions, OptionFields } from './reader-options.js';

type Format = ReaderSetting['format'];
type UidFormat = ReaderSetting['uidFormat'];
function deviceKey(d: ReaderDeviceView): string {
  return `${d.vendorId}:${d.productId}:${d.usagePage ?? ''}:${d.interface ?? ''}:${d.serial ?? ''}`;
}

/** A stable id the manager never sees: from the ids, unique among the saved readers. */
function newId(d: ReaderDeviceView, taken: ReadonlySet<string>): string {
  const base = `usb-${d.vendorId.toString(16)}-${d.productId.toString(16)}${d.interface === null ? '' : `-${d.interface}`}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The device's identity as a configuration: what it does not say is left out (it then matches anything). */
export function settingFor(d: ReaderDeviceView, fields: { id: string; name: string; format: Format; uidFormat: UidFormat }, options: FormatOptions = {}): ReaderSetting {
  return {
    ...fields,
    ...options,
    vendorId: d.vendorId,
    productId: d.productId,
    ...(d.usagePage === null ? {} : { usagePage: d.usagePage }),
    ...(d.interface === null ? {} : { interface: d.interface }),
    ...(d.serial === null ? {} : { serial: d.serial }),
  };
}

export function ReaderForm({ readers, wedge, onSaved }: { readers: readonly ReaderView[]; wedge: WedgeSettings; onSaved: (list: readonly ReaderView[]) => void }) {
  const client = useKiosk();
  const guard = useManagerGuard();
  const { t, msg } = useT();
  const [devices, setDevices] = useState<readonly ReaderDeviceView[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<Format>('keyboard');
  // The wedge reader's card format is the likeliest: the canteen's cards come from one issuer.
  const [uidFormat, setUidFormat] = useState<UidFormat>(wedge.uidFormat);
  const [options, setOptions] = useState<OptionFields>(NO_OPTIONS);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setOption = (field: 'reportId' | 'lengthOffset' | 'dataOffset' | 'continuationOffset', value: string): void => setOptions((o) => ({ ...o, [field]: value }));

  const load = useCallback(async (): Promise<void> => {
    const r = await guard(() => client.call('readers.devices', {}));
    if (r.ok) {
      setDevices(r.value);
      setProblem(null);
      announce('reader-devices', { count: r.value.length });
    } else setProblem(msg(r.error.message));
  }, [client, guard, msg]);

  useEffect(() => {
    void load();
  }, [load]);

  const device = devices?.find((d) => deviceKey(d) === chosen) ?? null;

  function choose(key: string): void {
    setChosen(key);
    const d = devices?.find((x) => deviceKey(x) === key);
    if (d === undefined) return;
    setName(d.name.slice(0, 40));
    if (d.suggestedFormat !== null) setFormat(d.suggestedFormat);
  }

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (device === null || name.trim() === '' || busy) return;
    const saved = readers.flatMap((r) => (r.config === null ? [] : [r.config]));
    const id = newId(device, new Set(saved.map((c) => c.id)));
    setBusy(true);
    const r = await guard(() => client.call('readers.save', { readers: [...saved, settingFor(device, { id, name: name.trim(), format, uidFormat }, formatOptions(format, options))] }));
    setBusy(false);
    if (r.ok) {
      setProblem(null);
      setChosen('');
      setName('');
      setOptions(NO_OPTIONS);
      onSaved(r.value);
      announce('reader-saved', { readerId: id });
      void load();
    } else setProblem(msg(r.error.message));
  }

  return (
    <form className="reader-add" onSubmit={(e) => void save(e)} aria-labelledby="reader-add-title" data-testid="reader-form">
      <h3 id="reader-add-title">{t('ui.settings.readers.addTitle')}</h3>
      {devices !== null && devices.length === 0 && <p data-testid="reader-devices-none">{t('ui.settings.readers.noDevices')}</p>}
      {devices !== null && devices.length > 0 && (
        <fieldset>
          <legend>{t('ui.settings.readers.devices')}</legend>
          {devices.map((d) => (
            <label key={deviceKey(d)} className="field-row" data-testid="reader-device">
              <input type="radio" name="reader-device" value={deviceKey(d)} checked={chosen === deviceKey(d)} onChange={() => choose(deviceKey(d))} />
              <span>{d.name}</span>
              <span className="hint mono">
                {d.vendorId.toString(16).toUpperCase().padStart(4, '0')}:{d.productId.toString(16).toUpperCase().padStart(4, '0')}
              </span>
              {d.configuredAs !== null && <span className="tag">{t('ui.settings.readers.configured')}</span>}
            </label>
          ))}
        </fieldset>
      )}
      <div className="inline-form">
        <label className="field">
          <span>{t('ui.settings.readers.name')}</span>
          <input value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} data-testid="reader-name" />
        </label>
        <label className="field">
          <span>{t('ui.settings.readers.format')}</span>
          <select value={format} onChange={(e) => setFormat(READER_FORMATS.find((f) => f === e.target.value) ?? 'keyboard')} data-testid="reader-format">
            {READER_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`ui.settings.readers.format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ui.settings.uidFormat')}</span>
          <select value={uidFormat} onChange={(e) => setUidFormat(READER_UID_FORMATS.find((f) => f === e.target.value) ?? 'hex')} data-testid="reader-uid-format">
            {READER_UID_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`ui.settings.uid.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {format !== 'keyboard' && (
          <label className="field">
            <span>{t('ui.settings.readers.reportId')}</span>
            <input value={options.reportId} inputMode="numeric" autoComplete="off" onChange={(e) => setOption('reportId', e.target.value)} data-testid="reader-report-id" />
          </label>
        )}
        {format === 'vendorAscii' && (
          <>
            <label className="field">
              <span>{t('ui.settings.readers.vendorFraming')}</span>
              <select value={options.framing === '' ? 'nulPadded' : options.framing} onChange={(e) => setOptions((o) => ({ ...o, framing: READER_VENDOR_FRAMINGS.find((f) => f === e.target.value) ?? '' }))} data-testid="reader-vendor-framing">
                {READER_VENDOR_FRAMINGS.map((f) => (
                  <option key={f} value={f}>
                    {t(`ui.settings.readers.vendorFraming.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('ui.settings.readers.vendorTerminator')}</span>
              <select value={options.terminator === '' ? 'CR' : options.terminator} onChange={(e) => setOptions((o) => ({ ...o, terminator: READER_VENDOR_TERMINATORS.find((f) => f === e.target.value) ?? '' }))} data-testid="reader-vendor-terminator">
                {READER_VENDOR_TERMINATORS.map((f) => (
                  <option key={f} value={f}>
                    {t(`ui.settings.readers.vendorTerminator.${f}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {format === 'hidPos' && (
          <fieldset data-testid="reader-hidpos-layout">
            <legend>{t('ui.settings.readers.hidPosLayout')}</legend>
            {(['lengthOffset', 'dataOffset', 'continuationOffset'] as const).map((field) => (
              <label key={field} className="field">
                <span>{t(`ui.settings.readers.${field}`)}</span>
                <input value={options[field]} inputMode="numeric" autoComplete="off" placeholder={String(HID_POS_DEFAULTS[field])} onChange={(e) => setOption(field, e.target.value)} data-testid={`reader-${field}`} />
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" className="button primary" disabled={device === null || name.trim() === '' || busy} data-testid="reader-save">
          {t('ui.settings.readers.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => void load()} data-testid="reader-devices-refresh">
          {t('ui.settings.readers.refresh')}
        </button>
      </div>
      {problem !== null && (
        <p className="banner error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
