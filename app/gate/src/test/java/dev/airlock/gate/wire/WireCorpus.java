package dev.airlock.gate.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shared wire corpus in {@code docs/protocol/golden}: golden frames (bytes and the message they carry) and
 * frames every codec must refuse. Read with Jackson here, independently of the codec under test.
 */
final class WireCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Golden(String name, byte[] wire, Header header, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Rejected(String name, byte[] wire, String code, boolean closes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private WireCorpus() {
    }

    /** The corpus directory, found from the module directory the tests run in. */
    static Path dir() {
        Path d = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(d.resolve("docs/protocol/golden"))) {
            d = d.getParent();
        }
        return d.resolve("docs/protocol/golden");
    }

    static Stream<Golden> frames() {
        return files("frames").map(f -> {
            JsonNode n = read(f);
            return new Golden(name(f), wire(n), header(n.get("header")),
                    n.get("body").asText().getBytes(StandardCharsets.UTF_8));
        });
    }

    static Stream<Rejected> rejected() {
        return files("rejected").map(f -> {
            JsonNode n = read(f);
            return new Rejected(name(f), wire(n), n.get("code").asText(), n.get("closes").asBoolean());
        });
    }

    /** A header in key order, with values as the gate's codec types them (long, double, string lists). */
    private static Header header(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), value(e.getValue())));
        return Header.of(values);
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return List.copyOf(items);
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.isBoolean() ? v.booleanValue() : v.asText();
    }

    private static byte[] wire(JsonNode n) {
        return HexFormat.of().parseHex(n.get("wire").asText());
    }

    private static String name(Path f) {
        return f.getFileName().toString().replaceFirst("\\.json$", "");
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(String kind) {
        try (Stream<Path> s = Files.list(dir().resolve(kind))) {
            List<Path> json = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new IllegalStateException("no golden frames in " + dir().resolve(kind));
            }
            return json.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
