package dev.marketdata.bootstrap.config;

/**
 * One invalid setting.
 *
 * @param variable the environment variable at fault
 * @param shownValue its value as it may be shown (masked when secret)
 * @param expected what a valid value looks like
 */
public record ConfigProblem(String variable, String shownValue, String expected) {

  /** The one line an operator reads: what, which value, and what would be right. */
  public String message() {
    return variable + "=" + shownValue + " is invalid: expected " + expected;
  }
}
