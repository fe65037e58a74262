/** A parse failure that names the file and the problem; the batch goes on without it. */
export class ParseError extends Error {
  constructor(readonly path: string, readonly rule: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ParseError';
  }
}
