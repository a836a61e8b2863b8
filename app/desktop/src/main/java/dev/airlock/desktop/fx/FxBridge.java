package dev.airlock.desktop.fx;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one door between background work and the JavaFX thread. Results are queued and drained at most once per
 * pulse, at its start (an {@link AnimationTimer} runs while anything is pending), however many arrive; results
 * posted under the same key replace each other, so a burst of validations or events costs one UI update. Draining
 * from {@code Platform.runLater} instead let a busy producer get several batches into one frame, each with its own
 * UI work. Long work runs on a small daemon pool, never on the FX thread.
 */
public final class FxBridge {

    private static final Logger LOG = LoggerFactory.getLogger(FxBridge.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "airlock-desktop-worker-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final Map<Object, Runnable> pending = new LinkedHashMap<>();
    private boolean scheduled;
    private int drains;
    /** Made and started on the FX thread, which owns the toolkit's timers; stops at a pulse with nothing pending. */
    private AnimationTimer pulses;

    /**
     * Starts the JavaFX toolkit if it is not running yet and returns once it is. The toolkit stays up when the last
     * window closes; the caller decides when to {@link #exitToolkit()}.
     */
    public static void startToolkit() {
        Platform.setImplicitExit(false);
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
            started.join();
        } catch (IllegalStateException alreadyRunning) {
            LOG.debug("JavaFX toolkit already running");
        }
    }

    public static void exitToolkit() {
        Platform.exit();
    }

    public static boolean onFxThread() {
        return Platform.isFxApplicationThread();
    }

    /**
     * Runs {@code work} on the FX thread and returns its result, waiting at most {@code within}: for a benchmark or
     * a test driving the window from its own thread. On the FX thread it runs at once.
     */
    public static <T> T callAndWait(Callable<T> work, Duration within) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable call = () -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        };
        if (onFxThread()) {
            call.run();
        } else {
            Platform.runLater(call);
        }
        try {
            return result.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("work on the FX thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + within);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the FX thread", e);
        }
    }

    /** Runs {@code update} on the FX thread with the next batch. */
    public void post(Runnable update) {
        post(new Object(), update);
    }

    /** Like {@link #post(Runnable)}, but a later update under the same key replaces a pending one. */
    public void post(Object key, Runnable update) {
        synchronized (lock) {
            pending.remove(key);
            pending.put(key, update);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        Platform.runLater(this::drainAtNextPulse);
    }

    private void drainAtNextPulse() {
        if (pulses == null) {
            pulses = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (!drain()) {
                        stop();
                    }
                }
            };
        }
        pulses.start();
    }

    /** Runs {@code work} off the FX thread and hands its result to {@code onFx} on it (latest per key wins). */
    public <T> void compute(Object key, Supplier<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
        workers.execute(() -> {
            try {
                T result = work.get();
                post(key, () -> onFx.accept(result));
            } catch (RuntimeException e) {
                LOG.debug("background work failed", e);
                post(key, () -> onError.accept(e));
            }
        });
    }

    /** How many batches were delivered; lets tests and the benchmark see coalescing. */
    public int drains() {
        synchronized (lock) {
            return drains;
        }
    }

    /** Runs what is pending; false when nothing was. */
    private boolean drain() {
        List<Runnable> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return false;
            }
            batch = new ArrayList<>(pending.values());
            pending.clear();
            scheduled = false;
            drains++;
        }
        for (Runnable r : batch) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("UI update failed", e);
            }
        }
        return true;
    }

    public void shutdown() {
        workers.shutdownNow();
    }
}
