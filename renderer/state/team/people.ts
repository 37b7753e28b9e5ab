import type { AuditEntry, Invitation, Person, Role } from '../../../shared/api/contract';
import type { SliceCreator } from '../store';

/**
 * A lead's part of a team host: the people invited (role, when, revoked), new invitations
 * (the link is shown once), revoking, the overlap of live hand-out, and the audit log, kept by
 * `access.changed` and `audit.appended` as they come.
 */
export interface PeopleSlice {
  people: Person[] | null;
  /** The latest invitation made on this page: its link is shown this once. */
  invitation: Invitation | null;
  audit: { entries: AuditEntry[]; more: boolean } | null;
  loadPeople: () => Promise<void>;
  invite: (name: string, role: Role) => Promise<void>;
  revoke: (labellerId: string) => Promise<void>;
  setOverlap: (overlap: number) => Promise<void>;
  loadAudit: () => Promise<void>;
  loadMoreAudit: () => Promise<void>;
}

const AUDIT_PAGE = 100;

export const createPeopleSlice: SliceCreator<PeopleSlice> = (set, get, client) => {
  // Leads only (EVENT_ACCESS). Invitations and revocations made anywhere (another lead's page,
  // `rankwise invite`) show here; an overlap change shows in the dashboard.
  client.on('access.changed', ({ what }) => {
    if (what === 'people' && get().people) void get().loadPeople();
    if (what === 'overlap' && get().dashboard) void get().loadDashboard();
  });
  client.on('audit.appended', (entry) => {
    const audit = get().audit;
    if (!audit || audit.entries.some((e) => e.seq === entry.seq)) return;
    set({ audit: { ...audit, entries: [entry, ...audit.entries] } });
  });
  return {
    people: null,
    invitation: null,
    audit: null,

    async loadPeople() {
      set({ people: (await client.call('access.list', {})).people });
    },

    async invite(name, role) {
      const invitation = await client.call('access.invite', { name, role });
      set({ invitation });
      await get().loadPeople();
    },

    async revoke(labellerId) {
      await client.call('access.revoke', { labellerId });
      const { invitation } = get();
      // The link shown for them no longer works.
      if (invitation?.labeller.id === labellerId) set({ invitation: null });
      await get().loadPeople();
    },

    async setOverlap(overlap) {
      await client.call('leases.setOverlap', { overlap });
      await get().loadDashboard();
    },

    async loadAudit() {
      set({ audit: await client.call('audit.list', { limit: AUDIT_PAGE }) });
    },

    async loadMoreAudit() {
      const audit = get().audit;
      const last = audit?.entries.at(-1);
      if (!audit || !last || !audit.more) return;
      const page = await client.call('audit.list', { limit: AUDIT_PAGE, before: last.seq });
      const seen = new Set(audit.entries.map((e) => e.seq));
      set({
        audit: {
          entries: [...audit.entries, ...page.entries.filter((e) => !seen.has(e.seq))],
          more: page.more,
        },
      });
    },
  };
};
