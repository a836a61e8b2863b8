package dev.airlock.sdk;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlatJsonTest {

    @Test
    void roundTripsEveryValueKindAHeaderUses() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("t", "ready");
        h.put("id", 42L);
        h.put("exp", 1_795_000_000_000L);
        h.put("ok", true);
        h.put("ratio", 0.5);
        h.put("peers", List.of("a", "b \"quoted\"\n"));
        h.put("none", null);
        Map<String, Object> back = FlatJson.read(FlatJson.write(h));
        assertThat(back).containsEntry("t", "ready").containsEntry("id", 42L).containsEntry("exp", 1_795_000_000_000L)
                .containsEntry("ok", true).containsEntry("ratio", 0.5)
                .containsEntry("peers", List.of("a", "b \"quoted\"\n"));
        assertThat(back.get("none")).isNull();
    }

    @Test
    void readsUnicodeEscapesAndWhitespace() {
        assertThat(FlatJson.read(" { \"k\" : \"\\u00e9\\t\" , \"n\" : -3 } ")).containsEntry("k", "é\t")
                .containsEntry("n", -3L);
    }

    @Test
    void malformedHeadersNameTheOffset() {
        assertThatThrownBy(() -> FlatJson.read("{\"t\":")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> FlatJson.read("{\"t\":\"x\"} trailing")).hasMessageContaining("trailing")
                .hasMessageContaining("offset 10");
        assertThatThrownBy(() -> FlatJson.read("{\"t\":{\"nested\":1}}")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> FlatJson.read("{\"t\":[[1]]}")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> FlatJson.read("{\"t\":\"\\q\"}")).hasMessageContaining("bad escape");
    }

    @Test
    void refusesNestedValuesWhenWriting() {
        assertThatThrownBy(() -> FlatJson.write(Map.of("t", Map.of("x", 1)))).isInstanceOf(
                IllegalArgumentException.class);
    }
}
