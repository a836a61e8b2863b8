package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec.Mask;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One pattern-based detection rule of a guardrail. {@code valid} checks a match beyond its shape (a checksum, a
 * context), which is what keeps look-alikes from being flagged. {@code mask} renders the partial replacement from
 * the normalized match so the message stays readable. {@code identity} is what two spellings of one value share
 * ({@code 123 45 6789} and {@code 123-45-6789}), so hash tokens join on the value, not on its spelling.
 * {@code wordy} rules also read the leet-folded view; numeric ones never do, because leet folding turns digits into
 * letters. A match there is checked by {@code valid} as written, so a credential's name may be in leet and its
 * value still has its digits. {@code trigger} finds the few regions worth running the regex on.
 */
public record Rule(String guardrail, String rule, Pattern pattern, int group, Predicate<String> valid,
                   Function<String, String> mask, Function<String, String> identity, boolean wordy,
                   Trigger trigger) {

    public static Rule of(String guardrail, String rule, String regex, Predicate<String> valid,
                          Function<String, String> mask, boolean wordy) {
        return new Rule(guardrail, rule, Pattern.compile(regex), 0, valid, mask, Function.identity(), wordy,
                Trigger.EVERYWHERE);
    }

    public Rule group(int group) {
        return new Rule(guardrail, rule, pattern, group, valid, mask, identity, wordy, trigger);
    }

    /** Runs the regex only where {@code trigger} says it could match. */
    public Rule when(Trigger trigger) {
        return new Rule(guardrail, rule, pattern, group, valid, mask, identity, wordy, trigger);
    }

    /** Hashes matches by {@code identity} rather than as spelled. */
    public Rule identifiedBy(Function<String, String> identity) {
        return new Rule(guardrail, rule, pattern, group, valid, mask, identity, wordy, trigger);
    }

    /**
     * What replaces the normalized match {@code value}; findings carry it, so it never holds the value itself. A
     * hash is keyed with {@code hashKey}: without the key, hashing every nine-digit number does not find an SSN.
     */
    String render(Mask style, String value, byte[] hashKey) {
        return switch (style) {
            case PARTIAL -> mask.apply(value);
            case LABEL -> "[REDACTED:" + rule + "]";
            case HASH -> "[" + rule + ":" + shortHmac(hashKey, identity.apply(value)) + "]";
        };
    }

    public static Function<String, String> label(String name) {
        return m -> "[REDACTED:" + name + "]";
    }

    private static String shortHmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
