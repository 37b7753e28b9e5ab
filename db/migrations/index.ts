import type { Migration } from './types';
import { initial } from './001-initial';
import { judgmentDetails } from './002-judgment-details';
import { team } from './004-team';
import { search } from './005-search';
import { judgmentFacts } from './006-judgment-facts';
import { repeatRevisions } from './007-repeat-revisions';
import { queueState } from './008-queue-state';
import { judges } from './010-judges';
import { teamHost } from './011-team-host';

/** Every migration, in order. Listed explicitly: a file on disk is not a migration until it is here. */
export const migrations: readonly Migration[] = [
  initial,
  judgmentDetails,
  team,
  search,
  judgmentFacts,
  repeatRevisions,
  queueState,
  judges,
  teamHost,
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
