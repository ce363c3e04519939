/**
 * Microphone problems the window reports to main (sendContract.reportCaptureProblem). A lost
 * device leaves the session open, silent, until the person stops it; the other two stop it
 * with the error code of the same name.
 */
export const captureProblems = ['microphone-denied', 'microphone-unavailable', 'device-lost'] as const;

export type CaptureProblem = (typeof captureProblems)[number];
