import { useEffect } from 'react';
import { useStoreApi } from '../../state/store';

/**
 * Feeds the active-time clock: any key, click, wheel, scroll or pointer movement is activity;
 * hiding the window pauses the clock and saves the draft at once (a closed laptop lid, a
 * switched tab, a quit: whatever comes next, the half-made judgment is on disk).
 */
export function useActivityClock(): void {
  const store = useStoreApi();
  useEffect(() => {
    let lastMove = 0;
    const active = () => store.getState().noteActivity();
    const moved = (e: Event) => {
      // Pointer moves come by the hundred: one a second is plenty to know someone is there.
      if (e.timeStamp - lastMove < 1000) return;
      lastMove = e.timeStamp;
      active();
    };
    const visibility = () => {
      const s = store.getState();
      if (document.visibilityState === 'hidden') {
        s.pauseClock();
        void s.flushDraft();
      } else s.noteActivity();
    };
    const leaving = () => void store.getState().flushDraft();
    const opts = { capture: true, passive: true } as const;
    const onDocument: Array<[string, (e: Event) => void]> = [
      ['keydown', active],
      ['pointerdown', active],
      ['wheel', active],
      ['scroll', moved],
      ['pointermove', moved],
    ];
    for (const [type, f] of onDocument) document.addEventListener(type, f, opts);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leaving);
    return () => {
      for (const [type, f] of onDocument) document.removeEventListener(type, f, opts);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leaving);
    };
  }, [store]);
}
