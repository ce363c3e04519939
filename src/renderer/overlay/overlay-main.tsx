import { mountWindowPage } from '../ui/mount-window-page';
import { OverlayApp } from './OverlayApp';
import './overlay.css';

// window.earshotOverlay is absent when the page is opened without the overlay's preload.
mountWindowPage({
  bridge: window.earshotOverlay,
  app: (bridge) => <OverlayApp bridge={bridge} />,
  notice: 'These captions must be opened from Earshot.',
  main: { className: 'overlay', 'data-contrast': 'high-contrast' },
});
