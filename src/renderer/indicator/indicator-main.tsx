import { mountWindowPage } from '../ui/mount-window-page';
import { IndicatorApp } from './IndicatorApp';
import './indicator.css';

// window.earshotIndicator is absent when the page is opened without the indicator's preload.
mountWindowPage({
  bridge: window.earshotIndicator,
  app: (bridge) => <IndicatorApp bridge={bridge} />,
  notice: 'This indicator must be opened from Earshot.',
  main: { className: 'indicator' },
});
