package dev.marketdata.bootstrap.config;

/** One invalid setting. */
public record ConfigProblem(String variable, String shownValue, String expected) {

  /** The one line an operator reads: what, which value, and what would be right. */
  public String message() {
    return variable + "=" + shownValue + " is invalid: expected " + expected;
  }
}
