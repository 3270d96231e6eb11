package dev.marketdata.adapters.testsupport;

import io.nats.NatsServerRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A real nats-server process on a free loopback port. A missing binary fails the test loudly: these
 * tests are never skipped.
 */
public final class NatsServer implements AutoCloseable {

  /** Where Debian's package puts the binary; it is not on a plain user's PATH. */
  private static final Path DEBIAN_BINARY = Path.of("/usr/sbin/nats-server");

  static {
    // The runner echoes every nats-server line at INFO; only trouble is worth a test log line.
    NatsServerRunner.setDefaultOutputLevel(Level.WARNING);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long a new server may take to greet: twice and more a loaded CI machine's restart. */
  private static final Duration READY_WITHIN = Duration.ofSeconds(5);

  private static final long READY_POLL_MILLIS = 20;

  private final NatsServerRunner runner;

  private NatsServer(NatsServerRunner runner) {
    this.runner = runner;
    try {
      awaitGreeting(runner.getPort());
    } catch (AssertionError e) {
      close();
      throw e;
    }
  }

  /**
   * Ready once it sends its INFO greeting. Not the runner's own check: that one waits for
   * nats-server 2.9 to drop its probe connection, 2.2 to 2.5 s per start (docs/ci.md).
   */
  private static void awaitGreeting(int port) {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        socket.setSoTimeout(1000);
        byte[] greeting = socket.getInputStream().readNBytes(4);
        if (new String(greeting, StandardCharsets.US_ASCII).equals("INFO")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(READY_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(
        "nats-server on port " + port + " sent no INFO within " + READY_WITHIN);
  }

  public static NatsServer start() {
    return startOn(freePort());
  }

  public static NatsServer startOn(int port, String... extraArgs) {
    try {
      return new NatsServer(runner().port(port).customArgs(List.of(extraArgs)).build());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start nats-server on port " + port, e);
    }
  }

  /**
   * Starts nats-server with a configuration file (e.g. NKey users).
   *
   * @param port the client port
   * @param config the server configuration
   * @return the running server
   */
  public static NatsServer startWithConfig(int port, Path config) {
    try {
      return new NatsServer(runner().port(port).configFilePath(config).build());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start nats-server on port " + port, e);
    }
  }

  /**
   * Starts nats-server with TLS: a certificate for 127.0.0.1 and localhost from {@code ca}, and,
   * with {@code verifyClients}, a client certificate from the same CA required.
   *
   * @param dir where its files go
   * @param ca the CA of its certificate, and of the clients it accepts
   * @param verifyClients whether a client certificate is required (mutual TLS)
   * @return the running server
   */
  public static NatsServer startTls(Path dir, TestPki ca, boolean verifyClients) {
    return startTls(dir, ca, ca.server(), verifyClients);
  }

  /**
   * Starts nats-server with TLS and a given certificate.
   *
   * @param dir where its files go
   * @param ca the CA of its certificate, and of the clients it accepts
   * @param server its certificate, from {@code ca}
   * @param verifyClients whether a client certificate is required (mutual TLS)
   * @return the running server
   */
  public static NatsServer startTls(
      Path dir, TestPki ca, TestPki.Issued server, boolean verifyClients) {
    try {
      Path config = dir.resolve("nats-tls.conf");
      Files.writeString(
          config,
          """
          tls {
            cert_file: "%s"
            key_file: "%s"
            ca_file: "%s"
            verify: %s
            timeout: 2
          }
          """
              .formatted(
                  ca.writeChain(dir.resolve("server.pem"), server),
                  TestPki.writePkcs8Key(dir.resolve("server-key.pem"), server),
                  ca.writeCertificate(dir.resolve("server-ca.pem")),
                  verifyClients));
      return startWithConfig(freePort(), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runner, without its own readiness check: {@link #awaitGreeting} replaces it. */
  private static NatsServerRunner.Builder runner() {
    return NatsServerRunner.builder().executablePath(binary()).connectValidateTries(0);
  }

  /**
   * Finds the nats-server binary: {@code $NATS_SERVER_BIN}, Debian's {@code /usr/sbin}, or the
   * PATH.
   *
   * @return the binary
   * @throws AssertionError when there is none, with how to install it
   */
  public static Path binary() {
    String configured = System.getenv("NATS_SERVER_BIN");
    Stream<Path> candidates =
        Stream.concat(
            Stream.of(configured == null ? null : Path.of(configured), DEBIAN_BINARY),
            Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "nats-server")));
    return candidates
        .filter(path -> path != null && Files.isExecutable(path))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "nats-server not found (looked at $NATS_SERVER_BIN, /usr/sbin and PATH):"
                        + " install it with 'apt-get install nats-server' or set NATS_SERVER_BIN."
                        + " These tests need a real server and are never skipped."));
  }

  /**
   * A free TCP port below Linux's ephemeral range (32768-60999). A port the kernel hands out for
   * {@code new ServerSocket(0)} may be taken again, as the source port of any outgoing connection,
   * before the test's server binds it; one below that range cannot.
   *
   * @return a port nothing listens on
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int candidate = 20000 + RANDOM.nextInt(12000);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(candidate));
        return candidate;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port found between 20000 and 32000");
  }

  private void thawQuietly() {
    try {
      thaw();
    } catch (AssertionError | UncheckedIOException e) {
      // already gone: nothing to thaw
    }
  }

  public int port() {
    return runner.getPort();
  }

  public String url() {
    return "nats://127.0.0.1:" + port();
  }

  /**
   * Freezes the server with SIGSTOP: its TCP connections stay open, it reads and answers nothing,
   * as a hung or overloaded server behaves.
   */
  public void freeze() {
    long pid = signal("STOP");
    // kill returns before the kernel has stopped every thread: on a busy machine the server
    // could still answer one more PING. Frozen means every thread's state is T.
    Waits.until(
        Duration.ofSeconds(10),
        "nats-server " + pid + " stopped",
        () -> allThreadsStopped(pid),
        () -> "thread states of " + pid + " not all T");
  }

  private static boolean allThreadsStopped(long pid) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String stat = Files.readString(task.resolve("stat"));
        // The state follows the command name's closing parenthesis.
        if (stat.charAt(stat.lastIndexOf(')') + 2) != 'T') {
          return false;
        }
      }
      return true;
    }
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void thaw() {
    signal("CONT");
  }

  private long signal(String name) {
    String port = Integer.toString(port());
    ProcessHandle server =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().command().orElse("").endsWith("nats-server"))
            .filter(
                p -> {
                  List<String> args = List.of(p.info().arguments().orElse(new String[0]));
                  // A server started from a configuration file has its port there.
                  return args.contains(port) || args.contains(runner.getConfigFile());
                })
            .findFirst()
            .orElseThrow(() -> new AssertionError("no nats-server child process on port " + port));
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid())).start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + server.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return server.pid();
  }

  @Override
  public void close() {
    thawQuietly();
    try {
      runner.shutdown(true);
      // The runner copies a configuration file to a temporary one and leaves it there.
      if (runner.getConfigFile() != null) {
        Files.deleteIfExists(Path.of(runner.getConfigFile()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
