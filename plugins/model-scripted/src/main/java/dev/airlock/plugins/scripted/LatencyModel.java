package dev.airlock.plugins.scripted;

import dev.airlock.core.model.ModelException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inference time drawn from a log-normal distribution fitted to a median and a 99th percentile, which is the
 * shape model latencies have in practice (a long right tail). Seeded, so a demo shows the same timings each run.
 */
final class LatencyModel {

    private static final double Z99 = 2.3263478740408408;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)");

    private final double mu;
    private final double sigma;
    private final Random random;

    private LatencyModel(double medianMillis, double p99Millis, long seed) {
        this.mu = Math.log(medianMillis);
        this.sigma = Math.log(p99Millis / medianMillis) / Z99;
        this.random = new Random(seed);
    }

    /** No latency at all: tests and scripts that want answers as fast as possible. */
    static LatencyModel none() {
        return new LatencyModel(1, 1, 0);
    }

    static LatencyModel of(Script.Latency latency, long seed, Path file) throws ModelException {
        if (latency == null) {
            return none();
        }
        double median = millis(latency.median(), "median", file);
        double p99 = latency.p99() == null ? median : millis(latency.p99(), "p99", file);
        if (median <= 0 || p99 < median) {
            throw new ModelException(file + ": latency needs 0 < median <= p99");
        }
        return new LatencyModel(median, p99, seed);
    }

    private static double millis(String text, String what, Path file) throws ModelException {
        Matcher m = text == null ? null : DURATION.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new ModelException(file + ": latency " + what + " '" + text + "' is not a duration like 800ms or 1.5s");
        }
        double n = Double.parseDouble(m.group(1));
        return m.group(2).equals("s") ? n * 1000 : n;
    }

    synchronized Duration next() {
        if (mu == 0 && sigma == 0) {
            return Duration.ZERO; // log(1 ms) with no spread: the none() model
        }
        double millis = Math.exp(mu + sigma * random.nextGaussian());
        return Duration.ofNanos((long) (millis * 1_000_000));
    }
}
