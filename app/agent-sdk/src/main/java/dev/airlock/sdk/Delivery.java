package dev.airlock.sdk;

import java.nio.charset.StandardCharsets;

/** A message the gate delivered: from whom (decided by the gate, not the sender), of what kind. */
public record Delivery(String from, String kind, long id, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
