package dev.airlock.desktop.fx;

import javafx.animation.AnimationTimer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class FxBridgeTest {

    /** Through TestFX, so the toolkit is shared with the window tests that run in the same JVM. */
    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aBurstOfUpdatesReachesTheFxThreadInOneBatchAndKeyedUpdatesCoalesce() throws Exception {
        FxBridge bridge = new FxBridge();
        List<Integer> delivered = new ArrayList<>();
        List<Integer> latest = new ArrayList<>();
        CompletableFuture<Integer> drainsBefore = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Posting from inside a batch: nothing can drain until this one returns, so all 1000 land in one batch.
        bridge.post(() -> {
            drainsBefore.complete(bridge.drains());
            for (int i = 0; i < 1000; i++) {
                int n = i;
                bridge.post(() -> delivered.add(n));
                bridge.post("latest", () -> latest.add(n));
            }
            bridge.post(() -> done.complete(null));
        });
        done.get(10, TimeUnit.SECONDS);
        assertThat(delivered).hasSize(1000).isSorted();
        assertThat(latest).containsExactly(999);
        assertThat(bridge.drains()).isEqualTo(drainsBefore.get() + 1);
        bridge.shutdown();
    }

    @Test
    void aBusyProducerGetsAtMostOneBatchIntoEachPulse() throws Exception {
        FxBridge bridge = new FxBridge();
        AtomicInteger pulses = new AtomicInteger();
        AnimationTimer counter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        FxBridge.callAndWait(() -> {
            counter.start();
            return null;
        }, Duration.ofSeconds(10));
        int drainsBefore = bridge.drains();
        int pulsesBefore = pulses.get();
        AtomicInteger ran = new AtomicInteger();
        // A producer far faster than the display, as a run's event stream under load.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int posted = 0;
        while (System.nanoTime() < end) {
            bridge.post(ran::incrementAndGet);
            posted++;
            LockSupport.parkNanos(50_000);
        }
        CompletableFuture<Void> last = new CompletableFuture<>();
        bridge.post(() -> last.complete(null));
        last.get(10, TimeUnit.SECONDS);
        int drains = bridge.drains() - drainsBefore;
        int pulsed = FxBridge.callAndWait(() -> {
            counter.stop();
            return pulses.get() - pulsesBefore;
        }, Duration.ofSeconds(10));

        assertThat(ran.get()).isEqualTo(posted);
        assertThat(drains).isPositive().isLessThanOrEqualTo(pulsed);
        bridge.shutdown();
    }

    @Test
    void backgroundWorkRunsOffTheFxThreadAndItsResultOnIt() throws Exception {
        FxBridge bridge = new FxBridge();
        CompletableFuture<String> where = new CompletableFuture<>();
        bridge.compute("k", () -> FxBridge.onFxThread() ? "fx" : "worker",
                worker -> where.complete(worker + "->" + (FxBridge.onFxThread() ? "fx" : "worker")),
                where::completeExceptionally);
        assertThat(where.get(10, TimeUnit.SECONDS)).isEqualTo("worker->fx");
        bridge.shutdown();
    }
}
