import type { EventName, EventPayload } from '../shared/api/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Backend → UI events. Transports subscribe once and forward everything. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // A broken subscriber (a closed window, a dropped socket) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
