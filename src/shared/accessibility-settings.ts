/** The accessibility settings' choices: how chatty the screen-reader announcements are, and the interface's text size. */
import { literal, type Validator } from './validation';

/**
 * When the live view announces final words to a screen reader: each final segment as it
 * arrives, the words since the last pause once the speaker pauses (Deepgram's speech_final,
 * Finalize or UtteranceEnd), or never.
 */
export const finalAnnouncementChoices = ['every-final', 'at-pauses', 'off'] as const;

export type FinalAnnouncements = (typeof finalAnnouncementChoices)[number];

export const finalAnnouncements: Validator<FinalAnnouncements> = literal(...finalAnnouncementChoices);

/** The interface's text, in percent of its normal size (15 px); captions have their own size. */
export const interfaceTextSizes = [100, 125, 150, 175, 200] as const;

export type InterfaceTextSize = (typeof interfaceTextSizes)[number];

export const interfaceTextSize: Validator<InterfaceTextSize> = literal(...interfaceTextSizes);
