package dev.marketdata.adapters.config;

/** One invalid setting, as the one line an operator reads: what, which value, what is right. */
public record ConfigProblem(String variable, String shownValue, String expected) {
  public String message() {
    return variable + "=" + shownValue + " is invalid: expected " + expected;
  }
}
