import { Type, type ObjectOptions, type TObject, type TOptional, type TSchema } from '@sinclair/typebox';

/**
 * One top-level section of proofgate.config: its key, its strict schema (every object in it has
 * `additionalProperties: false`) and, where JSON Schema cannot say it, extra checks that return
 * problems as `[path relative to the section, message]`.
 */
export interface ConfigSection<S extends TObject = TObject> {
  key: string;
  schema: S;
  refine?: (value: never) => Array<[path: string, message: string]>;
}

export function defineSection<S extends TObject>(section: ConfigSection<S>): ConfigSection<S> {
  return section;
}

/** A strict object whose keys are a fixed list (stage ids, environments, categories), each optional. */
export function keyedObject<K extends string, T extends TSchema>(
  keys: readonly K[],
  value: T,
  options: ObjectOptions,
): TObject<{ [P in K]: TOptional<T> }> {
  const props = Object.fromEntries(keys.map((k) => [k, Type.Optional(value)])) as unknown as {
    [P in K]: TOptional<T>;
  };
  return Type.Object(props, { ...options, additionalProperties: false });
}
