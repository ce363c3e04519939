import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { KeyStatus } from '../shared/key-status';
import type { SettingsWithNotice } from '../shared/settings';
import { type EarshotClient, userFacingErrorOf } from './bridge/earshot-client';
import { HistoryView } from './history/HistoryView';
import type { WaitingAudioNews } from './history/waiting-audio-news';
import { sessionUnderWay, type LiveController } from './live/live-controller';
import { SettingsView } from './settings/SettingsView';
import { LiveView } from './live/LiveView';
import { LiveSessionExport } from './export/LiveSessionExport';
import { KeytermEditor } from './live/KeytermEditor';
import { ShowCaptionsButton } from './live/ShowCaptionsButton';
import { useSpeakerNaming } from './live/useSpeakerNaming';
import { defaultTextSize } from './ui/TextSizeControl';
import { useTextSize } from './ui/useTextSize';
import { useInterfaceTextSize } from './ui/useInterfaceTextSize';

type View = 'live' | 'history' | 'settings';

interface AppProps {
  client: EarshotClient;
  controller: LiveController;
  waitingAudioNews: WaitingAudioNews;
}

export function App(props: AppProps): ReactNode {
  const { client, controller, waitingAudioNews } = props;
  const [view, setView] = useState<View>('live');
  const speakerNaming = useSpeakerNaming(client, controller);
  const [keyStatus, setKeyStatus] = useState<KeyStatus | null>(null);
  const [settings, setSettings] = useState<SettingsWithNotice | null>(null);
  const [firstRun, setFirstRun] = useState(false);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [textSize, setTextSize] = useTextSize(defaultTextSize);
  useInterfaceTextSize(settings?.settings.interfaceTextSize ?? 100);
  const live = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const sessionActive = sessionUnderWay(live);

  useEffect(() => {
    let cancelled = false;
    Promise.all([client.getKeyStatus(), client.getSettings()]).then(
      ([status, loaded]) => {
        if (cancelled) return;
        setKeyStatus(status);
        setSettings(loaded);
        if (!status.stored) {
          setFirstRun(true);
          setView('settings');
        }
      },
      (error: unknown) => !cancelled && setLoadProblem(userFacingErrorOf(error).message),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);

  const navigation: { view: View; label: string; testId: string }[] = [
    { view: 'live', label: 'Live', testId: 'live-link' },
    { view: 'history', label: 'History', testId: 'history-link' },
    { view: 'settings', label: 'Settings', testId: 'settings-link' },
  ];

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          Earshot
        </span>
        <nav aria-label="Main">
          {navigation.map((item) => (
            <button
              key={item.view}
              type="button"
              className="nav-link"
              data-testid={item.testId}
              aria-current={view === item.view ? 'page' : undefined}
              onClick={() => setView(item.view)}
            >
              {item.label}
              {item.view === 'live' && sessionActive && view !== 'live' && (
                <span className="live-dot" aria-label="(session running)" />
              )}
            </button>
          ))}
        </nav>
        <span className="toolbar-spacer" />
        {keyStatus?.stored && (
          <span
            className="header-project"
            data-testid="header-project"
            title="Deepgram project of the saved key"
          >
            {keyStatus.projectName ?? 'Deepgram project'}
            {keyStatus.storage === 'session-only' && (
              <span className="muted"> · key for this session only</span>
            )}
          </span>
        )}
      </header>
      <main className="app-main">
        {loadProblem && (
          <p className="callout error" role="alert">
            {loadProblem}
          </p>
        )}
        {/* The live view stays mounted so a running session keeps its transcript and scroll position. */}
        <div hidden={view !== 'live'} className="view-live">
          <LiveView
            controller={controller}
            visible={view === 'live'}
            settings={settings?.settings ?? null}
            textSize={textSize}
            onTextSizeChange={setTextSize}
            exportSession={(sessionId, running) => (
              <LiveSessionExport client={client} sessionId={sessionId} running={running} />
            )}
            captionsButton={<ShowCaptionsButton client={client} />}
            speakerNaming={speakerNaming}
            keytermEditor={
              <KeytermEditor
                client={client}
                keyterms={settings?.settings.keyterms ?? null}
                onSaved={(keyterms) =>
                  setSettings(
                    (previous) => previous && { ...previous, settings: { ...previous.settings, keyterms } },
                  )
                }
              />
            }
          />
        </div>
        {view === 'history' && (
          <HistoryView client={client} textSize={textSize} waitingAudioNews={waitingAudioNews} />
        )}
        {view === 'settings' && settings && (
          <SettingsView
            client={client}
            keyStatus={keyStatus}
            onKeyStatus={(status) => {
              setKeyStatus(status);
              if (status.stored) setFirstRun(false);
            }}
            settings={settings.settings}
            settingsNotice={settings.notice}
            onSettings={(next, notice) => setSettings({ settings: next, notice })}
            firstRun={firstRun}
            sessionActive={sessionActive}
          />
        )}
      </main>
    </div>
  );
}
