package dev.airlock.gate.guard;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guardrail scan reads whatever an agent sends: no text may make it throw, since the gate would have to drop the
 * message and close the connection. The texts lean on what the decoders and normalizers parse: hex, base64 and its
 * padding, percent and \x escapes, look-alikes, invisible characters, surrogates.
 */
class ScanRobustnessTest {

    private static final Guardrails GUARDRAILS = Guardrails.builtin();
    private static final List<String> ALL = List.of("pii", "secrets", "sql-injection", "prompt-injection");

    @Property(tries = 3000)
    void noTextMakesAScanThrow(@ForAll("hostileText") String text) {
        SlidingWindow window = new SlidingWindow();
        window.push(text);
        Scan scan = GUARDRAILS.scan(text, ALL, window);
        assertThat(scan.action()).isNotNull();
        assertThat(GUARDRAILS.scan(text, List.of("pii", "secrets")).action()).isNotNull();
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefABCDEF=").ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withChars("ABCXYZabcxyz0189+/=_-").ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("%", "%4", "%41", "%zz", "%%", "\\x", "\\x4", "\\x41\\x4b", "=", "==", "===", "\u200b",
                        "\u202e", "\ufeff", "А", "е", "ο", "\ud83d\ude00", "\ud83d", "\ude00", "\u0663", "\uff14",
                        "\u0000", "\u001b", "\r\n", "\t", " ", "  ", "-", "---", ".eyJ", ":", "@", "+"),
                Arbitraries.strings().all().ofMaxLength(12));
        return pieces.list().ofMaxSize(20).map(l -> String.join("", l));
    }
}
