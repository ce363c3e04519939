/**
 * Builds window.earshotIndicator from the indicator contract: one subscription per event and
 * nothing else. It takes only the transport's subscribe, so it cannot invoke or send anything.
 */
import { indicatorEventContract, type IndicatorBridge } from '../shared/indicator-contract';
import { eventSubscriptions } from './contract-bridge';
import type { RendererTransport } from './renderer-transport';

export function createIndicatorBridge(transport: Pick<RendererTransport, 'subscribe'>): IndicatorBridge {
  return Object.freeze(eventSubscriptions(indicatorEventContract, transport));
}
