/**
 * The display's voice and tones. Speech through the Web Speech API ("请付3元5角"): the browser's own
 * Chinese voice where one is installed, silence where none is (never an error). Tones through Web
 * Audio: two rising notes for accepted, one low note for "please see the cashier".
 */
import { t } from '../../../shared/i18n/catalogs.js';
import type { Locale } from '../../../shared/i18n/text.js';

/** 350 → "3元5角", 305 → "3元零5分", 300 → "3元": the way a cashier says it, not "3.50元". */
export function spokenYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const f = fen % 10;
  let s = `${yuan}元`;
  if (jiao > 0) s += `${jiao}角`;
  if (f > 0) s += `${jiao === 0 ? '零' : ''}${f}分`;
  return s;
}

export function sayAmount(fen: number, locale: Locale, volume: number): void {
  if (typeof speechSynthesis === 'undefined') return;
  const text = locale === 'zh-CN' ? t('ui.display.say', { amount: spokenYuan(fen) }, 'zh-CN') : t('ui.display.say', { amount: (fen / 100).toFixed(2) }, 'en');
  const u = new SpeechSynthesisUtterance(text);
  u.lang = locale;
  u.volume = Math.max(0, Math.min(1, volume / 100));
  speechSynthesis.cancel();
  speechSynthesis.speak(u);
}

let audio: AudioContext | null = null;

export function playTone(kind: 'accepted' | 'refused', volume: number): void {
  if (typeof AudioContext === 'undefined' || volume <= 0) return;
  audio ??= new AudioContext();
  const notes = kind === 'accepted' ? [660, 880] : [220];
  notes.forEach((hz, i) => {
    if (audio === null) return;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    const start = audio.currentTime + i * 0.15;
    osc.frequency.value = hz;
    gain.gain.setValueAtTime((volume / 100) * 0.3, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + (kind === 'accepted' ? 0.14 : 0.4));
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + 0.45);
  });
}
