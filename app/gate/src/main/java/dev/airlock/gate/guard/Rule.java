package dev.airlock.gate.guard;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One pattern-based detection rule of a guardrail. {@code valid} checks a match beyond its shape (a checksum, a
 * context), which is what keeps look-alikes from being flagged. {@code mask} renders the replacement from the
 * normalized match so the message stays readable. {@code wordy} rules also read the leet-folded view; numeric
 * ones never do, because leet folding turns digits into letters. {@code trigger} finds the few regions worth
 * running the regex on.
 */
public record Rule(String guardrail, String rule, Pattern pattern, int group, Predicate<String> valid,
                   Function<String, String> mask, boolean wordy, Trigger trigger) {

    public static Rule of(String guardrail, String rule, String regex, Predicate<String> valid,
                          Function<String, String> mask, boolean wordy) {
        return new Rule(guardrail, rule, Pattern.compile(regex), 0, valid, mask, wordy, Trigger.EVERYWHERE);
    }

    public Rule group(int group) {
        return new Rule(guardrail, rule, pattern, group, valid, mask, wordy, trigger);
    }

    /** Runs the regex only where {@code trigger} says it could match. */
    public Rule when(Trigger trigger) {
        return new Rule(guardrail, rule, pattern, group, valid, mask, wordy, trigger);
    }

    /** The literals the rule's trigger needs found in a text. */
    int[] literals() {
        return trigger.literals();
    }

    public static Function<String, String> label(String name) {
        return m -> "[REDACTED:" + name + "]";
    }
}
