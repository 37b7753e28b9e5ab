import { z } from 'zod';
import { method, ProjectInfoSchema } from '../schemas';

export const projectMethods = {
  'project.info': method(
    z.object({}),
    ProjectInfoSchema,
    'Counts and settings of the open project.',
  ),
} as const;
