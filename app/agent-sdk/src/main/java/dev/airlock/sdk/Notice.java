package dev.airlock.sdk;

/** Something the gate told the agent on its own: a block of an earlier {@code send}, or an error. */
public record Notice(String type, long ref, String rule, String code, String reason) {
}
