package dev.marketdata.application.port.in;

/** The two questions an orchestrator asks. */
public enum Probe {
  /** Is the process working at all? A failure means: restart it. */
  LIVENESS,
  /** Can it do its job now? A failure means: send it no traffic. */
  READINESS
}
