package dev.marketdata.adapters.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The health endpoints' one Jackson mapper, in a holder so the first response builds it, not main.
 */
final class HealthJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private HealthJson() {}
}
