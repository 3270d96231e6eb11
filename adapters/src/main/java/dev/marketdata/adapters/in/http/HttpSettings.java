package dev.marketdata.adapters.in.http;

import dev.marketdata.adapters.config.Env;
import dev.marketdata.adapters.config.Parser;
import dev.marketdata.adapters.config.Setting;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Where the health endpoints and /metrics listen, and the settings it is read from. */
public record HttpSettings(InetAddress bind, int port) {
  public static final Setting<InetAddress> BIND =
      Setting.of("HEALTH_BIND", "address of the health endpoints", "0.0.0.0", Parser.address());
  public static final Setting<Integer> PORT =
      Setting.of(
          "HEALTH_PORT",
          "port of the health endpoints",
          "8080",
          Parser.integer(1, 65535, "a TCP port number from 1 to 65535"));

  public static final List<Setting<?>> SETTINGS = List.of(BIND, PORT);

  public static HttpSettings from(Env env) {
    return new HttpSettings(
        env.optional(BIND).orElseGet(InetAddress::getLoopbackAddress),
        Optional.ofNullable(env.get(PORT)).orElse(0));
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(bind, port);
  }

  /** Where a client on this host asks: the wildcard address is reached on loopback. */
  public InetSocketAddress localAddress() {
    return bind.isAnyLocalAddress()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port)
        : address();
  }
}
