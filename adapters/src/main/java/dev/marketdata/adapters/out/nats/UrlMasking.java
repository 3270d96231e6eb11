package dev.marketdata.adapters.out.nats;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides the secret part of credentials embedded in a URL, wherever a URL is shown. */
public final class UrlMasking {

  private static final Pattern USER_INFO =
      Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<userInfo>[^@/\\s]+)@");

  private UrlMasking() {}

  /**
   * Masks every {@code user:password@} (keeps the user) and {@code token@} (hides it all).
   *
   * @param text any text that may hold URLs
   * @return the text with the secrets replaced by {@code ***}
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    return USER_INFO
        .matcher(text)
        .replaceAll(
            match -> {
              String userInfo = match.group(2);
              int colon = userInfo.indexOf(':');
              String shown = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
              return Matcher.quoteReplacement(match.group(1) + shown + "@");
            });
  }
}
