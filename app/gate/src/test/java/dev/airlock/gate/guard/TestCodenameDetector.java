package dev.airlock.gate.guard;

import dev.airlock.core.guard.GuardDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector plugin found through {@code META-INF/services}, standing in for a model-based guard: it flags the
 * word "moonshot" and fails on purpose when the text asks it to, so the fail-closed path is exercised too.
 */
public final class TestCodenameDetector implements GuardDetector {

    @Override
    public String id() {
        return "test-codename";
    }

    @Override
    public List<Hit> inspect(String raw, String canonical) {
        if (canonical.contains("crash the detector")) {
            throw new IllegalStateException("detector broke");
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = canonical.toLowerCase().indexOf("moonshot"); i >= 0;
             i = canonical.toLowerCase().indexOf("moonshot", i + 1)) {
            hits.add(new Hit("codename", i, i + 8));
        }
        return hits;
    }
}
