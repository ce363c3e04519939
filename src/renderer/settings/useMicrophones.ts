import { useEffect, useState } from 'react';

export interface MicrophoneOption {
  deviceId: string;
  label: string;
}

/** Audio inputs, refreshed when devices come and go. Labels stay empty until permission is granted. */
export function useMicrophones(): MicrophoneOption[] {
  const [microphones, setMicrophones] = useState<MicrophoneOption[]>([]);
  useEffect(() => {
    let cancelled = false;
    const refresh = async (): Promise<void> => {
      try {
        const devices = await navigator.mediaDevices.enumerateDevices();
        if (cancelled) return;
        const inputs = devices.filter(
          (device) => device.kind === 'audioinput' && device.deviceId !== '' && device.deviceId !== 'default',
        );
        setMicrophones(
          inputs.map((device, index) => ({
            deviceId: device.deviceId,
            label: device.label || `Microphone ${index + 1}`,
          })),
        );
      } catch {
        if (!cancelled) setMicrophones([]);
      }
    };
    void refresh();
    navigator.mediaDevices.addEventListener('devicechange', refresh);
    return () => {
      cancelled = true;
      navigator.mediaDevices.removeEventListener('devicechange', refresh);
    };
  }, []);
  return microphones;
}
