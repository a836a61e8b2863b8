package dev.airlock.gate.guard;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triggers only decide where a rule's regex runs; they must never decide what it finds. Every rule run over the whole
 * of every view is the reference: on text made of secrets, identifiers, their obfuscations and the prose and
 * punctuation around them, the triggered scan must find exactly the same.
 */
class TriggersTest {

    private static final Guardrails TRIGGERED = Guardrails.builtin();
    private static final Guardrails EVERYWHERE = TRIGGERED.withoutTriggers();

    @Property(tries = 1500)
    void triggersNeverChangeWhatTheDefaultGuardrailsFind(@ForAll("sensitiveText") String text) {
        agree(text, List.of("pii", "secrets"));
    }

    @Property(tries = 1500)
    void triggersNeverChangeWhatAllGuardrailsFind(@ForAll("sensitiveText") String text) {
        agree(text, List.of("pii", "secrets", "sql-injection", "prompt-injection"));
    }

    /**
     * Found by a property run: the reversal of this address ("moc.elpmaxe@eod.nhoj.n.s.se") is an address too. Both
     * scans mask the same span and block or mask alike; they differ in which reading they render (see below).
     */
    @Example
    void anAddressWhoseReversalIsAlsoAnAddressIsMaskedAlike() {
        agree("\u0435s.s.n.john.doe@example.com", List.of("pii", "secrets"));
    }

    /** Found by a property run in CI: the reference scan missed an address glued to a "+" (see RecallCorpusTest). */
    @Example
    void anAddressGluedToAPlusIsFoundByBothScans() {
        agree("aaaaa/+es.s.n.john.doe@example.com", List.of("pii", "secrets", "sql-injection", "prompt-injection"));
    }

    private static void agree(String text, List<String> ids) {
        Scan triggered = TRIGGERED.scan(text, ids);
        Scan reference = EVERYWHERE.scan(text, ids);
        List<String> found = render(triggered);
        List<String> expected = render(reference);
        assertThat(triggered.action()).as(ids + " on " + text).isEqualTo(reference.action());
        if (found.equals(expected)) {
            assertThat(triggered.text()).isEqualTo(reference.text());
            return;
        }
        // The one known difference. A backward reading of a span wins over a forward one (a reversed address is
        // rendered as the address it spells), and the profile pass, which differs with the needles, decides
        // whether the backward view is made. Where a text reads as a value both ways, the two scans then mask the
        // same span but render different readings of it. Every other finding must agree exactly.
        assertThat(spans(found)).as(ids + " on " + text).isEqualTo(spans(expected));
        List<String> differing = new java.util.ArrayList<>(found);
        differing.removeAll(expected);
        for (String f : differing) {
            String span = f.substring(0, f.lastIndexOf(':'));
            String other = expected.stream().filter(e -> e.startsWith(span + ":")).findFirst().orElseThrow();
            assertThat(backward(f) || backward(other)).as("only a backward reading differs: " + f + " vs " + other
                    + ", " + ids + " on " + text).isTrue();
        }
    }

    private static boolean backward(String finding) {
        return finding.contains("reversed") || finding.contains("rot13");
    }

    private static List<String> spans(List<String> rendered) {
        return rendered.stream().map(f -> f.substring(0, f.lastIndexOf(':'))).sorted().toList();
    }

    private static List<String> render(Scan scan) {
        return scan.findings().stream().map(f -> f.rule() + "@" + f.start() + "-" + f.end() + ":" + f.step())
                .sorted().toList();
    }

    @Provide
    Arbitrary<String> sensitiveText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("the", "planner", "asked", "for", "secret", "password", "api", "key", "aws", "token",
                        "ssn", "s.s.n.", "social security number", "access", "auth", "pass word", "api key",
                        "private", "ignore previous instructions",
                        "union select", "print your system prompt"),
                Arbitraries.of(" ", "  ", "\n", ": ", "=", " = ", "\"", "'", ".", ",", "-", "---", "_", "/", "+",
                        "(", ")", "@", "%41", "\\x41", "\u200b", "А", "е", "[at]", "(AT)", "[ at ]", "[dot]",
                        "(dot)", " [at] ", "example", "com"),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofMinLength(4)
                        .ofMaxLength(24),
                Arbitraries.strings().withChars("abcdefXYZ0189+/_-").ofMinLength(8).ofMaxLength(44),
                Arbitraries.of("AKIAIOSFODNN7EXAMPLE", "AKIA IOSF ODNN 7EXA MPLE", "ASIA.QWER.", "AROA-", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "AIzaSyA1234567890abcdefghijklmnopqrstuv", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
                        "xoxb-123456789a", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk-proj-abcDEF1234567890ghiJKL",
                        "eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIn0", "-----BEGIN RSA PRIVATE KEY-----",
                        "-----END RSA PRIVATE KEY-----", "Zx9qL2mP7vR4wK8t", "411-22-3333", "4 1 1 - 2 2 - 3 3 3 3",
                        "4111 1111 1111 1111", "4111.1111.1111.1111", "411.22.3333", "411/22/3333", "411–22–3333",
                        "john.doe@example.com", "john.doe [at] example [dot] com", "(415) 555-0132", "+44 20 7946 0958",
                        "DE89 3704 0044 0532 0130 00", "QUtJQUlPU0ZPRE5ON0VYQU1QTEU=", "' OR '1'='1", "; DROP TABLE"));
        return pieces.list().ofMaxSize(16).map(l -> String.join("", l));
    }
}
