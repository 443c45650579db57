// A full garbage collection on demand, for tests that check what stays reachable
// (WeakRef / FinalizationRegistry); V8 allows it once --expose-gc is set.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Lets pending jobs end (a WeakRef target is kept until its job ends), then collects twice. */
export async function forceGc(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}
