package dev.airlock.sample.guard;

import dev.airlock.core.guard.GuardDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags host names under the suffixes companies use for their private networks ({@code build01.corp},
 * {@code db.prod.internal}): an agent that leaks one hands an attacker a map. Turn it on by listing
 * {@code internal-hosts} among a pipe's guardrails; {@code airlock scan} runs it on every text.
 */
public final class InternalHosts implements GuardDetector {

    private static final Pattern HOST = Pattern.compile(
            "(?<![\\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:internal|corp|intranet|lan|home\\.arpa)(?![\\w-])",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String id() {
        return "internal-hosts";
    }

    /** Matches the raw text: hits are raw offsets, which the gate masks; the canonical view may differ in length. */
    @Override
    public List<Hit> inspect(String raw, String canonical) {
        List<Hit> hits = new ArrayList<>();
        Matcher m = HOST.matcher(raw);
        while (m.find()) {
            hits.add(new Hit("internal-host", m.start(), m.end()));
        }
        return hits;
    }
}
