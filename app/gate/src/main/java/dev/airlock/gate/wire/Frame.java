package dev.airlock.gate.wire;

import java.nio.charset.StandardCharsets;

/** One protocol frame: a flat header that routing reads, and an opaque body that only guardrails look into. */
public record Frame(Header header, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public Frame {
        body = body == null ? EMPTY : body;
    }

    public static Frame of(Header header) {
        return new Frame(header, EMPTY);
    }

    public static Frame of(Header header, String body) {
        return new Frame(header, body.getBytes(StandardCharsets.UTF_8));
    }

    public String type() {
        return header.type();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
