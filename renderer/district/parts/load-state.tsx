/** What a screen shows while its data loads, or when loading failed (in words, with a retry). */
import { useT } from '../../ui/i18n.js';
import type { Loaded } from '../app/use-load.js';

export function LoadState<T>({ loaded, onRetry }: { loaded: Loaded<T>; onRetry: () => void }) {
  const { t } = useT();
  if (loaded.state === 'loading') {
    return (
      <p className="hint" role="status">
        {t('district.loading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <div className="banner error" role="alert">
        <p>{loaded.error.message}</p>
        <button type="button" className="button secondary small" onClick={onRetry}>
          {t('district.retry')}
        </button>
      </div>
    );
  }
  return null;
}

export function Problem({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p className="banner error" role="alert">
      {text}
    </p>
  );
}
