package dev.marketdata.adapters.in.http;

import dev.marketdata.application.port.in.HealthReport;

/** The JSON body of a health response. */
record HealthBody(String status, String state) {

  static HealthBody from(HealthReport report) {
    return new HealthBody(report.up() ? "UP" : "DOWN", report.state().name());
  }
}
