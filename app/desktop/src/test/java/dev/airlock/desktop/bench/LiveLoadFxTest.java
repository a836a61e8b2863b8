package dev.airlock.desktop.bench;

import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.topology.io.TopologyWriter;
import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.events.EventsPanel;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.MainWindow;
import dev.airlock.desktop.view.Theme;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view under load, through the same feed and bridge a run uses: a short benchmark reports its pulse and
 * heap figures, and a flood far beyond what the view takes is dropped and counted, never queued without bound.
 */
@ExtendWith(ApplicationExtension.class)
class LiveLoadFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-load-test/" + System.nanoTime());
    private final FxBridge bridge = new FxBridge();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, bridge, new RecentFiles(prefs), Theme.LIGHT, List.of());
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void aShortBenchmarkMeasuresPulsesAndWorkAndReadsTheHeapTwice() {
        LiveBench.Result r = LiveBench.measure(bridge, new LiveBench.Options(200, 5_000, 3, 1));

        assertThat(r.idle()).as("idle pulses").isNotEmpty();
        assertThat(r.loaded()).as("pulses under load").isNotEmpty();
        assertThat(r.work()).as("batches the view handled").isNotEmpty();
        assertThat(PulseMeter.percentile(r.loaded(), 50)).isPositive();
        assertThat(r.loadedCpu()).as("FX thread CPU per pulse under load").hasSameSizeAs(r.loaded());
        assertThat(PulseMeter.percentile(r.loadedCpu(), 100)).as("the FX thread worked under load").isPositive();
        assertThat(r.offered()).as("events offered at 5,000/s for 3 s (a busy machine may offer fewer, never more)")
                .isPositive().isLessThanOrEqualTo(5_000 * 3);
        assertThat(r.heapAtMark()).isPositive();
        assertThat(r.heapAtEnd()).isPositive();
        assertThat(r.tableRows()).isPositive().isLessThanOrEqualTo(EventsPanel.DEFAULT_CAPACITY);
        assertThat(r.lines()).anyMatch(l -> l.startsWith("FX pulse interval, under load"));
        assertThat(java.util.Arrays.stream(r.longPerWindow()).sum()).as("long intervals, counted where they fell")
                .isEqualTo(java.util.Arrays.stream(r.loaded()).filter(ms -> ms > 20).count());
        assertThat(r.lines()).anyMatch(l -> l.startsWith("pulse intervals over 20 ms, per 10 s of load: ["));
    }

    @Test
    void aFloodIsDroppedFromTheViewAndCountedWithoutWaitingForIt(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("synthetic.yaml");
        TopologyWriter.write(SyntheticTopology.of(40), file);
        robot.interact(() -> window.model().openLoaded(file, TopologyReader.read(file)));
        robot.interact(window::beginLiveView);
        LiveFeed feed = LiveRun.viewFeed(bridge, new Object(), window.liveListener()::batch);
        SyntheticEvents events = new SyntheticEvents(window.model().topology(), 5_000);

        // The FX thread is held while the flood is offered: if offering waited for the view, this would never end.
        CountDownLatch release = new CountDownLatch(1);
        bridge.post(() -> await(release));
        int flood = 200_000;
        for (int i = 0; i < flood; i++) {
            feed.offer(events.next(i, i));
        }
        long dropped = feed.dropped();
        release.countDown();

        assertThat(dropped).as("a flood beyond the feed's capacity is dropped, not queued").isGreaterThan(flood / 2);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            Label shown = robot.lookup("#run-dropped").queryAs(Label.class);
            return shown.getText().startsWith(dropped + " events dropped from the view");
        });
        assertThat(window.events().shownRows()).as("the table got what the feed let through, no more")
                .hasSizeLessThanOrEqualTo((int) (flood - dropped));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
