package dev.marketdata.adapters.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} as Docker Compose and python-dotenv do; each bad line is reported with its
 * file and line, never its content (docs/configuration.md; why not dotenv-java: docs/decisions.md).
 */
public record DotenvFile(Map<String, String> values, List<ConfigProblem> problems) {
  public static final String NAME = ".env";

  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=[ \\t]*(.*)");

  /** A comment after an unquoted value starts at a '#' preceded by whitespace. */
  private static final Pattern UNQUOTED_COMMENT = Pattern.compile("(^|\\s)#.*");

  public DotenvFile {
    values = Map.copyOf(values);
    problems = List.copyOf(problems);
  }

  /** Reads {@code file} if it exists. */
  public static DotenvFile read(Path file) {
    if (!Files.exists(file)) {
      return new DotenvFile(Map.of(), List.of());
    }
    String text;
    try {
      text = Files.readString(file); // UTF-8, refusing malformed input
    } catch (CharacterCodingException e) {
      return fileProblem(file, "a UTF-8 text file");
    } catch (IOException e) {
      return fileProblem(file, "a readable file (" + e.getClass().getSimpleName() + ")");
    }
    return parse(file, text);
  }

  private static DotenvFile fileProblem(Path file, String expected) {
    return new DotenvFile(Map.of(), List.of(new ConfigProblem(NAME, file.toString(), expected)));
  }

  static DotenvFile parse(Path file, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r\n|\r|\n", -1);
    for (int index = 0; index < lines.length; index++) {
      String line = lines[index].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (index + 1);
      Matcher assignment = ASSIGNMENT.matcher(line);
      if (!assignment.matches()) {
        problems.add(
            new ConfigProblem(NAME, where, "a line of KEY=VALUE, export KEY=VALUE or # comment"));
        continue;
      }
      String key = assignment.group(1);
      try {
        values.put(key, value(assignment.group(2)));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(NAME, where, e.getMessage() + " in the value of " + key));
      }
    }
    return new DotenvFile(values, problems);
  }

  private static String value(String raw) {
    if (raw.startsWith("'")) {
      int close = raw.indexOf('\'', 1);
      if (close < 0) {
        throw new IllegalArgumentException("a closing single quote (')");
      }
      requireOnlyComment(raw.substring(close + 1));
      return raw.substring(1, close);
    }
    if (raw.startsWith("\"")) {
      StringBuilder value = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          requireOnlyComment(raw.substring(i + 1));
          return value.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char escaped = raw.charAt(++i);
          value.append(
              switch (escaped) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> escaped;
              });
        } else {
          value.append(c);
        }
      }
      throw new IllegalArgumentException("a closing double quote (\") on the same line");
    }
    return UNQUOTED_COMMENT.matcher(raw).replaceFirst("").strip();
  }

  private static void requireOnlyComment(String rest) {
    String after = rest.strip();
    if (!after.isEmpty() && !after.startsWith("#")) {
      throw new IllegalArgumentException("nothing but a # comment after the closing quote");
    }
  }
}
