package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.GuardrailSpec.Action;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recall and false positives of the built-in guardrails (all four, as {@code airlock scan} runs them) on a generated
 * corpus: every category in every form, and benign look-alikes. Prints a table per category and form, and per kind
 * of benign text; holds recall to 98 % and false positives to 2 % overall, and every masked case to a mask that
 * covers exactly the offending span.
 */
class RecallCorpusTest {

    static final List<String> ALL = List.of("pii", "secrets", "sql-injection", "prompt-injection");
    static final double MIN_RECALL = 0.98;
    static final double MAX_FALSE_POSITIVES = 0.02;
    /** Different seeds than the examples were tuned on, so the figures are of the generator, not of its samples. */
    static final long[] SEEDS = {20261205L, 7L, 424242L};

    private final Guardrails guard = Guardrails.builtin();

    @Test
    void recallAndFalsePositivesPerCategoryAndForm() {
        Map<String, int[]> byForm = new TreeMap<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, int[]> byKind = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        int cases = 0;
        int found = 0;
        int benign = 0;
        int falsePositives = 0;
        for (long seed : SEEDS) {
            RecallCorpus corpus = new RecallCorpus(seed);
            for (RecallCorpus.Case c : corpus.cases(6)) {
                boolean hit = detected(c);
                count(byForm, c.category() + " / " + c.form(), hit);
                count(byCategory, c.category(), hit);
                cases++;
                if (hit) {
                    found++;
                } else {
                    missed.add(c.category() + "/" + c.form() + ": " + c.text().replace("\n", "\\n"));
                }
            }
            for (RecallCorpus.Benign b : corpus.benign(8)) {
                Scan scan = guard.scan(b.text(), ALL);
                boolean fp = !scan.findings().isEmpty();
                count(byKind, b.kind(), fp);
                benign++;
                if (fp) {
                    falsePositives++;
                    flagged.add(b.kind() + ": " + b.text().replace("\n", "\\n") + " -> " + scan.findings());
                }
            }
        }
        StringBuilder table = new StringBuilder("\nrecall by category and form\n");
        table.append(String.format("%-36s %6s %6s %8s%n", "category / form", "cases", "found", "recall"));
        byForm.forEach((k, v) -> table.append(String.format("%-36s %6d %6d %7.1f%%%n", k, v[0], v[1],
                100.0 * v[1] / v[0])));
        table.append("\nrecall by category\n");
        byCategory.forEach((k, v) -> table.append(String.format("%-36s %6d %6d %7.1f%%%n", k, v[0], v[1],
                100.0 * v[1] / v[0])));
        table.append("\nfalse positives by kind of benign text\n");
        table.append(String.format("%-36s %6s %6s %8s%n", "kind", "texts", "FP", "rate"));
        byKind.forEach((k, v) -> table.append(String.format("%-36s %6d %6d %7.1f%%%n", k, v[0], v[1],
                100.0 * v[1] / v[0])));
        table.append(String.format("%noverall: recall %.2f%% (%d/%d), false positives %.2f%% (%d/%d)%n",
                100.0 * found / cases, found, cases, 100.0 * falsePositives / benign, falsePositives, benign));
        missed.forEach(m -> table.append("missed  ").append(m).append('\n'));
        flagged.forEach(f -> table.append("flagged ").append(f).append('\n'));
        System.out.println(table);

        assertThat((double) found / cases).as("recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat((double) falsePositives / benign).as("false positives").isLessThanOrEqualTo(MAX_FALSE_POSITIVES);
    }

    private boolean detected(RecallCorpus.Case c) {
        String expected = c.category().equals("aws-key") || c.category().equals("private-key") ? "secrets" : "pii";
        Scan scan = guard.scan(c.text(), ALL);
        return scan.action() != Action.ALLOW && scan.findings().stream().anyMatch(f -> f.guardrail().equals(expected));
    }

    /** What a mask may put in place of a value: the partial renderings, or a label. */
    private static final Pattern RENDERING = Pattern.compile("\\*\\*\\*-\\*\\*-\\d{4}|\\*\\*\\*\\* \\*\\*\\*\\* "
            + "\\*\\*\\*\\* \\d{4}|\\*\\*\\*-\\*\\*\\*-\\d{4}|\\+\\*\\* \\*\\*\\* \\d{4}|[a-z0-9]\\*\\*\\*@[a-z0-9.-]+"
            + "|[A-Z]{2}\\*\\* \\*\\*\\*\\* [A-Z0-9]{4}|\\[REDACTED:[a-z.-]+]");

    /**
     * Wherever a guardrail masks, the masked text is the text around the value, untouched, and one rendering in
     * place of exactly the value as written: no character of its spelling left over, no neighbour eaten.
     */
    @Test
    void masksCoverExactlyTheOffendingSpan() {
        Guardrails masking = Guardrails.create(List.of(new GuardrailSpec("secrets", "", null, Action.MASK)),
                List.of());
        List<String> wrong = new ArrayList<>();
        int masked = 0;
        for (long seed : SEEDS) {
            for (RecallCorpus.Case c : new RecallCorpus(seed).cases(6)) {
                Scan scan = masking.scan(c.text(), List.of("pii", "secrets"));
                if (scan.action() != Action.MASK) {
                    continue;
                }
                masked++;
                String out = scan.text();
                boolean exact = out.length() >= c.before().length() + c.after().length()
                        && out.startsWith(c.before()) && out.endsWith(c.after())
                        && RENDERING.matcher(out.substring(c.before().length(), out.length() - c.after().length()))
                        .matches();
                if (!exact) {
                    wrong.add(c.category() + "/" + c.form() + ": " + c.text().replace("\n", "\\n") + "  ->  "
                            + out.replace("\n", "\\n"));
                }
            }
        }
        assertThat(masked).as("masked cases").isGreaterThan(500);
        assertThat(wrong).as("masks that do not cover exactly the value").isEmpty();
    }

    /** The regression the brief names: a spelled-out SSN's mask must not leave the end of its last word. */
    @Test
    void aSpelledNumberIsMaskedWordForWord() {
        Scan scan = guard.scan("my ssn is four one one, two two, three three three three, ok?", List.of("pii"));
        assertThat(scan.text()).isEqualTo("my ssn is ***-**-3333, ok?");
        assertThat(scan.findings()).extracting(Finding::step).containsExactly("spelled-digits");
    }

    /** Read backwards, an address is masked as the address it is, so the name it hides is not shown reversed. */
    @Test
    void aReversedAddressIsMaskedAsTheAddressItSpells() {
        Scan scan = guard.scan("moc.elpmaxe@eod.nhoj", List.of("pii"));
        assertThat(scan.text()).isEqualTo("j***@example.com");
        assertThat(scan.findings()).extracting(Finding::step).containsExactly("reversed");
    }

    /**
     * Found by TriggersTest in CI: an address glued to a "+", "-" or "_" was never read as written, since the rule
     * refused to start after those. The default scan masked "+es.s.n.john.doe@example.com" only because its
     * reversal reads as an address too.
     */
    @Test
    void anAddressGluedToPunctuationIsReadAsWritten() {
        Guardrails everywhere = guard.withoutTriggers();
        for (String glued : List.of("+john.doe@example.com", "reach me at -john.doe@example.com", "_john@example.com",
                "a/+john.doe@example.com")) {
            Scan scan = everywhere.scan(glued, List.of("pii"));
            assertThat(scan.findings()).as(glued).extracting(Finding::step).containsExactly("raw");
            assertThat(scan.text()).as(glued).contains("***@example.com").doesNotContain("john");
        }
    }

    private static void count(Map<String, int[]> m, String key, boolean hit) {
        int[] v = m.computeIfAbsent(key, k -> new int[2]);
        v[0]++;
        if (hit) {
            v[1]++;
        }
    }
}
