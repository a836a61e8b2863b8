package dev.airlock.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for agents without a JSON library, so that an agent needs nothing but the JDK and starts fast. Frame
 * headers use the flat form ({@link #readHeader}), held to the protocol's shape as strictly as the gate holds them:
 * one object without duplicate keys whose values are strings, 64-bit integers, finite numbers, booleans or arrays
 * of strings; no null. Bodies (tool arguments, model requests and results) may nest ({@link #read}).
 */
public final class Json {

    /** The protocol's bounds on a header, the gate's too: a header costs little however it was made. */
    static final int MAX_HEADER_KEYS = 64;
    static final int MAX_LIST_ITEMS = 1024;

    private Json() {
    }

    /** Writes maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value);
        return out.toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getSimpleName());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // The short forms too, as the gate's Jackson and Python's json write them: one encoding on the wire.
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Reads a frame header: a flat object. @throws IllegalArgumentException naming the offset of the problem */
    public static Map<String, Object> readHeader(String text) {
        Parser p = new Parser(text, true);
        Map<String, Object> map = p.object();
        p.end();
        return Collections.unmodifiableMap(map);
    }

    /** Reads any JSON value; objects become maps in document order. @throws IllegalArgumentException if malformed */
    public static Object read(String text) {
        Parser p = new Parser(text, false);
        Object value = p.value(true);
        p.end();
        return value;
    }

    private static final class Parser {
        private final String s;
        private final boolean flat;
        private int pos;

        Parser(String s, boolean flat) {
            this.s = s;
            this.flat = flat;
        }

        void end() {
            skipSpace();
            if (pos != s.length()) {
                throw error("trailing characters");
            }
        }

        Map<String, Object> object() {
            skipSpace();
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                String key = string();
                if (flat && map.containsKey(key)) {
                    throw error("duplicate key \"" + key + "\"");
                }
                if (flat && map.size() >= MAX_HEADER_KEYS) {
                    throw error("more than " + MAX_HEADER_KEYS + " keys");
                }
                skipSpace();
                expect(':');
                map.put(key, value(true));
                skipSpace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        Object value(boolean arrayAllowed) {
            skipSpace();
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == '{' && !flat) {
                return Collections.unmodifiableMap(object());
            }
            if (c == '[' && arrayAllowed) {
                pos++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    pos++;
                    return List.copyOf(list);
                }
                while (true) {
                    Object item = value(!flat);
                    if (flat && !(item instanceof String)) {
                        throw error("header lists hold strings only");
                    }
                    if (flat && list.size() >= MAX_LIST_ITEMS) {
                        throw error("list longer than " + MAX_LIST_ITEMS + " items");
                    }
                    list.add(item);
                    skipSpace();
                    char d = next();
                    if (d == ']') {
                        return Collections.unmodifiableList(list);
                    }
                    if (d != ',') {
                        throw error("expected ',' or ']'");
                    }
                }
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", pos)) {
                if (flat) {
                    throw error("null value");
                }
                pos += 4;
                return null;
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character");
            }
            String number = s.substring(start, pos);
            try {
                // Not a ternary: it would promote the long to double.
                if (number.matches("-?\\d+")) {
                    return Long.valueOf(number);
                }
            } catch (NumberFormatException e) {
                // Beyond 64 bits: a header refuses it, as the gate does; a body keeps it as a double.
                if (flat) {
                    throw error("integer out of 64-bit range");
                }
            }
            double d;
            try {
                d = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
            if (flat && !Double.isFinite(d)) {
                throw error("number out of range");
            }
            return d;
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("short \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape");
                            }
                            pos += 4;
                        }
                        default -> throw error("bad escape");
                    }
                } else {
                    out.append(c);
                }
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("header JSON: " + what + " at offset " + pos);
        }
    }
}
