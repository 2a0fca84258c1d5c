/**
 * A mistake in what the user asked for (a flag, a file, a control, a row): the CLI prints it as one
 * clear line and exits with code 2, never with a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE_EXIT_CODE = 2;
