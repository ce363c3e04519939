import type { IndicatorBridge } from '../../shared/indicator-contract';

declare global {
  interface Window {
    /** The indicator preload's bridge; absent in every other window and outside Earshot. */
    readonly earshotIndicator?: IndicatorBridge;
  }
}
