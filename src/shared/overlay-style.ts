/**
 * How the caption overlay looks: the settings field `overlay` (chosen in Settings, and in part
 * from the overlay itself). Contrast presets follow what caption viewers offer; "high contrast"
 * is white on pure black, and the overlay also honours the system's forced colours.
 */
import { boolean, literal, number, object, type Validator } from './validation';

export const overlayContrasts = ['dark', 'light', 'high-contrast', 'yellow-on-black'] as const;
export type OverlayContrast = (typeof overlayContrasts)[number];

export const overlayContrastLabels: Record<OverlayContrast, string> = {
  dark: 'Light text on dark',
  light: 'Dark text on light',
  'high-contrast': 'High contrast (white on black)',
  'yellow-on-black': 'Yellow on black',
};

export const overlayLimits = {
  lines: { min: 1, max: 4 },
  fontSize: { min: 14, max: 72 },
  /** Width of the overlay when it first opens on a display, as a percentage of that display's work area. */
  widthPercent: { min: 20, max: 100 },
} as const;

export interface OverlayStyle {
  lines: number;
  fontSize: number;
  contrast: OverlayContrast;
  widthPercent: number;
  /** A see-through background (the words keep a solid outline); off draws a solid panel. */
  transparent: boolean;
}

export const defaultOverlayStyle: Readonly<OverlayStyle> = Object.freeze({
  lines: 2,
  fontSize: 28,
  contrast: 'dark',
  widthPercent: 60,
  transparent: false,
});

export const overlayStyle: Validator<OverlayStyle> = object({
  lines: number({ ...overlayLimits.lines, integer: true }),
  fontSize: number({ ...overlayLimits.fontSize, integer: true }),
  contrast: literal(...overlayContrasts),
  widthPercent: number({ ...overlayLimits.widthPercent, integer: true }),
  transparent: boolean,
});
