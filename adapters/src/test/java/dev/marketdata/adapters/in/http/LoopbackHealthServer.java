package dev.marketdata.adapters.in.http;

import dev.marketdata.application.port.in.CheckHealthUseCase;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The health server as the HTTP tests run it: on a free loopback port, with empty metrics. */
final class LoopbackHealthServer {

  private LoopbackHealthServer() {}

  static HealthHttpServer start(CheckHealthUseCase health) throws IOException {
    return new HealthHttpServer(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        health,
        new PrometheusRegistry());
  }
}
