package dev.marketdata.adapters.in.http;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The metrics of the process itself, served on {@code /metrics} beside the service's own. */
public final class ProcessMetrics {

  private ProcessMetrics() {}

  /**
   * A registry with {@code marketdata_build_info{version, revision, service_id} 1}: alerts take the
   * replica's serviceId from it, as the heartbeats name it.
   */
  public static PrometheusRegistry registryFor(String version, String revision, String serviceId) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Info.builder()
        .name("marketdata_build_info")
        .help("The build of this instance, and its serviceId")
        .labelNames("version", "revision", "service_id")
        .register(registry)
        .addLabelValues(version, revision, serviceId);
    return registry;
  }

  /** The JVM's and the process's metrics: costly enough to leave to the first scrape. */
  public static void registerJvm(PrometheusRegistry registry) {
    JvmMetrics.builder().register(registry);
  }
}
