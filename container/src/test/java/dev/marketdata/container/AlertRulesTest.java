package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped alerts: valid, unit-tested by promtool, and each with its runbook entry. */
class AlertRulesTest {

  private static final Path RULES = Path.of("..", "deploy", "prometheus", "alerts.yml");
  private static final Path RULE_TESTS = Path.of("..", "deploy", "prometheus", "alerts.test.yml");
  private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");
  private static final Path ALERTMANAGER =
      Path.of("..", "deploy", "alertmanager", "alertmanager.yml");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Path AMTOOL = Path.of("/usr/bin/amtool");

  private static String promtool(String... args) throws IOException, InterruptedException {
    return run(PROMTOOL, "prometheus", args);
  }

  private static String run(Path tool, String debianPackage, String... args)
      throws IOException, InterruptedException {
    assertTrue(Files.isExecutable(tool), tool + " not found: apt-get install " + debianPackage);
    List<String> command = new ArrayList<>(List.of(tool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), tool + " hung");
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void theRulesAreValid() throws Exception {
    assertTrue(promtool("check", "rules", RULES.toString()).contains("SUCCESS"));
  }

  @Test
  void everyAlertFiresWhenItShouldAndNotOtherwise() throws Exception {
    String rules = Files.readString(RULES);
    String tests = Files.readString(RULE_TESTS);

    assertTrue(promtool("test", "rules", RULE_TESTS.toString()).contains("SUCCESS"));
    for (String alert : alerts(rules)) {
      Matcher cases = Pattern.compile("alertname: " + alert + "\\n").matcher(tests);
      int count = 0;
      while (cases.find()) {
        count++;
      }
      assertTrue(count >= 2, alert + " needs a firing and a not-firing case, has " + count);
    }
  }

  // Critical alerts page, warnings open tickets; the inhibition is proven on the stack (StackIT).
  @Test
  void alertmanagerRoutesEachSeverityToItsReceiver() throws Exception {
    assertTrue(amtool("check-config", ALERTMANAGER.toString()).contains("SUCCESS"));
    routesTo("on-call", "alertname=MarketDataNatsDisconnected", "severity=critical");
    routesTo("tickets", "alertname=MarketDataHeartbeatsDropped", "severity=warning");
  }

  private static String amtool(String... args) throws IOException, InterruptedException {
    return run(AMTOOL, "prometheus-alertmanager", args);
  }

  /** amtool exits non-zero when the labels reach another receiver. */
  private static void routesTo(String receiver, String... labels)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "config",
                "routes",
                "test",
                "--config.file=" + ALERTMANAGER,
                "--verify.receivers=" + receiver));
    args.addAll(List.of(labels));
    amtool(args.toArray(String[]::new));
  }

  @Test
  void everyAlertHasASeverityASummaryAndItsRunbookEntry() throws IOException {
    String rules = Files.readString(RULES);
    String runbook = Files.readString(RUNBOOK);
    List<String> alerts = alerts(rules);

    assertTrue(alerts.size() >= 6, alerts.toString());
    for (String block : Pattern.compile("- alert: ").splitAsStream(rules).toList()) {
      if (!block.contains("expr:")) {
        continue;
      }
      String alert = block.lines().findFirst().orElseThrow().strip();
      assertTrue(block.matches("(?s).*severity: (critical|warning).*"), alert + ": severity");
      assertTrue(block.contains("summary: "), alert + ": summary");
      assertTrue(
          block.contains("docs/runbook.md#" + alert.toLowerCase(Locale.ROOT) + "\""),
          alert + ": runbook_url");
      assertTrue(runbook.contains("\n## " + alert + "\n"), alert + " has no entry in the runbook");
    }
  }

  private static List<String> alerts(String rules) {
    List<String> names = new ArrayList<>();
    Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
    while (alert.find()) {
      names.add(alert.group(1));
    }
    return names;
  }
}
