import { roleAllows, type Role } from '../../shared/api/access';

/**
 * Who is connected to a team host: the pages holding its event stream, by person, and when
 * each person last made a request. Kept by the host (cli/serve), read by the dashboard.
 */
export class Presence {
  private readonly streams = new Map<string, { count: number; role: Role }>();
  private readonly seenAt = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  /** A request from this person: when they were last seen (not an event: it changes all the time). */
  seen(labellerId: string, at = Date.now()): void {
    this.seenAt.set(labellerId, at);
  }

  /** A page of theirs opened the event stream; call the returned function when it closes. */
  connect(labellerId: string, role: Role): () => void {
    const s = this.streams.get(labellerId) ?? { count: 0, role };
    s.count++;
    s.role = role;
    this.streams.set(labellerId, s);
    this.seen(labellerId);
    if (s.count === 1) this.changed();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      s.count--;
      this.seen(labellerId);
      if (s.count === 0) {
        this.streams.delete(labellerId);
        this.changed();
      }
    };
  }

  connected(labellerId: string): boolean {
    return (this.streams.get(labellerId)?.count ?? 0) > 0;
  }

  lastSeenAt(labellerId: string): number | null {
    return this.seenAt.get(labellerId) ?? null;
  }

  /** Is anyone with at least this role connected (someone to show a dashboard to)? */
  watching(role: Role): boolean {
    for (const s of this.streams.values()) if (roleAllows(s.role, role)) return true;
    return false;
  }

  /** Called when someone connects or the last page of someone closes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
