/**
 * The Deepgram emulator in a child process of its own, so its work (decoding audio, its
 * recorder) neither shares the benchmark's event loop nor shows up in main's memory figures.
 * Driven over the fork IPC channel; see emulator-process.ts for the parent side.
 */
import { startDeepgramEmulator } from '../../emulator/index';
import type { EmulatorCommand, EmulatorReply } from './emulator-process';

const transcriber = process.argv[2] === 'script' ? 'script' : 'tone-code';
const emulator = await startDeepgramEmulator({ transcriber });

function reply(message: EmulatorReply): void {
  process.send?.(message);
}

// The recorder exists for tests; over an hour it would only grow.
const recorderTrim = setInterval(() => {
  if (emulator.recorder.connections.length > 50) emulator.recorder.clear();
}, 10_000);

process.on('message', (command: EmulatorCommand) => {
  switch (command.type) {
    case 'drop':
      emulator.faults.dropConnections();
      break;
    case 'refuse':
      emulator.faults.refuseHandshakes(command.count, command.status);
      break;
    case 'reset-faults':
      emulator.faults.reset();
      break;
    case 'queue-utterances':
      emulator.queueUtterances(command.texts);
      break;
    case 'close':
      clearInterval(recorderTrim);
      void emulator.close().then(() => process.exit(0));
      return;
  }
  reply({ type: 'done', id: command.id });
});

process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', url: emulator.url, demoKey: emulator.demoKey, projectName: emulator.projectName });
