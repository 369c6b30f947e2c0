// `import 'proofgate/vitest'` (e.g. in a vitest setupFiles entry) registers the OpenAPI matchers.
import { expect } from 'vitest';
import { openapiMatchers } from './openapi-matchers.js';
import './vitest-types.js';

expect.extend(openapiMatchers);

export { openapiMatchers, type OpenApiMatcherOptions } from './openapi-matchers.js';
export type { SpecInput } from './spec-input.js';
