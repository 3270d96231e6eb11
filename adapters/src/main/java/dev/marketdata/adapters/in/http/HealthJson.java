package dev.marketdata.adapters.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The health endpoints' one Jackson mapper. Its own class, so that {@link HttpPreparation} can warm
 * its serializers without touching the server.
 */
final class HealthJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private HealthJson() {}
}
