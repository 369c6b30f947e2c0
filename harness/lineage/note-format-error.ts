/**
 * A signed note, vkey or checkpoint that does not follow C2SP's grammar. Not a ProofgateError:
 * a malformed anchor in a history is a trust finding (FAIL), not a usage error.
 */
export class NoteFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteFormatError';
  }
}
