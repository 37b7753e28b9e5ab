import { z } from 'zod';
import { Id, LabellerSchema, method } from '../schemas';

/**
 * access.*: on a team host (`rankwise serve --team`), people invited with links of their own,
 * each with a role. What each role may call is `METHOD_ACCESS` (shared/api/access.ts).
 */
export const ROLES = ['labeller', 'reviewer', 'lead'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const PersonSchema = z.object({
  labeller: LabellerSchema,
  role: RoleSchema,
  invitedAt: z.number().int(),
  /** When their access ended (their links stopped working), or null. */
  revokedAt: z.number().int().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

/** What `access.invite` (and `rankwise invite --json`) answers: the token is shown this once. */
export const InvitationSchema = z.object({
  labeller: LabellerSchema,
  role: RoleSchema,
  token: z.string(),
  /** The person's link, relative to the host: `/?token=…`. */
  url: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const accessMethods = {
  'access.list': method(
    z.object({}),
    z.object({ people: z.array(PersonSchema) }),
    'Everyone invited to this project, with their role and whether their access was revoked.',
  ),
  'access.invite': method(
    z.object({ name: z.string().trim().min(1).max(200), role: RoleSchema }),
    InvitationSchema,
    'Invite a person (a name already in the project keeps its id) with a role; returns their link, shown this once. Inviting someone again replaces their link.',
  ),
  'access.revoke': method(
    z.object({ labellerId: Id }),
    z.object({ labeller: LabellerSchema, revoked: z.boolean() }),
    'End a person’s access: their links stop working at their next request (their work stays).',
  ),
} as const;

export const accessEvents = {
  /** Invitations, revocations or the overlap changed (on this host or by `rankwise invite`). */
  'access.changed': z.object({ what: z.enum(['people', 'overlap']) }),
  /** This person's access was revoked: sent to their own pages only, before their stream closes. */
  'access.revoked': z.object({ labellerId: Id }),
} as const;
