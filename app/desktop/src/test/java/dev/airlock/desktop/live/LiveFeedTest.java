package dev.airlock.desktop.live;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.SandboxReady;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<LiveFeed.Batch> batches = new ArrayList<>();

    private static AirlockEvent event(int i) {
        return new SandboxReady(i, i, "r1", "a" + i, i);
    }

    private void pulse() {
        List<Runnable> now = new ArrayList<>(scheduled);
        scheduled.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void aBurstIsOneDrainAndOneBatchInOrder() {
        LiveFeed feed = new LiveFeed(100, scheduled::add, batches::add);
        for (int i = 0; i < 50; i++) {
            feed.offer(event(i));
        }
        assertThat(scheduled).hasSize(1);
        pulse();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).events()).extracting(AirlockEvent::monotonicNanos)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 50).boxed().toList());
        assertThat(batches.get(0).dropped()).isZero();
    }

    @Test
    void whatDoesNotFitIsDroppedAndCountedWithoutWaiting() {
        LiveFeed feed = new LiveFeed(4, scheduled::add, batches::add);
        for (int i = 0; i < 10; i++) {
            feed.offer(event(i));
        }
        pulse();
        assertThat(batches.get(0).events()).hasSize(4);
        assertThat(batches.get(0).dropped()).isEqualTo(6);

        // The buffer is free again after the drain; the count of what the view missed only grows.
        feed.droppedUpstream(3);
        feed.offer(event(10));
        assertThat(scheduled).hasSize(1);
        pulse();
        assertThat(batches.get(1).events()).hasSize(1);
        assertThat(batches.get(1).dropped()).isEqualTo(9);
    }

    @Test
    void aDrainIsScheduledAgainOnlyAfterTheLastRan() {
        LiveFeed feed = new LiveFeed(10, scheduled::add, batches::add);
        feed.offer(event(1));
        feed.offer(event(2));
        pulse();
        feed.offer(event(3));
        assertThat(scheduled).hasSize(1);
        pulse();
        assertThat(batches).extracting(b -> b.events().size()).containsExactly(2, 1);
    }
}
