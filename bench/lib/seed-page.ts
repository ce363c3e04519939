/**
 * The seed's approach, faithfully: the article Earshot grew from and Deepgram's browser
 * starters open the microphone with getUserMedia({ audio: true }), open the WebSocket, and on
 * open start a MediaRecorder (webm/opus) with a 250 ms timeslice, sending each chunk as it
 * becomes available. The only addition is the same capture tap Earshot's window gets, and
 * a copy of every chunk sent, so the bench can decode what arrived.
 */
import { captureTapPageScript } from './capture-tap-source';

export const seedPageHtml = `<!doctype html>
<html><head><meta charset="utf-8"><title>Seed approach: MediaRecorder, 250 ms chunks</title></head>
<body><p>Seed approach: MediaRecorder (webm/opus, timeslice 250 ms) → WebSocket</p>
<script>
${captureTapPageScript}
(() => {
  let seed = null;
  globalThis.startSeed = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    void globalThis.__earshotBenchAttachCaptureTap(stream);
    const socket = new WebSocket('ws://' + location.host + '/seed-sink');
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
    const sent = [];
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0 && socket.readyState === WebSocket.OPEN) {
        socket.send(event.data);
        sent.push(event.data);
      }
    });
    recorder.start(250);
    seed = { stream, socket, recorder, sent };
  };
  globalThis.stopSeed = async () => {
    const stopped = new Promise((resolve) => seed.recorder.addEventListener('stop', resolve, { once: true }));
    seed.recorder.stop();
    await stopped;
    for (const track of seed.stream.getTracks()) track.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    seed.socket.close();
    return seed.sent.map((chunk) => chunk.size);
  };
  // How many 48 kHz samples the chunks sent so far decode to, after each chunk: a sample's
  // bytes have arrived once the received prefix decodes to include it.
  globalThis.decodeSeed = async () => {
    const lengths = [];
    let last = null;
    for (let count = 1; count <= seed.sent.length; count += 1) {
      const context = new OfflineAudioContext(1, 1, 48000);
      try {
        last = await context.decodeAudioData(await new Blob(seed.sent.slice(0, count)).arrayBuffer());
        lengths.push(last.length);
      } catch {
        lengths.push(lengths.length > 0 ? lengths[lengths.length - 1] : 0);
      }
    }
    const decoded = last ? last.getChannelData(0) : new Float32Array(0);
    const pcm = new Int16Array(decoded.length);
    for (let index = 0; index < decoded.length; index += 1) pcm[index] = Math.round(Math.max(-1, Math.min(1, decoded[index])) * 32767);
    return { lengths, samplesBase64: globalThis.__earshotBenchToBase64(pcm) };
  };
})();
</script></body></html>`;
