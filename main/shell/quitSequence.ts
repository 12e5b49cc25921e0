/**
 * Quitting without losing anything: stop syncing (the worker finishes the page in flight and
 * commits it with its cursor), then close the database, then exit. A second quit request while
 * this runs changes nothing; if a step hangs, the app still exits after a deadline, because the
 * page transaction guarantees that an interrupted page is simply fetched again next time.
 */
export interface QuitSteps {
  readonly stopSync: () => Promise<void>;
  readonly closeDatabase: () => Promise<void> | void;
  readonly exit: (code: number) => void;
  readonly deadlineMs?: number;
  readonly onStepFailed?: (step: 'stopSync' | 'closeDatabase' | 'deadline') => void;
}

export function createQuitSequence(steps: QuitSteps): () => Promise<void> {
  let quitting: Promise<void> | undefined;
  return () => {
    quitting ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => { resolve('deadline'); }, steps.deadlineMs ?? 15_000);
      });
      const orderly = (async () => {
        try {
          await steps.stopSync();
        } catch {
          steps.onStepFailed?.('stopSync');
        }
        try {
          await steps.closeDatabase();
        } catch {
          steps.onStepFailed?.('closeDatabase');
        }
        return 'done' as const;
      })();
      const outcome = await Promise.race([orderly, deadline]);
      clearTimeout(timer);
      if (outcome === 'deadline') steps.onStepFailed?.('deadline');
      steps.exit(0);
    })();
    return quitting;
  };
}
