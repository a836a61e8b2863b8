package dev.airlock.gate.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame's flat JSON header. Values are strings, longs, doubles, booleans or lists of strings: nothing nested, so
 * routing reads it without touching the body.
 */
public final class Header {

    private final Map<String, Object> values;

    private Header(Map<String, Object> values) {
        this.values = values;
    }

    public static Header of(Map<String, Object> values) {
        return new Header(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public static Builder type(String t) {
        return new Builder().put("t", t);
    }

    public String type() {
        return string("t");
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value as a string if it is one, else null. */
    public String string(String key) {
        return values.get(key) instanceof String s ? s : null;
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** The correlation id the agent chose, in whatever scalar form it sent; null when absent. */
    public Object id() {
        return values.get("id");
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String key, Object value) {
            if (value != null) {
                if (!(value instanceof String || value instanceof Long || value instanceof Integer
                        || value instanceof Double || value instanceof Boolean || value instanceof List<?>)) {
                    throw new IllegalArgumentException("header values are scalars or string lists: " + key);
                }
                values.put(key, value instanceof Integer i ? Long.valueOf(i) : value);
            }
            return this;
        }

        public Header build() {
            return new Header(Collections.unmodifiableMap(values));
        }
    }
}
