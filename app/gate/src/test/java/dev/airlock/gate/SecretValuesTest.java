package dev.airlock.gate;

import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretValuesTest {

    private static final String KEY = "sk-proj-4f9a1c7e2b8d6053";

    private static SecretValues remembering(String... values) {
        SecretValues s = new SecretValues();
        for (String v : values) {
            s.remember(v);
        }
        return s;
    }

    @Test
    void nothingRememberedChangesNothing() {
        String text = "Incorrect API key provided: " + KEY;
        assertThat(new SecretValues().redact(text)).isSameAs(text);
    }

    @Test
    void aValueIsMaskedWhereverItAppears() {
        assertThat(remembering(KEY).redact("key " + KEY + " and again " + KEY + "."))
                .isEqualTo("key [REDACTED:credential] and again [REDACTED:credential].");
    }

    @Test
    void everyPieceOfEightOrMoreCharactersIsMaskedAndShorterOnesAreLeft() {
        SecretValues s = remembering(KEY);
        for (int from = 0; from + SecretValues.PIECE <= KEY.length(); from++) {
            for (int to = from + SecretValues.PIECE; to <= KEY.length(); to++) {
                String piece = KEY.substring(from, to);
                assertThat(s.redact("<" + piece + ">")).as(piece).isEqualTo("<[REDACTED:credential]>");
            }
        }
        assertThat(s.redact("sk-proj- is a prefix, 4f9a1c7 is not a piece"))
                .isEqualTo("[REDACTED:credential] is a prefix, 4f9a1c7 is not a piece");
    }

    @Test
    void overlappingAndAdjacentPiecesBecomeOneMask() {
        String cutAndGlued = KEY.substring(0, 12) + KEY.substring(6);
        assertThat(remembering(KEY).redact("[" + cutAndGlued + "]")).isEqualTo("[[REDACTED:credential]]");
    }

    @Test
    void shortValuesAreMaskedWhole() {
        assertThat(remembering("pw123").redact("user:pw123@host")).isEqualTo("user:[REDACTED:credential]@host");
    }

    @Test
    void severalValuesAreAllMasked() {
        SecretValues s = remembering(KEY, "ollama-proxy-token-77");
        assertThat(s.redact("a " + KEY.substring(3, 15) + " b ollama-proxy-token c"))
                .isEqualTo("a [REDACTED:credential] b [REDACTED:credential] c");
    }

    @Test
    void aFrameLosesTheCredentialInItsReasonAndKeepsTheRest() {
        SecretValues s = remembering(KEY);
        Frame error = Frame.of(Header.type("error").put("code", "model_failed").put("reason", "echo " + KEY)
                .put("ref", 7L).build());
        Frame redacted = s.redactReason(error);
        assertThat(redacted.header().string("reason")).isEqualTo("echo [REDACTED:credential]");
        assertThat(redacted.header().asMap()).containsEntry("code", "model_failed").containsEntry("ref", 7L);
        Frame deliver = Frame.of(Header.type("deliver").put("from", "a").build(), "hi");
        assertThat(s.redactReason(deliver)).isSameAs(deliver);
    }
}
