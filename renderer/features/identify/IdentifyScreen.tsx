import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../state/store';

/** First start on this installation: who is labelling? Stored once, carried by every judgment. */
export function IdentifyScreen() {
  const identify = useAppStore((s) => s.identify);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    identify(name).catch((err: Error) => setError(err.message));
  };
  return (
    <main className="identify">
      <form onSubmit={submit} aria-label="Who is labelling">
        <h2>Welcome to Rankwise</h2>
        <p>
          Your name is stored with every judgment you make, so your lead can merge and review the
          work.
        </p>
        <label>
          Your name
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="identify-name"
            maxLength={100}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={!name.trim()}
          data-testid="identify-submit"
        >
          Start labelling
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </main>
  );
}
