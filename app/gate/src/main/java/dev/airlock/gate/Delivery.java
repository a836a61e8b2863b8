package dev.airlock.gate;

/** A message an agent delivered to the user, after the gate's decision (possibly masked). */
public record Delivery(String from, String kind, String text, long monotonicNanos) {
}
