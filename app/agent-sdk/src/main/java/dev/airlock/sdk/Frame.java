package dev.airlock.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One protocol frame: a flat JSON header and an opaque body. */
public record Frame(Map<String, Object> header, byte[] body) {

    public Frame {
        // In the order given (not Map.copyOf's, which changes from one JVM to the next), so a frame's bytes on the
        // wire are the same every time and the same as the gate's (docs/protocol/golden). Absent keys are omitted.
        Map<String, Object> present = new LinkedHashMap<>();
        header.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        header = Collections.unmodifiableMap(present);
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
