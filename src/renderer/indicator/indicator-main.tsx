import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IndicatorApp } from './IndicatorApp';
import './indicator.css';

const root = createRoot(document.getElementById('root')!);
// window.earshotIndicator is absent when the page is opened without the indicator's preload.
const bridge = window.earshotIndicator;
root.render(
  <StrictMode>
    {bridge ? (
      <IndicatorApp bridge={bridge} />
    ) : (
      <main className="indicator">
        <p role="alert">This indicator must be opened from Earshot.</p>
      </main>
    )}
  </StrictMode>,
);
