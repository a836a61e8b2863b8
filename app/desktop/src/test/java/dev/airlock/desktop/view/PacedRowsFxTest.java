package dev.airlock.desktop.view;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.SandboxOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches offered every pulse reach the table in fewer, larger appends, in order and complete; a reset drops them. */
class PacedRowsFxTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void sixtyBatchesArriveWholeInOneAppendPerQuarterSecond() throws Exception {
        List<List<AirlockEvent>> appends = new CopyOnWriteArrayList<>();
        PacedRows rows = WaitForAsyncUtils.asyncFx(() -> new PacedRows(appends::add)).get();
        List<AirlockEvent> offered = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            List<AirlockEvent> batch = List.of(line(i));
            offered.addAll(batch);
            WaitForAsyncUtils.asyncFx(() -> rows.offer(batch)).get();
            Thread.sleep(16);
        }
        long offeringMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> appends.stream().mapToInt(List::size).sum() == offered.size());

        assertThat(appends.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(offered);
        // At most one append per 250 ms while offering, and one for what waited at the end: however slow the host.
        assertThat(appends.size()).as("appends for 60 batches over %d ms", offeringMillis)
                .isGreaterThan(1).isLessThanOrEqualTo((int) (offeringMillis / 250) + 2);
    }

    @Test
    void whatWaitsWhenTheTableStartsOverIsNotAppended() throws Exception {
        List<List<AirlockEvent>> appends = new CopyOnWriteArrayList<>();
        PacedRows rows = WaitForAsyncUtils.asyncFx(() -> new PacedRows(appends::add)).get();
        WaitForAsyncUtils.asyncFx(() -> {
            rows.offer(List.of(line(1)));
            rows.offer(List.of(line(2)));
            rows.drop();
        }).get();
        Thread.sleep(600);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(appends.stream().flatMap(List::stream).toList()).doesNotContain(line(2));
    }

    private static AirlockEvent line(int i) {
        return new SandboxOutput(i, i, "r1", "agent", true, "line " + i);
    }
}
