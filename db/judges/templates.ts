import { ApiError } from '../../shared/api/errors';
import {
  DEFAULT_JUDGE_TEMPLATE,
  JudgeTemplateSchema,
  templateProblem,
  type JudgeTemplate,
} from '../../shared/judges/template';
import { SuggestionSettingsSchema, type SuggestionSettings } from '../../shared/judges/judge';
import type { Db } from '../open';
import { getSetting, setSetting } from '../settings';
import { findJudge } from './store';

const TEMPLATE_KEY = 'judge.template';
const SUGGESTIONS_KEY = 'judge.suggestions';

/** The project's judge template: version 1 is the default until someone edits it. */
export function getJudgeTemplate(db: Db): JudgeTemplate & { isDefault: boolean } {
  const parsed = JudgeTemplateSchema.safeParse(getSetting<unknown>(db, TEMPLATE_KEY));
  return parsed.success
    ? { ...parsed.data, isDefault: false }
    : { version: 1, text: DEFAULT_JUDGE_TEMPLATE, isDefault: true };
}

/**
 * Replace the template; the version moves on, as the guidelines' does, so each judge records
 * the version it was run with. The same text again changes nothing (no new version).
 */
export function setJudgeTemplate(db: Db, text: string): JudgeTemplate & { isDefault: boolean } {
  const problem = templateProblem(text);
  if (problem) throw new ApiError('INVALID_INPUT', `judge template: ${problem}`);
  return db.transaction(() => {
    const current = getJudgeTemplate(db);
    if (current.text === text) return current;
    const next = { version: current.version + 1, text };
    setSetting(db, TEMPLATE_KEY, next);
    return { ...next, isDefault: false };
  })();
}

/** Whether labellers see a judge's verdict, and which judge (off unless the lead turns it on). */
export function getSuggestionSettings(db: Db): SuggestionSettings {
  const parsed = SuggestionSettingsSchema.safeParse(getSetting<unknown>(db, SUGGESTIONS_KEY) ?? {});
  return parsed.success ? parsed.data : { mode: 'off', judge: null };
}

export function setSuggestionSettings(db: Db, s: SuggestionSettings): SuggestionSettings {
  if (s.mode !== 'off') {
    if (s.judge === null)
      throw new ApiError('INVALID_INPUT', `suggestions ${s.mode} judging need a judge to show`);
    if (!findJudge(db, s.judge))
      throw new ApiError('NOT_FOUND', `no judge named ${JSON.stringify(s.judge)} in this project`);
  }
  const next = SuggestionSettingsSchema.parse(s);
  setSetting(db, SUGGESTIONS_KEY, next);
  return next;
}
