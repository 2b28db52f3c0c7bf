/** Exit code for wrong usage of the command line (EX_USAGE from sysexits.h). */
export const EXIT_USAGE = 64;

/**
 * Exit code when the store's disk is full at start (EX_IOERR): not a configuration error, so
 * unlike 78 systemd may restart it, and it starts once there is space again.
 */
export const EXIT_IOERR = 74;

/**
 * Exit code when another relay uses the store (EX_TEMPFAIL): unlike 78, a restart by systemd
 * succeeds once the other one has stopped, as in a rolling deploy.
 */
export const EXIT_TEMPFAIL = 75;

/** Exit code for a configuration error (EX_CONFIG from sysexits.h; systemd shows it). */
export const EXIT_CONFIG = 78;
