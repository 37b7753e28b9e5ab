import { SessionStats } from '../../components/SessionStats';
import { useAppStore } from '../../state/store';

/** This session's figures as they stand: only this re-renders when they change. */
export function ThisSession() {
  return <SessionStats summary={useAppStore((s) => s.summary)} />;
}
