package dev.marketdata.application.port.out;

public interface MessagingStatusPort {
  boolean isConnected();
}
