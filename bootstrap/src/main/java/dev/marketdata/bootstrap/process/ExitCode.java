package dev.marketdata.bootstrap.process;

/** The process exit codes, as documented in the README (sysexits.h where one fits). */
public final class ExitCode {
  /** Clean shutdown, or the probe found the service ready. */
  public static final int OK = 0;

  /** The shutdown deadline was missed, or the probe found the service not ready. */
  public static final int FAILURE = 1;

  /** Unknown command-line argument (EX_USAGE). */
  public static final int USAGE = 64;

  /** The service could not start, e.g. its health port already taken (EX_SOFTWARE). */
  public static final int START_FAILED = 70;

  /** Invalid configuration (EX_CONFIG). */
  public static final int CONFIG = 78;

  private ExitCode() {}
}
