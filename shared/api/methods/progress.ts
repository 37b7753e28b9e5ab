import { z } from 'zod';
import { Id, method, ProgressSchema } from '../schemas';

export const progressMethods = {
  'progress.get': method(z.object({ labellerId: Id }), ProgressSchema, 'Items judged / total.'),
} as const;
