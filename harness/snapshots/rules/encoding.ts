import type { Delta } from '../diff/types.js';
import { fromTo, rule, type RuleFamily } from './define.js';

const F = 'encoding';

/**
 * Form bodies (OAS 3.1 §4.8.15 Encoding Object): how each property travels. A serialization change
 * is judged like the same change on a parameter (request-parameter-style-changed …): callers must
 * encode differently (`metadata[k]=v` becomes `metadata=k,v`), or clients must parse differently.
 */
export const encoding: RuleFamily = {
  family: F,
  rules: [
    ...(['request-body', 'response-body'] as const).flatMap((s) => [
      rule(
        F,
        `${s}-encoding-style-changed`,
        'breaking',
        'A different style changes how the property is serialized.',
      ),
      rule(
        F,
        `${s}-encoding-explode-changed`,
        'breaking',
        'A different explode setting changes how the property is serialized.',
      ),
      rule(
        F,
        `${s}-encoding-allow-reserved-changed`,
        'breaking',
        'Reserved characters become allowed or percent-encoded.',
      ),
      rule(
        F,
        `${s}-encoding-content-type-changed`,
        'breaking',
        'The part is sent as a different media type.',
      ),
    ]),
    rule(
      F,
      'request-body-encoding-required-header-added',
      'breaking',
      'Callers do not send the new required part header.',
    ),
    rule(
      F,
      'request-body-encoding-optional-header-added',
      'additive',
      'Callers may send a new optional part header.',
    ),
    rule(
      F,
      'request-body-encoding-header-became-required',
      'breaking',
      'Callers that omitted the part header are rejected.',
    ),
    rule(
      F,
      'request-body-encoding-header-removed',
      'non-breaking',
      'The server no longer reads a part header callers may still send.',
    ),
    rule(
      F,
      'response-body-encoding-required-header-added',
      'additive',
      'A new part header clients may ignore.',
    ),
    rule(
      F,
      'response-body-encoding-optional-header-added',
      'additive',
      'A new part header clients may ignore.',
    ),
    rule(
      F,
      'response-body-encoding-header-became-required',
      'non-breaking',
      'A stronger guarantee for clients.',
    ),
    rule(
      F,
      'response-body-encoding-header-removed',
      'breaking',
      'Clients that read the part header lose it.',
    ),
  ],
  judge(d: Delta) {
    if (!d.change.startsWith('encoding-')) return undefined;
    const dir =
      d.scope === 'request-body' ? 'request-body' : d.scope === 'response-body' ? 'response-body' : undefined;
    if (!dir) return undefined;
    const f = d.facts ?? {};
    const where = `${dir === 'request-body' ? 'request body' : `response ${String(f['status'] ?? '')}`} \`${String(f['mediaType'])}\` property \`${d.subject}\``;
    if (d.change === 'encoding-header-added') {
      const req = f['required'] === true ? 'required' : 'optional';
      return {
        id: `${dir}-encoding-${req}-header-added`,
        message: `${where}: new ${req} part header \`${String(f['header'])}\``,
      };
    }
    if (d.change === 'encoding-header-removed' || d.change === 'encoding-header-became-required')
      return {
        id: `${dir}-${d.change}`,
        message: `${where}: part header \`${String(f['header'])}\` ${d.change === 'encoding-header-removed' ? 'removed' : 'became required'}`,
      };
    return {
      id: `${dir}-${d.change}`,
      message: `${where}: ${d.change.slice('encoding-'.length).replace(/-/g, ' ')}${fromTo(d)}`,
    };
  },
};
