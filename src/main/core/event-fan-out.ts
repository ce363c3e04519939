/**
 * Core events go to the main window, and also to observers that show them elsewhere (the
 * caption overlay, through a contract of its own). An observer that throws is logged and
 * skipped: the main window and the other observers still get the event.
 */
import type { EventSink } from './handler-types';
import { errorName, type Logger } from './logger';

export interface EventFanOut {
  emit: EventSink;
  observe(observer: EventSink): () => void;
}

export function createEventFanOut(target: EventSink, log: Logger): EventFanOut {
  const observers = new Set<EventSink>();
  return {
    emit: (method, payload) => {
      target(method, payload);
      for (const observer of observers) {
        try {
          observer(method, payload);
        } catch (error) {
          log.error('event observer failed', { method, errorName: errorName(error) });
        }
      }
    },
    observe(observer) {
      observers.add(observer);
      return () => {
        observers.delete(observer);
      };
    },
  };
}
