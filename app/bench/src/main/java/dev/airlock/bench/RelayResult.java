package dev.airlock.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One relay at one payload size: one-way latency percentiles (µs), pipelined throughput (messages/s, the median
 * round) and each round's throughput, in the order the rounds ran.
 */
public record RelayResult(String relay, int payloadBytes, double p50Micros, double p99Micros, double msgsPerSecond,
                          List<Double> roundRates) {

    public RelayResult {
        roundRates = List.copyOf(roundRates);
    }

    /**
     * This relay's throughput against {@code baseline}'s: the median over rounds of the two rates measured back to
     * back in that round. Pairing by round keeps the machine's drift between rounds (other processes, frequency)
     * out of the ratio, which the ratio of two medians from different rounds would not.
     */
    public double throughputVs(RelayResult baseline) {
        if (roundRates.size() != baseline.roundRates.size()) {
            throw new IllegalArgumentException("relays ran a different number of rounds");
        }
        double[] ratios = IntStream.range(0, roundRates.size())
                .mapToDouble(k -> roundRates.get(k) / baseline.roundRates.get(k)).sorted().toArray();
        return ratios[ratios.length / 2];
    }
}
