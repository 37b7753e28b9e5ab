import { resolve } from 'node:path';
import { RoleSchema } from '../../shared/api/contract';
import { commandLineActor } from '../../db/team-host/audit';
import { findPerson, invitePerson, revokePerson } from '../../db/team-host/people';
import { openProject } from '../../db/open';
import { parse, UsageError } from '../args';
import type { Io } from '../io';

export const usage =
  'rankwise invite <project.rankwise> --name NAME --role labeller|reviewer|lead [--json] | --revoke NAME [--json]';

/**
 * Invite a person to a project's team host, or end their access. Works whether or not a host
 * is running: a running `rankwise serve --team` looks every link up in the file at each
 * request, so the new link works, and the revoked one stops, at once.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      name: { type: 'string' },
      role: { type: 'string' },
      revoke: { type: 'string' },
      json: { type: 'boolean' },
    },
    ['project'],
  );
  if (values.revoke !== undefined && (values.name !== undefined || values.role !== undefined))
    throw new UsageError('--revoke NAME stands alone: it takes no --name or --role');
  if (values.revoke === undefined) {
    if (!values.name?.trim()) throw new UsageError('missing --name NAME');
    if (values.role === undefined) throw new UsageError('missing --role labeller|reviewer|lead');
  }
  const role = values.role === undefined ? null : RoleSchema.safeParse(values.role);
  if (role && !role.success)
    throw new UsageError(
      `--role must be labeller, reviewer or lead, got ${JSON.stringify(values.role)}`,
    );
  await Promise.resolve();
  // Checked before writing (the writable default): nothing goes into a damaged file.
  const project = openProject(resolve(positionals[0]!));
  try {
    if (values.revoke !== undefined) {
      const who = findPerson(project.db, values.revoke);
      if (!who)
        throw new Error(`no one named or with id ${JSON.stringify(values.revoke)} in this project`);
      const { labeller, revoked } = revokePerson(project.db, who.id, commandLineActor());
      if (values.json) io.out(JSON.stringify({ labeller, revoked }));
      else
        io.out(
          revoked
            ? `revoked ${labeller.name}'s access (${labeller.id}): their links stop working at their next request`
            : `${labeller.name} had no access to revoke`,
        );
      return 0;
    }
    const { invitation } = invitePerson(
      project.db,
      { name: values.name!.trim(), role: role!.data },
      commandLineActor(),
    );
    if (values.json) {
      const { labeller, role: r, token, url } = invitation;
      io.out(
        JSON.stringify({ labeller: { id: labeller.id, name: labeller.name }, role: r, token, url }),
      );
    } else
      io.out(
        [
          `invited ${invitation.labeller.name} (${invitation.labeller.id}) as ${invitation.role}`,
          `their link (after the host's address, e.g. http://HOST:PORT): ${invitation.url}`,
          'it is shown once and stored only as a hash; inviting them again makes a new one and ends this one',
        ].join('\n'),
      );
    return 0;
  } finally {
    project.close();
  }
}
