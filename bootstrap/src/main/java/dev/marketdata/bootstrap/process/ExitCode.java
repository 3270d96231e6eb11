package dev.marketdata.bootstrap.process;

/** The process exit codes, as the README's table explains them (sysexits.h where one fits). */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 64; // EX_USAGE
  public static final int START_FAILED = 70; // EX_SOFTWARE
  public static final int CONFIG = 78; // EX_CONFIG

  private ExitCode() {}
}
