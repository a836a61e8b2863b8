package dev.airlock.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden normalizer masks exactly the values that vary between runs, whatever their width, and nothing else. */
class GoldenOutputTest {

    @Test
    void timingsAreMaskedAndCountsStatesAndTextAreKept() {
        String slow = """
                Finished after 112.3 s
                PIPE                             DELIVERED  MASKED  BLOCKED
                analyst -> db                            1       0        2

                AGENT                STATE      RESTARTS  READY MS  DETAIL
                analyst              stopped           0     12345  stopped by host
                lost                 failed            2         -  no hello in 30 s

                time in gate 41.27 ms, in models 3817.00 ms, in tools 12.50 ms over 9 decisions; gate share 1.07 %
                To the user from analyst: done after 3 s""";
        String fast = slow.replace("112.3", "9.8").replace("12345", "812").replace("41.27", "3.10")
                .replace("3817.00", "610.99").replace("12.50", "0.00").replace("1.07 %", "0.51 %");

        assertThat(GoldenOutput.normalize(fast)).isEqualTo(GoldenOutput.normalize(slow)).isEqualTo("""
                Finished after <s> s
                PIPE                             DELIVERED  MASKED  BLOCKED
                analyst -> db                            1       0        2

                AGENT                STATE      RESTARTS  READY MS  DETAIL
                analyst              stopped           0      <ms>  stopped by host
                lost                 failed            2         -  no hello in 30 s

                time in gate <ms> ms, in models <ms> ms, in tools <ms> ms over 9 decisions; gate share <%>
                To the user from analyst: done after 3 s""");
    }

    @Test
    void aChangedCountOrStateStillDiffers() {
        String run = "analyst              stopped           0       812  stopped by host\n"
                + "time in gate 1.00 ms, in models 2.00 ms, in tools 3.00 ms over 9 decisions; gate share 16.67 %";

        assertThat(GoldenOutput.normalize(run.replace("stopped   ", "failed    ")))
                .isNotEqualTo(GoldenOutput.normalize(run));
        assertThat(GoldenOutput.normalize(run.replace(" 0 ", " 1 "))).isNotEqualTo(GoldenOutput.normalize(run));
        assertThat(GoldenOutput.normalize(run.replace("9 decisions", "8 decisions")))
                .isNotEqualTo(GoldenOutput.normalize(run));
    }
}
