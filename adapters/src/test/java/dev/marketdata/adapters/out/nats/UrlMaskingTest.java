package dev.marketdata.adapters.out.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marketdata.adapters.config.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlMaskingTest {

  @Test
  void keepsTheUserButHidesThePassword() {
    assertEquals("nats://md:***@host:4222", UrlMasking.mask("nats://md:s3cret@host:4222"));
  }

  @Test
  void hidesATokenEntirely() {
    assertEquals("tls://***@host:4222", UrlMasking.mask("tls://t0ken@host:4222"));
  }

  @Test
  void masksEveryUrlOfAList() {
    assertEquals(
        "nats://a:***@h1:4222,nats://***@h2:4222",
        UrlMasking.mask("nats://a:b@h1:4222,nats://tok@h2:4222"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"q8W/7kLx+Zp0==", "p@ss@word", "pa:ss", "100%sure", "with space", "a,b", "/@:% ,"})
  void neverShowsAPasswordWhateverItHolds(String password) {
    String url = "nats://md:" + password + "@127.0.0.1:4222,nats://other:4222";

    String shown = UrlMasking.mask(url);

    assertEquals("nats://md:***@127.0.0.1:4222,nats://other:4222", shown);
  }

  @Test
  void hidesCredentialsWithoutAScheme() {
    assertEquals("***@host:4222", UrlMasking.mask("md:s3cret@host:4222"));
  }

  @Test
  void masksAHugeValueInLinearTime() {
    String huge = "nats://u:" + "/@".repeat(50_000) + "@h:4222";

    String shown = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> UrlMasking.mask(huge));

    assertEquals("nats://u:***@h:4222", shown);
  }

  @Test
  void leavesAUrlWithoutCredentialsAlone() {
    assertEquals("nats://host:4222", UrlMasking.mask("nats://host:4222"));
    assertNull(UrlMasking.mask(null));
  }

  @Test
  void credentialsNeverPrintSecrets() {
    String shown =
        new NatsCredentials.UserPassword("u", new Secret("pw-secret"))
            + " "
            + new NatsCredentials.Token(new Secret("tok-secret"));

    assertFalse(shown.contains("pw-secret"), shown);
    assertFalse(shown.contains("tok-secret"), shown);
  }
}
