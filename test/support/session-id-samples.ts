/** Names a session id could be given that main never makes, shared by the format and history tests. */
const windowsDeviceNames = [
  'CON',
  'PRN',
  'AUX',
  'NUL',
  'COM1',
  'COM9',
  'LPT1',
  'LPT9',
  'con',
  'nul',
  'aux',
  'com1',
  'CON.jsonl',
  'NUL.txt',
  'CONIN$',
  'CONOUT$',
];

/** Shapes close to a real id that main never makes, and names that could reach outside the directory. */
export const notGenerated = [
  ...windowsDeviceNames,
  '',
  '.',
  '..',
  '../x',
  '..\\x',
  'a/b',
  'session-a',
  'x'.repeat(31),
  'x'.repeat(10_000),
  '2026-11-27T09-00-00-000Z-3FA9C1', // upper-case hex
  '2026-11-27T09-00-00-000Z-3fa9c', // five hex digits
  '2026-11-27T09-00-00-000Z-3fa9c12', // seven
  '2026-11-27T09:00:00.000Z-3fa9c1', // the ISO form, with colons
  '2026-11-27T09-00-00-000Z-3fa9c1\n',
  ' 2026-11-27T09-00-00-000Z-3fa9c1',
  '2026-11-27T09-00-00-000Z-3fa9c1.jsonl',
  '2026-11-27T09-00-00-000Z-3fa9c1.corrupt-2026-11-27T09-00-00-000Z',
  '2026-13-27T09-00-00-000Z-3fa9c1', // month 13
  '2026-11-27T24-00-00-000Z-3fa9c1', // hour 24
  '+10000-11-27T09-00-00-000Z-3fa9c1',
  '２０２６-11-27T09-00-00-000Z-3fa9c1', // full-width digits
  'nul\u0000',
];
