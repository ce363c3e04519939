import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OverlayApp } from './OverlayApp';
import './overlay.css';

const root = createRoot(document.getElementById('root')!);
// window.earshotOverlay is absent when the page is opened without the overlay's preload.
const bridge = window.earshotOverlay;
root.render(
  <StrictMode>
    {bridge ? (
      <OverlayApp bridge={bridge} />
    ) : (
      <main className="overlay" data-contrast="high-contrast">
        <p role="alert">These captions must be opened from Earshot.</p>
      </main>
    )}
  </StrictMode>,
);
