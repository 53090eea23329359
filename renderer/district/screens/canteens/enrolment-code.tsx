/**
 * Making a kiosk's one-time enrolment code (admin). The hub keeps only the code's hash, so this is the
 * one time anyone sees it: shown in large, spaced type to read out over the phone or copy onto the
 * kiosk (`zhucan enroll --hub URL --code CODE`), with when it stops working.
 */
import { useState } from 'react';
import type { EnrolmentCodeView } from '../../../../shared/hub-api/routes.js';
import { announce } from '../../../ui/announce.js';
import { useT } from '../../../ui/i18n.js';
import { createEnrolmentCode } from '../../api/canteens-api.js';
import { localDateTime } from '../../app/district-calendar.js';
import { useHub } from '../../app/hub-context.js';
import { Problem } from '../../parts/load-state.js';

const TTL_CHOICES = [24, 72, 168, 336] as const;

export function EnrolmentCode({ canteenId }: { canteenId: number }) {
  const { client, say } = useHub();
  const { t } = useT();
  const [ttl, setTtl] = useState<number>(72);
  const [code, setCode] = useState<EnrolmentCodeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function make(): Promise<void> {
    setBusy(true);
    const r = await createEnrolmentCode(client, canteenId, ttl);
    setBusy(false);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    setProblem(null);
    setCode(r.value);
    say(t('district.code.madeSaid', { until: localDateTime(r.value.expiresAt) }));
    announce('enrolment-code', { canteenId, expiresAt: r.value.expiresAt });
  }

  return (
    <section className="panel" aria-labelledby="code-title">
      <h2 id="code-title">{t('district.code.title')}</h2>
      <p className="hint">{t('district.code.intro')}</p>
      {code !== null && (
        <div className="enrolment-code" data-testid="enrolment-code-box">
          <p className="code-value mono" data-testid="enrolment-code" aria-label={t('district.code.spoken', { code: code.code.split('').join(' ') })}>
            {code.code}
          </p>
          <p>{t('district.code.expires', { at: localDateTime(code.expiresAt) })}</p>
          <p className="banner warning">{t('district.code.once')}</p>
          <p className="hint">
            {t('district.code.howTo')} <code className="mono">zhucan enroll --hub {window.location.origin} --code {code.code}</code>
          </p>
        </div>
      )}
      <div className="inline-form">
        <label className="field">
          <span>{t('district.code.ttl')}</span>
          <select value={ttl} onChange={(e) => setTtl(Number(e.target.value))} data-testid="code-ttl">
            {TTL_CHOICES.map((h) => (
              <option key={h} value={h}>
                {t('district.code.hours', { hours: h, days: h / 24 })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void make()} data-testid="code-make">
          {code === null ? t('district.code.make') : t('district.code.makeAnother')}
        </button>
      </div>
      <Problem text={problem} />
    </section>
  );
}
