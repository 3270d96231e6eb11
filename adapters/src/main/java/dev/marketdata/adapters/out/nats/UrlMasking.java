package dev.marketdata.adapters.out.nats;

/**
 * Hides credentials in URLs: user info runs from {@code scheme://} to the last {@code @} before the
 * next {@code ://}, since a password may hold {@code / @ : %}; hiding too much beats showing one.
 */
public final class UrlMasking {
  private static final String SCHEME_SEPARATOR = "://";
  private static final String HIDDEN = "***";

  private UrlMasking() {}

  /** Masks every {@code user:password@} (keeps the user) and {@code token@} (hides it all). */
  public static String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length());
    int regionStart = 0;
    int separator = text.indexOf(SCHEME_SEPARATOR);
    if (separator < 0) {
      // No scheme at all: whatever precedes the last '@' may be credentials.
      return maskRegion(text, 0, text.length(), shown, false).toString();
    }
    // Text before the first scheme may itself be "user:pass@host" without a scheme.
    maskRegion(text, 0, separator, shown, false);
    while (separator >= 0) {
      shown.append(SCHEME_SEPARATOR);
      regionStart = separator + SCHEME_SEPARATOR.length();
      int next = text.indexOf(SCHEME_SEPARATOR, regionStart);
      int regionEnd = next < 0 ? text.length() : next;
      maskRegion(text, regionStart, regionEnd, shown, true);
      separator = next;
    }
    return shown.toString();
  }

  private static StringBuilder maskRegion(
      String text, int start, int end, StringBuilder shown, boolean afterScheme) {
    int at = text.lastIndexOf('@', end - 1);
    if (at < start) {
      return shown.append(text, start, end);
    }
    int colon = text.indexOf(':', start);
    if (afterScheme && colon >= 0 && colon < at) {
      shown.append(text, start, colon).append(':');
    }
    return shown.append(HIDDEN).append(text, at, end);
  }
}
