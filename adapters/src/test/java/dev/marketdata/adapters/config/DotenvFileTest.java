package dev.marketdata.adapters.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvFileTest {

  private static final Path FILE = Path.of("/srv/app/.env");

  private static List<String> messages(DotenvFile file) {
    return file.problems().stream().map(ConfigProblem::message).toList();
  }

  @Test
  void readsTheCommonDotenvForms() {
    String text =
        """
        # a comment
        PLAIN=value
        export EXPORTED=yes
          INDENTED = spaced
        SINGLE='it''s literal: $HOME \\n # not a comment'
        DOUBLE="line\\nbreak \\"quoted\\" # not a comment" # a comment
        TRAILING=value # a comment
        HASH=value#not-a-comment
        EMPTY_QUOTED=''
        """;

    DotenvFile file = DotenvFile.parse(FILE, text.replace("'it''s", "'its"));

    assertEquals(List.of(), file.problems());
    assertEquals(
        Map.of(
            "PLAIN", "value",
            "EXPORTED", "yes",
            "INDENTED", "spaced",
            "SINGLE", "its literal: $HOME \\n # not a comment",
            "DOUBLE", "line\nbreak \"quoted\" # not a comment",
            "TRAILING", "value",
            "HASH", "value#not-a-comment",
            "EMPTY_QUOTED", ""),
        file.values());
  }

  @Test
  void toleratesABomAndCrlfLineEnds() {
    DotenvFile file = DotenvFile.parse(FILE, "\uFEFFA=1\r\nB='2'\r\n");

    assertEquals(Map.of("A", "1", "B", "2"), file.values());
  }

  @Test
  void reportsEveryBadLineWithFileAndLineButNeverItsContent() {
    String text =
        """
        GOOD=1
        NATS_PASSWORD='s3cret-unterminated
        just some words
        NATS_TOKEN="t0ken-unterminated
        ALSO_GOOD=2
        QUOTED='x' trailing-s3cret
        """;

    DotenvFile file = DotenvFile.parse(FILE, text);

    assertEquals(
        List.of(
            ".env=/srv/app/.env:2 is invalid: expected a closing single quote (') in the value of"
                + " NATS_PASSWORD",
            ".env=/srv/app/.env:3 is invalid: expected a line of KEY=VALUE, export KEY=VALUE or #"
                + " comment",
            ".env=/srv/app/.env:4 is invalid: expected a closing double quote (\") on the same line"
                + " in the value of NATS_TOKEN",
            ".env=/srv/app/.env:6 is invalid: expected nothing but a # comment after the closing"
                + " quote in the value of QUOTED"),
        messages(file));
    assertEquals(Map.of("GOOD", "1", "ALSO_GOOD", "2"), file.values());
    assertFalse(String.join("\n", messages(file)).contains("s3cret"));
    assertFalse(String.join("\n", messages(file)).contains("t0ken"));
  }

  @Test
  void aMissingFileIsNoProblem(@TempDir Path dir) {
    DotenvFile file = DotenvFile.read(dir.resolve(".env"));

    assertEquals(Map.of(), file.values());
    assertEquals(List.of(), file.problems());
  }

  @Test
  void aDirectoryOrNonUtf8FileIsReportedByName(@TempDir Path dir) throws IOException {
    Path directory = Files.createDirectory(dir.resolve("as-dir"));
    Path binary = Files.write(dir.resolve("binary.env"), new byte[] {'A', '=', (byte) 0xff});

    List<String> problems =
        List.of(
            messages(DotenvFile.read(directory)).getFirst(),
            messages(DotenvFile.read(binary)).getFirst());

    assertTrue(
        problems.get(0).startsWith(".env=" + directory + " is invalid: expected a readable"));
    assertEquals(".env=" + binary + " is invalid: expected a UTF-8 text file", problems.get(1));
  }

  @Test
  void readsAFileFromDisk(@TempDir Path dir) throws IOException {
    Path env = Files.writeString(dir.resolve(".env"), "export A='1'\n", StandardCharsets.UTF_8);

    assertEquals(Map.of("A", "1"), DotenvFile.read(env).values());
  }
}
