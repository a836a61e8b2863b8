package dev.airlock.gate.bench;

/** One relay at one payload size: one-way latency percentiles (µs) and pipelined throughput (messages/s). */
public record RelayResult(String relay, int payloadBytes, double p50Micros, double p99Micros, double msgsPerSecond) {
}
