package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.SandboxStats;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/** Follows the engine's once-a-second stats of one container and publishes one event per interval. */
final class StatsStream implements Closeable {

    private final ResultCallback.Adapter<Statistics> callback;

    StatsStream(DockerClient client, String containerId, String runId, String agentId, Duration interval,
                EventSink events) {
        long intervalNanos = interval.toNanos();
        callback = new ResultCallback.Adapter<>() {
            private long lastNanos;

            @Override
            public void onNext(Statistics s) {
                long now = System.nanoTime();
                if (lastNanos != 0 && now - lastNanos < intervalNanos) {
                    return;
                }
                lastNanos = now;
                long memory = s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null ? 0
                        : s.getMemoryStats().getUsage();
                long limit = s.getMemoryStats() == null || s.getMemoryStats().getLimit() == null ? 0
                        : s.getMemoryStats().getLimit();
                long pids = s.getPidsStats() == null || s.getPidsStats().getCurrent() == null ? 0
                        : s.getPidsStats().getCurrent();
                events.publish(new SandboxStats(now, System.currentTimeMillis(), runId, agentId,
                        cpuPercent(s.getCpuStats(), s.getPreCpuStats()), memory, limit, pids));
            }
        };
        client.statsCmd(containerId).exec(callback);
    }

    /** Docker's own formula: the container's share of the host's CPU time since the previous sample. */
    static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
                || now.getSystemCpuUsage() == null || before.getSystemCpuUsage() == null
                || now.getCpuUsage().getTotalUsage() == null || before.getCpuUsage().getTotalUsage() == null) {
            return 0;
        }
        double cpu = now.getCpuUsage().getTotalUsage() - before.getCpuUsage().getTotalUsage();
        double system = now.getSystemCpuUsage() - before.getSystemCpuUsage();
        long cpus = now.getOnlineCpus() != null ? now.getOnlineCpus()
                : now.getCpuUsage().getPercpuUsage() != null ? now.getCpuUsage().getPercpuUsage().size() : 1;
        return system > 0 && cpu > 0 ? cpu / system * cpus * 100.0 : 0;
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
