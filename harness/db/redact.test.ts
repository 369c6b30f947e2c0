import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets, redactUrl, registerEnvSecrets, registerUrlSecrets } from './redact.js';

describe('redactSecrets masks every credential form', () => {
  it.each([
    ['URL userinfo', 'postgres://alice:s3cr%40t@db:5432/x', 'postgres://alice:***@db:5432/x', 's3cr'],
    ['userinfo with an unencoded @', 'postgres://al:p@ss@db/x', 'postgres://al:***@db/x', 'p@ss'],
    [
      'URL query',
      'postgres://al@db/x?sslmode=require&password=Hunter2',
      'postgres://al@db/x?sslmode=require&password=***',
      'Hunter2',
    ],
    [
      'conninfo, quoted',
      "host=db password='with space' dbname=x",
      'host=db password=*** dbname=x',
      'with space',
    ],
    [
      'conninfo, sslpassword',
      'host=db sslpassword=keypass1 user=a',
      'host=db sslpassword=*** user=a',
      'keypass1',
    ],
    ['env variable', 'PGPASSWORD=abcdef123 psql -h db', 'PGPASSWORD=*** psql -h db', 'abcdef123'],
    ['env token', 'GITHUB_TOKEN=ghp_123456 x', 'GITHUB_TOKEN=*** x', 'ghp_123456'],
    ['bearer header', 'Authorization: Bearer eyJh.abc.def', 'Authorization: Bearer ***', 'eyJh'],
    ['basic header', 'authorization: Basic dXNlcjpwYXNz', 'authorization: Basic ***', 'dXNlcjpwYXNz'],
    ['JSON member', '{"password": "topsecret", "x": 1}', '{"password": "***", "x": 1}', 'topsecret'],
  ])('%s', (_n, input, want, secret) => {
    const out = redactSecrets(input);
    expect(out).toBe(want);
    expect(out).not.toContain(secret);
    expect(redactSecrets(out)).toBe(out); // idempotent
  });

  it('leaves text without credentials alone', () => {
    const s = 'postgres://alice@db/x?sslmode=require TOKEN_TTL is 3600; passed: 12; tokenUrl https://a/b';
    expect(redactSecrets(s)).toBe(s);
  });

  it('masks a password seen in a URL wherever it appears later', () => {
    registerUrlSecrets('postgres://u@h/db?password=QuErYpw9%21');
    expect(redactSecrets('server said: QuErYpw9! is wrong (QuErYpw9%21)')).toBe(
      'server said: *** is wrong (***)',
    );
    registerEnvSecrets({
      DB_PASSWORD: 'envsecret42',
      PWD: '/home/alice',
      TOKEN_TTL: '360000',
      POSTGRES_PASSWORD: 'postgres',
    });
    expect(redactSecrets('envsecret42 in /home/alice after 360000 on postgres')).toBe(
      '*** in /home/alice after 360000 on postgres',
    );
    expect(redactSecrets('postgres://postgres:postgres@db/x')).toBe('postgres://postgres:***@db/x');
  });

  it('redactUrl masks userinfo and query passwords', () => {
    expect(redactUrl('postgres://u:pw1234@h/db?password=QP1234&x=1')).toBe(
      'postgres://u:***@h/db?password=***&x=1',
    );
  });

  it('redactDeep masks strings and values under credential-like keys', () => {
    expect(
      redactDeep({
        a: 'postgres://u:pw@h',
        password: 'zz',
        tokenUrl: 'https://x',
        n: 1,
        l: ['PGPASSWORD=q'],
      }),
    ).toEqual({
      a: 'postgres://u:***@h',
      password: '***',
      tokenUrl: 'https://x',
      n: 1,
      l: ['PGPASSWORD=***'],
    });
  });
});
