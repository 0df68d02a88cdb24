/** Exit statuses every subcommand keeps to. */
export const EXIT_OK = 0;
/** The input was read and the answer is bad news (an error diagnostic, a failing layout). */
export const EXIT_FINDINGS = 1;
/** Bad usage or unreadable input. */
export const EXIT_BAD_INPUT = 2;

/** Thrown for bad usage; main() prints the message and exits 2. */
export class UsageError extends Error {}
