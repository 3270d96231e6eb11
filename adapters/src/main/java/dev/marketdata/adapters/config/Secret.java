package dev.marketdata.adapters.config;

/** A value never shown: whatever prints it, a record's toString included, prints ***. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value;
  }

  public char[] reveal() {
    return value.toCharArray();
  }

  @Override
  public String toString() {
    return "***";
  }
}
