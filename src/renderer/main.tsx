import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createEarshotClient } from './bridge/earshot-client';
import { WaitingAudioNews } from './history/waiting-audio-news';
import { LiveController } from './live/live-controller';
// In cascade order: shared first, then each screen's own.
import './ui/base.css';
import './live/live.css';
import './ui/callouts.css';
import './settings/settings.css';
import './history/history.css';
// Last: the system's reduced-motion and forced-colours settings win over every screen's rules.
import './ui/accessibility.css';

const root = createRoot(document.getElementById('root')!);
// window.earshot is absent when the page is opened without Earshot's preload.
const client = window.earshot ? createEarshotClient(window.earshot) : null;

if (client) {
  const controller = new LiveController(client);
  const waitingAudioNews = new WaitingAudioNews(client.onWaitingAudio);
  root.render(
    <StrictMode>
      <App client={client} controller={controller} waitingAudioNews={waitingAudioNews} />
    </StrictMode>,
  );
} else {
  root.render(
    <main className="app-main">
      <p className="callout error" role="alert">
        This page must be opened inside the Earshot app: the connection to Earshot is missing.
      </p>
    </main>,
  );
}
