package dev.marketdata.adapters.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({"2ms, 2", "1500ms, 1500", "5s, 5000", "90s, 90000", "2m, 120000", "1h, 3600000"})
  void writesDurationsTheWayTheyAreConfigured(String text, long millis) {
    assertEquals(text, DurationText.format(Duration.ofMillis(millis)));
    assertEquals(Optional.of(Duration.ofMillis(millis)), DurationText.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "-5s", "5 s", "1.5s", "5d", "PT5S", "1234567890s", ""})
  void rejectsAnythingElse(String text) {
    assertEquals(Optional.empty(), DurationText.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"0, 0ms"})
  void writesZeroInMilliseconds(long millis, String text) {
    assertEquals(text, DurationText.format(Duration.ofMillis(millis)));
  }
}
