package dev.airlock.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayResultTest {

    @Test
    void throughputRatioPairsTheRelaysRoundByRound() {
        // Round 2 caught the machine busy while policy ran: rounds 1 and 3 say "half as fast", the medians of the
        // two relays (60 and 100), taken from different rounds, say 0.6.
        RelayResult full = result("full", 100, 60, 50);
        RelayResult policy = result("policy", 200, 50, 100);
        assertThat(full.msgsPerSecond() / policy.msgsPerSecond()).isEqualTo(0.6);
        assertThat(full.throughputVs(policy)).isEqualTo(0.5);
    }

    @Test
    void refusesRelaysThatRanDifferentRounds() {
        assertThatThrownBy(() -> result("full", 1, 2).throughputVs(result("policy", 1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RelayResult result(String relay, double... rounds) {
        double[] sorted = rounds.clone();
        java.util.Arrays.sort(sorted);
        return new RelayResult(relay, 4096, 10, 20, sorted[sorted.length / 2],
                java.util.Arrays.stream(rounds).boxed().toList());
    }
}
