package dev.marketdata.adapters.in.http;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The metrics of the process itself, served on {@code /metrics} beside the service's own. */
public final class ProcessMetrics {

  private ProcessMetrics() {}

  /**
   * A registry with the build-info metric ({@code marketdata_build_info{version, revision} 1}).
   *
   * @param version the build version
   * @param revision the commit it was built from
   * @return the registry every adapter registers its metrics with
   */
  public static PrometheusRegistry registryFor(String version, String revision) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Info.builder()
        .name("marketdata_build_info")
        .help("The build of this instance")
        .labelNames("version", "revision")
        .register(registry)
        .addLabelValues(version, revision);
    return registry;
  }

  /**
   * The JVM's metrics (memory, GC, threads, classes, buffer pools) and the process's ({@code
   * process_start_time_seconds}, CPU, file descriptors). Costly enough to leave to the first
   * scrape.
   *
   * @param registry where to register them
   */
  public static void registerJvm(PrometheusRegistry registry) {
    JvmMetrics.builder().register(registry);
  }
}
