import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonConfig } from './parse-json-config.js';

const refused = (where: string) => `config c.json: ${where}; JSON keeps only the last one`;

describe('parseJsonConfig refuses duplicate keys', () => {
  it.each([
    ['top level', '{"a":1,"a":2}', refused('a: duplicate key (line 1)')],
    [
      'nested, after an escaped quote and braces in a string',
      '{"x":{"s":"}\\"{,","s":1}}',
      refused('x.s: duplicate key (line 1)'),
    ],
    [
      'escaped spelling of the same key',
      '{"skip":1,\n"sk\\u0069p":2}',
      refused('skip: duplicate key (line 2)'),
    ],
    ['inside an array element', '{"l":[0,{"k":1,"k":1}]}', refused('l[1].k: duplicate key (line 1)')],
    ['a key holding / and ~', '{"a/b~":{"k":1,\n\n"k":1}}', refused("['a/b~'].k: duplicate key (line 3)")],
    ['same key in sibling objects is fine', '[{"a":1},{"a":2}]', undefined],
    ['same key at different depths is fine', '{"a":{"a":{"a":1}}}', undefined],
  ])('%s', (_n, text, want) => {
    JSON.parse(text); // the fixtures are valid JSON
    if (want === undefined) expect(parseJsonConfig(text, 'c.json')).toEqual(JSON.parse(text));
    else expect(() => parseJsonConfig(text, 'c.json')).toThrow(want);
  });

  it('never refuses what JSON.stringify wrote', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        parseJsonConfig(text, 'c.json');
      }),
    );
  });

  it('names the file, the path and the line', () => {
    expect(() => parseJsonConfig('{\n "gate": {"to": "a",\n "to": "b"}}', 'c.json')).toThrow(
      'config c.json: gate.to: duplicate key (line 3); JSON keeps only the last one',
    );
    expect(() => parseJsonConfig('{', 'c.json')).toThrow(/config c.json: not valid JSON/);
  });
});
