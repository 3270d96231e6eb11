package dev.marketdata.adapters.out.nats;

/**
 * Hides the secret part of credentials embedded in URLs, wherever a URL is shown.
 *
 * <p>Works on any text, valid URL or not, in one pass: the user info of a URL is taken to run from
 * its {@code scheme://} to the last {@code @} before the next {@code ://} (or the end). A password
 * may hold {@code / @ : %}, spaces or commas, so no narrower rule is safe; hiding too much is
 * better than showing a secret.
 */
public final class UrlMasking {

  private static final String SCHEME_SEPARATOR = "://";
  private static final String HIDDEN = "***";

  private UrlMasking() {}

  /**
   * Masks every {@code user:password@} (keeps the user) and {@code token@} (hides it all).
   *
   * @param text any text that may hold URLs
   * @return the text with the secrets replaced by {@code ***}
   */
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
