package dev.marketdata.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stack's hardening check bites: a plain {@code docker run} fails every part of it. */
class HardeningCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPlainDockerRunFailsEveryCheck() throws Exception {
    // docker run -d -p 4222:4222 nats, as docker inspect shows it (trimmed)
    String plain =
        """
        {"Name": "/plain",
         "Config": {"User": ""},
         "HostConfig": {"ReadonlyRootfs": false, "CapDrop": null, "SecurityOpt": null,
                        "Memory": 0, "NanoCpus": 0, "CpuQuota": 0, "PidsLimit": null,
                        "PortBindings": {"4222/tcp": [{"HostIp": "", "HostPort": "4222"}]}}}
        """;

    List<String> findings = HardeningCheck.findings(JSON.readTree(plain));

    assertEquals(
        List.of(
            "plain: runs as root (4.1 user)",
            "plain: writable root filesystem (read-only root)",
            "plain: capabilities kept (cap_drop ALL)",
            "plain: may gain privileges (no-new-privileges)",
            "plain: no memory limit (5.11 memory)",
            "plain: no CPU limit (5.12 cpu)",
            "plain: no PID limit (5.29 pids)",
            "plain: no health check (5.27 healthcheck)",
            "plain: 4222/tcp published on every interface (5.14 loopback)"),
        findings);
  }

  @Test
  void theStacksSettingsPassAndAWiderAddressOrRootStillFails() throws Exception {
    String hardened =
        """
        {"Name": "/nats", "Config": {"User": "65532:65532",
                                     "Healthcheck": {"Test": ["CMD", "wget", "-q"]}},
         "HostConfig": {"ReadonlyRootfs": true, "CapDrop": ["ALL"],
                        "SecurityOpt": ["no-new-privileges:true"], "Memory": 134217728,
                        "NanoCpus": 500000000, "PidsLimit": 64,
                        "PortBindings": {"4222/tcp": [{"HostIp": "127.0.0.1", "HostPort": "4222"}]}}}
        """;
    String opened =
        hardened
            .replace("\"127.0.0.1\"", "\"0.0.0.0\"")
            .replace("\"65532:65532\"", "\"0:0\"")
            .replace("[\"CMD\", \"wget\", \"-q\"]", "[\"NONE\"]");

    List<String> passing = HardeningCheck.findings(JSON.readTree(hardened));
    List<String> failing = HardeningCheck.findings(JSON.readTree(opened));

    assertEquals(List.of(), passing);
    assertEquals(
        List.of(
            "nats: runs as root (4.1 user)",
            "nats: no health check (5.27 healthcheck)",
            "nats: 4222/tcp published on 0.0.0.0 (5.14 loopback)"),
        failing);
  }
}
