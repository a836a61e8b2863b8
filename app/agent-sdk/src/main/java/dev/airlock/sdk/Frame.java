package dev.airlock.sdk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One protocol frame: a flat JSON header and an opaque body. */
public record Frame(Map<String, Object> header, byte[] body) {

    public Frame {
        header = Map.copyOf(header.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        body = body == null ? new byte[0] : body;
    }

    public static Frame of(Map<String, Object> header) {
        return new Frame(header, new byte[0]);
    }

    public String type() {
        return string("t");
    }

    public String string(String key) {
        Object v = header.get(key);
        return v == null ? null : v.toString();
    }

    public long number(String key, long fallback) {
        return header.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    public List<String> strings(String key) {
        return header.get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
