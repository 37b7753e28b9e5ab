import { z } from 'zod';
import { GuidelinesSchema, TaskSettingsObject, TaskSettingsSchema } from '../../domain/task';
import { method } from '../schemas';

export const settingsMethods = {
  'settings.get': method(
    z.object({}),
    z.object({ task: TaskSettingsSchema, guidelines: GuidelinesSchema }),
    'The project’s task settings and guidelines, each with its version.',
  ),
  'settings.updateTask': method(
    z.object({ task: TaskSettingsObject.omit({ version: true }) }),
    TaskSettingsSchema,
    'Replace the task settings; returns them with the next version.',
  ),
  'settings.updateGuidelines': method(
    z.object({ markdown: z.string().max(1_000_000) }),
    GuidelinesSchema,
    'Replace the guidelines; returns them with the next version.',
  ),
} as const;
