// Type augmentation for `import 'proofgate/vitest'` (Vitest ≥ 3.2: one `Matchers` interface types
// expect(), expect.extend and asymmetric matchers). A .ts file, not .d.ts, so tsc ships it in dist/.
import 'vitest';
import type { OpenApiMatcherOptions } from './openapi-matchers.js';
import type { SpecInput } from './spec-input.js';

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The received spec (path, LoadedSpec or document) has no breaking change from `base`. Await it. */
    toHaveNoBreakingChangesFrom(base: SpecInput, options?: OpenApiMatcherOptions): Promise<void>;
    /** The received spec only adds to `base` (verdict `additive`: no breaking change, at least one addition). Await it. */
    toBeAdditiveTo(base: SpecInput, options?: OpenApiMatcherOptions): Promise<void>;
  }
}
