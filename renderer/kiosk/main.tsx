/**
 * The kiosk page: the cashier's window, or the elder-facing display at #display. In Electron the
 * preload's bridge carries the kiosk API; in a browser (`zhucan kiosk serve`), HTTP to the page's
 * own origin. Either way the screens see one KioskClient.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskClientContext } from './app/kiosk-client-context.js';
import { KioskApp } from './app/kiosk-app.js';
import { DisplayScreen } from './screens/display-screen.js';
import { createHttpKioskClient } from './transport/http-client.js';
import { createIpcKioskClient, preloadBridge } from './transport/ipc-client.js';

const bridge = preloadBridge();
const client = bridge === null ? createHttpKioskClient() : createIpcKioskClient(bridge);
const display = window.location.hash === '#display';
document.body.classList.toggle('display-window', display);

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <KioskClientContext.Provider value={client}>{display ? <DisplayScreen /> : <KioskApp />}</KioskClientContext.Provider>
    </StrictMode>,
  );
}
