package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Normalizer;
import dev.airlock.gate.token.TokenService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the pipeline that must hold for every input, not just the examples we thought of. */
class PipelinePropertiesTest {

    static final Topology TOPOLOGY = Fixtures.topology();
    static final List<String> PARTIES = List.of("alice", "planner", "researcher", "writer", "flooder", "ghost");
    static final List<String> KINDS = List.of("message", "task", "findings", "answer", "other");

    final Pipeline pipeline = new Pipeline(TOPOLOGY, Guardrails.forTopology(TOPOLOGY), false);

    @Property(tries = 600)
    void defaultDenyPassesExactlyWhatSomePipeAllows(@ForAll("party") String from, @ForAll("party") String to,
                                                    @ForAll("kind") String kind) {
        Verdict v = pipeline.send(from, to, kind, "plain words".getBytes(StandardCharsets.UTF_8));
        boolean declared = TOPOLOGY.pipes().stream().anyMatch(p -> p.allows(from, to, kind));
        assertThat(v.passes()).isEqualTo(declared);
        if (!declared) {
            assertThat(v.rule()).startsWith("pathway.");
            assertThat(v.reason()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void everyNonDeliveryNamesItsRule(@ForAll("party") String from, @ForAll("party") String to,
                                      @ForAll @StringLength(max = 200) String text) {
        Verdict v = pipeline.send(from, to, "message", text.getBytes(StandardCharsets.UTF_8));
        if (v.action() != GateAction.DELIVER) {
            assertThat(v.rule()).isNotBlank();
        }
        if (v.action() == GateAction.DELIVER) {
            assertThat(new String(v.body(), StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    @Property(tries = 2000)
    void utf8IsAcceptedExactlyWhenAStrictDecoderAcceptsIt(@ForAll("utf8ish") byte[] body) {
        String strict;
        try {
            strict = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            strict = null;
        }
        assertThat(Pipeline.strictUtf8(body)).isEqualTo(strict);
        assertThat(Pipeline.validUtf8(body)).isEqualTo(strict != null);
    }

    /** Mostly ASCII with stray high bytes, truncated sequences, real multi-byte text and literal U+FFFD. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> pieces = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(6).map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("é", "\uFFFD", "𝔘", "е").map(t -> t.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().map(b -> new byte[]{b}));
        return pieces.list().ofMaxSize(12).map(list -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            list.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Property(tries = 300)
    void toolsOutsideScopeNeverPass(@ForAll("party") String agent, @ForAll("toolName") String tool) {
        Verdict v = pipeline.toolCall(agent, tool, "{}".getBytes(StandardCharsets.UTF_8));
        boolean inScope = pipeline.toolsOf(agent).stream()
                .anyMatch(t -> t.equals(tool) || (tool.startsWith(t + "/") && !t.contains("/")));
        if (!inScope) {
            assertThat(v.rule()).isEqualTo("scope.tool");
            assertThat(v.passes()).isFalse();
        }
    }

    @Property(tries = 500)
    void anyEmbeddedValidSsnIsNeverDeliveredInTheClear(@ForAll @IntRange(min = 1, max = 665) int area,
                                                       @ForAll @IntRange(min = 1, max = 99) int group,
                                                       @ForAll @IntRange(min = 1, max = 9999) int serial,
                                                       @ForAll("prose") String before, @ForAll("prose") String after,
                                                       @ForAll("separator") String sep) {
        String ssn = String.format("%03d%s%02d%s%04d", area, sep, group, sep, serial);
        Verdict v = pipeline.send("planner", "researcher", "task",
                (before + " " + ssn + " " + after).getBytes(StandardCharsets.UTF_8));
        if (v.passes()) {
            String out = new String(v.body(), StandardCharsets.UTF_8);
            for (var view : Normalizer.views(out)) {
                assertThat(view.text().replaceAll("\\D", "")).doesNotContain(
                        String.format("%03d%02d%04d", area, group, serial));
            }
        }
    }

    @Property(tries = 300)
    void anyLuhnValidCardIsMasked(@ForAll @IntRange(min = 0, max = 999_999_999) int seed, @ForAll("prose") String p) {
        String body = "4" + String.format("%014d", (long) seed * 7919L % 100_000_000_000_000L);
        String card = body + luhnDigit(body);
        String grouped = card.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        Verdict v = pipeline.send("planner", "researcher", "task", (p + " " + grouped).getBytes(StandardCharsets.UTF_8));
        assertThat(v.action()).isEqualTo(GateAction.MASK);
        assertThat(new String(v.body(), StandardCharsets.UTF_8)).endsWith("**** **** **** " + card.substring(12))
                .doesNotContain(grouped);
    }

    @Property(tries = 200)
    void tamperedTokensNeverVerify(@ForAll @IntRange(min = 0, max = 400) int position, @ForAll char replacement)
            throws Exception {
        TokenService tokens = new TokenService(Duration.ofMinutes(5));
        String token = tokens.issue(tokens.claimsFor("planner", "alice", List.of("tool:notes")));
        int i = position % token.length();
        if (token.charAt(i) == replacement) {
            return;
        }
        String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
        boolean accepted;
        try {
            accepted = tokens.verify(tampered, "planner") != null;
        } catch (dev.airlock.gate.token.TokenException e) {
            accepted = false;
        }
        // Base64 without padding leaves the last character's low bits unused; flipping only those is the one
        // change that decodes to the same bytes, so it cannot count as tampering.
        if (accepted) {
            assertThat(i).isEqualTo(token.length() - 1);
        }
    }

    @Provide
    Arbitrary<String> party() {
        return Arbitraries.of(PARTIES);
    }

    @Provide
    Arbitrary<String> kind() {
        return Arbitraries.of(KINDS);
    }

    @Provide
    Arbitrary<String> toolName() {
        return Arbitraries.oneOf(Arbitraries.of("notes", "web", "mailer", "mailer/send_email", "notes/read",
                "mailer/delete_all", "notes/../web", "web/"), Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> prose() {
        return Arbitraries.of("see", "the", "report", "for", "details", "about", "Q3", "revenue", "and")
                .list().ofMaxSize(8).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of("-", " ");
    }

    static int luhnDigit(String partial) {
        int sum = 0;
        boolean dbl = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

}
