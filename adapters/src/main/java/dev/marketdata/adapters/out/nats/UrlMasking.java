package dev.marketdata.adapters.out.nats;

/**
 * Hides credentials in URLs: user info runs from {@code scheme://} to the last {@code @} before the
 * next {@code ://}, since a password may hold {@code / @ : %}; hiding too much beats showing one.
 */
public final class UrlMasking {
  private UrlMasking() {}

  /** Masks every {@code user:password@} (keeps the user) and {@code token@} (hides it all). */
  public static String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    String[] parts = text.split("://", -1);
    for (int i = 0; i < parts.length; i++) {
      int at = parts[i].lastIndexOf('@');
      int colon = parts[i].indexOf(':');
      if (at >= 0) {
        // Before the first scheme there is no user to keep: "user:pass@host" hides it all.
        String user = i > 0 && colon >= 0 && colon < at ? parts[i].substring(0, colon + 1) : "";
        parts[i] = user + "***" + parts[i].substring(at);
      }
    }
    return String.join("://", parts);
  }
}
