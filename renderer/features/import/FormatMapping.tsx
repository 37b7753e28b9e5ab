import type { ImportPreview } from '../../../shared/api/contract';
import type { ColumnMapping } from '../../../shared/formats/columns';
import type { FormatId } from '../../../shared/formats/shapes/types';
import { useAppStoreShallow } from '../../state/store';
import { FORMAT_LABELS } from '../../../shared/formats/shapes/types';
import { FORMAT_CHOICES } from './format-labels';

/**
 * Step 2b: what the records are. The detected shape (and why) is the default; the person can
 * choose another, and for tables (or any flat records) say which columns are the prompt, the
 * responses and their models.
 */
export function FormatMapping({ preview }: { preview: ImportPreview }) {
  const s = useAppStoreShallow((st) => ({
    options: st.importOptions,
    setOptions: st.setImportOptions,
    busy: st.importPreviewing,
  }));
  const detected = preview.detection.format;
  const score = (f: FormatId) =>
    preview.detection.candidates.find((c) => c.format === f)?.score ?? 0;
  const showMapping = preview.format === 'columns';
  return (
    <section className="import-card" aria-label="Format and mapping" data-testid="import-mapping">
      <div className="import-row">
        <label className="import-field">
          Read the records as
          <select
            value={s.options.format}
            onChange={(e) => void s.setOptions({ format: e.target.value as FormatId | 'auto' })}
            data-testid="import-format-select"
            disabled={s.busy}
          >
            <option value="auto">
              Detect automatically{detected ? ` (${FORMAT_LABELS[detected]})` : ''}
            </option>
            {FORMAT_CHOICES.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
                {score(f) > 0 ? ` — fits ${Math.round(100 * score(f))}%` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="import-check">
          <input
            type="checkbox"
            checked={s.options.skipBadLines}
            onChange={(e) => void s.setOptions({ skipBadLines: e.target.checked })}
            data-testid="import-skip-bad-lines"
          />
          Skip bad lines (import the rest and list every skipped line)
        </label>
      </div>
      <p
        className="hint"
        data-testid="import-detected"
        data-format={detected ?? ''}
        data-confidence={preview.detection.confidence}
      >
        {detected ? (
          <>
            Detected: <strong>{FORMAT_LABELS[detected]}</strong> — {preview.detection.reason}.
          </>
        ) : (
          <>Not recognised: {preview.detection.reason}.</>
        )}
      </p>
      {showMapping && preview.mapping ? (
        <ColumnMappingEditor
          fields={preview.detection.fields}
          mapping={preview.mapping}
          onChange={(mapping) => void s.setOptions({ format: 'columns', mapping })}
        />
      ) : null}
      {showMapping && !preview.mapping ? (
        <ColumnMappingEditor
          fields={preview.detection.fields}
          mapping={{
            id: null,
            prompt: preview.detection.fields[0] ?? '',
            system: null,
            responses: preview.detection.fields
              .slice(1, 3)
              .map((column) => ({ column, modelColumn: null })),
          }}
          onChange={(mapping) => void s.setOptions({ format: 'columns', mapping })}
        />
      ) : null}
    </section>
  );
}

function ColumnMappingEditor({
  fields,
  mapping,
  onChange,
}: {
  fields: string[];
  mapping: ColumnMapping;
  onChange: (m: ColumnMapping) => void;
}) {
  const pick = (
    value: string | null,
    set: (v: string | null) => void,
    optional: boolean,
    testId: string,
  ) => (
    <select value={value ?? ''} onChange={(e) => set(e.target.value || null)} data-testid={testId}>
      {optional ? <option value="">(none)</option> : null}
      {fields.map((f) => (
        <option key={f} value={f}>
          {f}
        </option>
      ))}
    </select>
  );
  const responses = mapping.responses;
  const setResponse = (i: number, patch: Partial<ColumnMapping['responses'][number]>) =>
    onChange({
      ...mapping,
      responses: responses.map((r, k) => (k === i ? { ...r, ...patch } : r)),
    });
  return (
    <div className="import-columns">
      <div className="import-row">
        <label className="import-field">
          Prompt{' '}
          {pick(
            mapping.prompt,
            (v) => v && onChange({ ...mapping, prompt: v }),
            false,
            'map-prompt',
          )}
        </label>
        <label className="import-field">
          Id {pick(mapping.id, (v) => onChange({ ...mapping, id: v }), true, 'map-id')}
        </label>
        <label className="import-field">
          System prompt{' '}
          {pick(mapping.system, (v) => onChange({ ...mapping, system: v }), true, 'map-system')}
        </label>
      </div>
      {responses.map((r, i) => (
        <div className="import-row" key={i}>
          <label className="import-field">
            Response {i + 1}{' '}
            {pick(r.column, (v) => v && setResponse(i, { column: v }), false, `map-response-${i}`)}
          </label>
          <label className="import-field">
            its model{' '}
            {pick(r.modelColumn, (v) => setResponse(i, { modelColumn: v }), true, `map-model-${i}`)}
          </label>
          <button
            type="button"
            className="ghost"
            disabled={responses.length <= 2}
            onClick={() => onChange({ ...mapping, responses: responses.filter((_, k) => k !== i) })}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({
            ...mapping,
            responses: [
              ...responses,
              {
                column:
                  fields.find((f) => !responses.some((r) => r.column === f)) ?? fields[0] ?? '',
                modelColumn: null,
              },
            ],
          })
        }
        disabled={fields.length === 0 || responses.length >= 64}
      >
        Add a response column
      </button>
      <p className="hint">Columns you do not map are kept with each item as metadata.</p>
    </div>
  );
}
