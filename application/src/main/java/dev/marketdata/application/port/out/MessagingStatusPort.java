package dev.marketdata.application.port.out;

/** Whether the message bus can be reached right now. */
public interface MessagingStatusPort {
  boolean isConnected();
}
