/** Exit code for wrong usage of the command line (EX_USAGE from sysexits.h). */
export const EXIT_USAGE = 64;

/**
 * Exit code when another relay uses the store (EX_TEMPFAIL): unlike 78, a restart by systemd
 * succeeds once the other one has stopped, as in a rolling deploy.
 */
export const EXIT_TEMPFAIL = 75;

/** Exit code for a configuration error (EX_CONFIG from sysexits.h; systemd shows it). */
export const EXIT_CONFIG = 78;
