import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey, parseJsonConfig } from './parse-json-config.js';

describe('findDuplicateKey', () => {
  it.each([
    ['top level', '{"a":1,"a":2}', { path: ['a'], line: 1 }],
    [
      'nested, after an escaped quote and braces in a string',
      '{"x":{"s":"}\\"{,","s":1}}',
      { path: ['x', 's'], line: 1 },
    ],
    ['escaped spelling of the same key', '{"skip":1,\n"sk\\u0069p":2}', { path: ['skip'], line: 2 }],
    ['inside an array element', '{"l":[0,{"k":1,"k":1}]}', { path: ['l', '1', 'k'], line: 1 }],
    ['same key in sibling objects is fine', '[{"a":1},{"a":2}]', undefined],
    ['same key at different depths is fine', '{"a":{"a":{"a":1}}}', undefined],
  ])('%s', (_n, text, want) => {
    JSON.parse(text); // the fixtures are valid JSON
    expect(findDuplicateKey(text)).toEqual(want);
  });

  it('never reports a duplicate in what JSON.stringify wrote', () => {
    fc.assert(fc.property(fc.json(), (text) => findDuplicateKey(text) === undefined));
  });

  it('parseJsonConfig names the file, the path and the line', () => {
    expect(() => parseJsonConfig('{\n "gate": {"to": "a",\n "to": "b"}}', 'c.json')).toThrow(
      'config c.json: gate.to: duplicate key (line 3); JSON keeps only the last one',
    );
    expect(() => parseJsonConfig('{', 'c.json')).toThrow(/config c.json: not valid JSON/);
  });
});
