/**
 * Builds window.earshotIndicator from the indicator contract: one subscription per event and
 * nothing else. It takes only the transport's subscribe, so it cannot invoke or send anything.
 */
import {
  indicatorEventContract,
  type IndicatorBridge,
  type IndicatorEventMethod,
} from '../shared/indicator-contract';
import type { RendererTransport } from './renderer-transport';

export function createIndicatorBridge(transport: Pick<RendererTransport, 'subscribe'>): IndicatorBridge {
  const bridge: Partial<Record<IndicatorEventMethod, (listener: (payload: unknown) => void) => () => void>> =
    {};
  for (const method of Object.keys(indicatorEventContract) as IndicatorEventMethod[]) {
    const { channel } = indicatorEventContract[method];
    bridge[method] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function.`);
      return transport.subscribe(channel, (payload) => listener(payload));
    };
  }
  // Every key of IndicatorBridge was filled from the table it is derived from.
  return Object.freeze(bridge) as IndicatorBridge;
}
