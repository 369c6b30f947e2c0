export {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  type BundleAnchor,
  type BundleManifest,
  type BundleRecord,
  type KeyBinding,
  type RecordBatch,
  type RecordBytes,
} from './types.js';
export { readBundle, type Bundle } from './read-bundle.js';
export { writeBundle, type WriteBundleInput, type WriteBundleResult } from './write-bundle.js';
export { parseRecordLine, parseAnchorLine } from './parse-lines.js';
export { stableJson } from './stable-json.js';
export { MAX_LINE_BYTES } from './read-lines.js';
