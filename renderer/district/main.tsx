/**
 * The district web app: the page the hub serves at / to district civil-affairs staff. One React root;
 * everything it knows comes from the hub's API on the same origin.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DistrictApp } from './app/district-app.js';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <DistrictApp />
    </StrictMode>,
  );
}
