package dev.airlock.sdk;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void roundTripsEveryValueKindAHeaderUses() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("t", "ready");
        h.put("id", 42L);
        h.put("exp", 1_795_000_000_000L);
        h.put("ok", true);
        h.put("ratio", 0.5);
        h.put("peers", List.of("a", "b \"quoted\"\n"));
        h.put("max", Long.MAX_VALUE);
        Map<String, Object> back = Json.readHeader(Json.write(h));
        assertThat(back).containsEntry("t", "ready").containsEntry("id", 42L).containsEntry("exp", 1_795_000_000_000L)
                .containsEntry("ok", true).containsEntry("ratio", 0.5)
                .containsEntry("peers", List.of("a", "b \"quoted\"\n")).containsEntry("max", Long.MAX_VALUE);
    }

    @Test
    void readsUnicodeEscapesAndWhitespace() {
        assertThat(Json.readHeader(" { \"k\" : \"\\u00e9\\t\" , \"n\" : -3 } ")).containsEntry("k", "é\t")
                .containsEntry("n", -3L);
    }

    @Test
    void malformedHeadersNameTheOffset() {
        assertThatThrownBy(() -> Json.readHeader("{\"t\":")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Json.readHeader("{\"t\":\"x\"} trailing")).hasMessageContaining("trailing")
                .hasMessageContaining("offset 10");
        assertThatThrownBy(() -> Json.readHeader("{\"t\":{\"nested\":1}}")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> Json.readHeader("{\"t\":[[1]]}")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> Json.readHeader("{\"t\":\"\\q\"}")).hasMessageContaining("bad escape");
    }

    @Test
    void headersAreHeldToTheProtocolsShapeAsTheGateHoldsThem() {
        assertThatThrownBy(() -> Json.readHeader("{\"t\":\"x\",\"to\":null}")).hasMessageContaining("null value");
        assertThatThrownBy(() -> Json.readHeader("{\"t\":\"x\",\"t\":\"y\"}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.readHeader("{\"peers\":[\"a\",1]}")).hasMessageContaining("strings only");
        assertThatThrownBy(() -> Json.readHeader("{\"id\":9223372036854775808}")).hasMessageContaining("64-bit");
        assertThatThrownBy(() -> Json.readHeader("{\"n\":1e999}")).hasMessageContaining("out of range");
        assertThat(Json.readHeader(keys(Json.MAX_HEADER_KEYS))).hasSize(Json.MAX_HEADER_KEYS);
        assertThatThrownBy(() -> Json.readHeader(keys(Json.MAX_HEADER_KEYS + 1))).hasMessageContaining("keys");
        assertThat(Json.readHeader(list(Json.MAX_LIST_ITEMS))).hasSize(1);
        assertThatThrownBy(() -> Json.readHeader(list(Json.MAX_LIST_ITEMS + 1))).hasMessageContaining("items");
        // Bodies are not headers: there null, numbers in lists and big numbers are fine.
        assertThat(Json.read("[null,1,9223372036854775808]")).isEqualTo(java.util.Arrays.asList(null, 1L,
                9.223372036854775808E18));
    }

    private static String keys(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "\"k" + i + "\":" + i)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static String list(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "\"p" + i + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{\"peers\":[", "]}"));
    }

    @Test
    void bodiesMayNest() {
        Object back = Json.read(Json.write(Map.of("tool_calls", List.of(Map.of("name", "web", "arguments", "{}")))));
        assertThat(back).isEqualTo(Map.of("tool_calls", List.of(Map.of("name", "web", "arguments", "{}"))));
        assertThat(Json.read(" [1, {\"a\": [true, null]}] ")).isEqualTo(List.of(1L, java.util.Collections.singletonMap("a",
                java.util.Arrays.asList(true, null))));
    }

    @Test
    void refusesWhatHasNoJsonForm() {
        assertThatThrownBy(() -> Json.write(Map.of("t", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
