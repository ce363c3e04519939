import { parseArgs } from 'node:util';
import { demoScript } from './demo-script';
import { formatFaultScript, parseFaultScript, type FaultScript } from './fault-script';
import { startDeepgramEmulator, type DeepgramEmulator, type DeepgramEmulatorOptions } from './index';

const defaultPort = 8787;

function options(): { port: number; transcriber: 'script' | 'tone-code'; faultScript: FaultScript } {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, transcriber: { type: 'string' }, faults: { type: 'string' } },
    allowPositionals: false,
  });
  const portText = values.port ?? process.env.EARSHOT_EMULATOR_PORT ?? String(defaultPort);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port number: ${portText}`);
  const transcriber = values.transcriber ?? 'script';
  if (transcriber !== 'script' && transcriber !== 'tone-code') {
    throw new Error(`--transcriber must be script or tone-code, not ${transcriber}`);
  }
  const faultScript = parseFaultScript(values.faults ?? process.env.EARSHOT_EMULATOR_FAULTS ?? '');
  return { port, transcriber, faultScript };
}

async function start(settings: DeepgramEmulatorOptions & { port: number }): Promise<DeepgramEmulator> {
  try {
    return await startDeepgramEmulator(settings);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`Port ${settings.port} is taken; using a free port instead.`);
    return startDeepgramEmulator({ ...settings, port: 0 });
  }
}

/**
 * Prints one line per new connection so a person can see the app talking to the emulator, and
 * one when the fault script cuts a connection.
 */
function logConnections(emulator: DeepgramEmulator): NodeJS.Timeout {
  let seen = 0;
  const cutsReported = new Set<string>();
  return setInterval(() => {
    const connections = emulator.recorder.connections;
    for (const connection of connections.slice(seen)) {
      const how = `${connection.credential.kind} via ${connection.credential.via}`;
      const refused = connection.fault?.kind === 'refused' ? ', refused by the fault script' : '';
      console.log(`/v1/listen ${connection.handshakeStatus} (${how}${refused})`);
    }
    seen = connections.length;
    for (const connection of connections) {
      const fault = connection.fault;
      if (fault?.kind !== 'cut' || cutsReported.has(connection.id)) continue;
      cutsReported.add(connection.id);
      const seconds = (fault.afterAudioMs / 1000).toFixed(1);
      console.log(`/v1/listen cut after ${seconds} s of its audio (close ${fault.closeCode})`);
    }
    // The recorder is for tests; a long demo should not grow without bound.
    if (seen > 1000) {
      emulator.recorder.clear();
      cutsReported.clear();
      seen = 0;
    }
  }, 500);
}

async function main(): Promise<void> {
  const settings = options();
  const emulator = await start(settings);
  if (settings.transcriber === 'script') emulator.queueUtterances(demoScript());
  console.log(`Deepgram emulator listening at ${emulator.url}`);
  console.log(`Demo key (member role, project "${emulator.projectName}"): ${emulator.demoKey}`);
  console.log(`Point Earshot at it: Settings → Endpoint URL = ${emulator.url}, then save the demo key.`);
  if (settings.faultScript.cutAfterMs !== null) {
    console.log(`Fault script: ${formatFaultScript(settings.faultScript)}`);
  }
  const timer = logConnections(emulator);
  const stop = (signal: string): void => {
    console.log(`${signal}: stopping the emulator.`);
    clearInterval(timer);
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
