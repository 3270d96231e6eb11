package dev.marketdata.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The container checks of the CIS Docker Benchmark (docker-bench-security, sections 4 and 5) that
 * the stack must pass, read from {@code docker inspect}: what docs/security.md promises.
 */
final class HardeningCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROOT = Set.of("", "0", "root");

  private HardeningCheck() {}

  /**
   * Every container's findings.
   *
   * @param containers ids or names
   * @param exempt findings expected and documented (for example Swarm's missing option), by check
   * @return one line per finding, "name: what is missing (check)"
   */
  static List<String> findings(List<String> containers, Set<String> exempt) {
    List<String> findings = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("inspect"));
    args.addAll(containers);
    try {
      for (JsonNode container : JSON.readTree(Docker.ok(args.toArray(String[]::new)))) {
        for (String finding : findings(container)) {
          if (exempt.stream().noneMatch(finding::endsWith)) {
            findings.add(finding);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  /** One container's findings, from its {@code docker inspect} object. */
  static List<String> findings(JsonNode container) {
    String name = container.path("Name").asText().replaceFirst("^/", "");
    JsonNode config = container.path("Config");
    JsonNode host = container.path("HostConfig");
    List<String> missing = new ArrayList<>();
    String user = config.path("User").asText("").replaceFirst(":.*", "");
    if (ROOT.contains(user)) {
      missing.add("runs as root (4.1 user)");
    }
    if (!host.path("ReadonlyRootfs").asBoolean()) {
      missing.add("writable root filesystem (read-only root)");
    }
    if (!contains(host.path("CapDrop"), "ALL")) {
      missing.add("capabilities kept (cap_drop ALL)");
    }
    if (!contains(host.path("SecurityOpt"), "no-new-privileges")
        && !contains(host.path("SecurityOpt"), "no-new-privileges:true")) {
      missing.add("may gain privileges (no-new-privileges)");
    }
    if (host.path("Memory").asLong() <= 0) {
      missing.add("no memory limit (5.11 memory)");
    }
    if (host.path("NanoCpus").asLong() <= 0 && host.path("CpuQuota").asLong() <= 0) {
      missing.add("no CPU limit (5.12 cpu)");
    }
    if (host.path("PidsLimit").asLong() <= 0) {
      missing.add("no PID limit (5.29 pids)");
    }
    JsonNode test = config.path("Healthcheck").path("Test");
    if (test.isEmpty() || "NONE".equals(test.path(0).asText())) {
      missing.add("no health check (5.27 healthcheck)");
    }
    host.path("PortBindings")
        .properties()
        .forEach(
            port -> {
              for (JsonNode binding : port.getValue()) {
                String ip = binding.path("HostIp").asText("");
                if (!ip.equals("127.0.0.1")) {
                  missing.add(
                      port.getKey()
                          + " published on "
                          + (ip.isEmpty() ? "every interface" : ip)
                          + " (5.14 loopback)");
                }
              }
            });
    return missing.stream().map(finding -> name + ": " + finding).toList();
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (element.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
