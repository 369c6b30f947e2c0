import { InputError } from '../errors/index.js';
import { SIGNING_MODES } from '../release/matrix.js';
import { isPlainObject } from './read-json.js';
import type { ReleaseJson, ReleaseClass } from './types.js';

const CLASSES: readonly ReleaseClass[] = ['patch', 'minor', 'major'];

/**
 * Validates `release.json` (DESIGN §5 release artifact): every field present with its type, and the
 * signing fields consistent. Unknown members are allowed (later sections may add some).
 */
export function parseReleaseJson(value: unknown, file: string): ReleaseJson {
  const fail = (pointer: string, message: string): never => {
    throw new InputError('ERR_RELEASE', message, {
      file,
      pointer,
      hint: 'fix release.json (see docs/migrations.md)',
    });
  };
  if (!isPlainObject(value)) return fail('', 'release.json must be a JSON object');
  const str = (key: string): string => {
    const v = value[key];
    if (typeof v !== 'string' || v.trim() === '') return fail(`/${key}`, `${key} must be a non-empty string`);
    return v;
  };
  const strList = (key: string, nonEmpty: boolean): string[] => {
    const v = value[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === ''))
      return fail(`/${key}`, `${key} must be an array of non-empty strings`);
    const list = v as string[];
    if (nonEmpty && list.length === 0) return fail(`/${key}`, `${key} must not be empty`);
    if (new Set(list).size !== list.length) return fail(`/${key}`, `${key} has duplicate entries`);
    return list;
  };

  const apiVersions = (list: string[]): string[] => {
    list.forEach((v, i) => {
      if (!/^v[1-9][0-9]*$/.test(v))
        fail(`/supported_api_versions/${i}`, `API version ${JSON.stringify(v)} is not of the form v<N>`);
    });
    return list;
  };

  const version = str('version');
  if (!/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/.test(version))
    fail('/version', `version ${JSON.stringify(version)} may hold only letters, digits and . + _ -`);
  const code_sha = str('code_sha');
  if (!/^[0-9a-f]{7,40}$/.test(code_sha)) fail('/code_sha', 'code_sha must be 7 to 40 lowercase hex digits');

  if (!('expected_alembic_head' in value))
    fail('/expected_alembic_head', 'expected_alembic_head is required (a head, or null to not pin one)');
  const head = value['expected_alembic_head'];
  // Same shape as the startup guard's EXPECTED_ALEMBIC_HEAD (harness/release).
  if (head !== null && (typeof head !== 'string' || !/^[A-Za-z0-9_.:-]{1,128}$/.test(head)))
    fail('/expected_alembic_head', 'expected_alembic_head must be null or 1-128 of A-Z a-z 0-9 _ . : -');

  const signing_mode = str('signing_mode');
  const signing_required = value['signing_required'];
  if (typeof signing_required !== 'boolean')
    return fail('/signing_required', 'signing_required must be true or false');
  if (!(SIGNING_MODES as readonly string[]).includes(signing_mode))
    fail('/signing_mode', `signing_mode must be one of ${SIGNING_MODES.join(', ')}`);
  if (signing_required !== (signing_mode === 'required'))
    fail(
      '/signing_required',
      `signing_required=${signing_required} contradicts signing_mode=${signing_mode}`,
    );

  const cls = value['class'];
  if (cls !== undefined && !CLASSES.includes(cls as ReleaseClass))
    fail('/class', `class must be one of ${CLASSES.join(', ')}`);

  return {
    version,
    ...(cls === undefined ? {} : { class: cls as ReleaseClass }),
    code_sha,
    expected_alembic_head: head as string | null,
    supported_api_versions: apiVersions(strList('supported_api_versions', true)),
    enabled_feature_flags: strList('enabled_feature_flags', false),
    signing_mode,
    signing_required,
  };
}
