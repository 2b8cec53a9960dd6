/** The one error type the rules engine throws, for bad input it cannot answer about. */
export type RulesErrorCode =
  | 'INVALID_AS_OF'
  | 'UNKNOWN_PROGRAMME'
  | 'UNSUPPORTED_MODE'
  | 'INVALID_FACT'
  | 'INVALID_RULE'
  | 'OVERLAPPING_VERSIONS'
  | 'MISSING_CATALOGUE';

export class RulesError extends Error {
  readonly code: RulesErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: RulesErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'RulesError';
    this.code = code;
    this.details = details;
  }
}
