/**
 * vitest setupFiles: point every test worker at the private Secret Service before any test
 * module can load keytar (libsecret connects once per process, on first use).
 */
import { inject } from 'vitest';

const address = inject('secretServiceBusAddress');
if (address) process.env.DBUS_SESSION_BUS_ADDRESS = address;
