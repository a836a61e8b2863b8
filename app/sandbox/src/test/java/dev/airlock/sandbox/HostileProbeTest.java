package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Resources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents that try to get out, under exactly the agents' profile. Each proves the attempt failed from inside and,
 * where there is an outside to watch (host listeners on loopback, other sandboxes), from outside too; and that the
 * run left nothing behind.
 */
class HostileProbeTest {

    static final Resources LIMITS = new Resources(ByteSize.ofMebibytes(64), 0.5, 32, ByteSize.ofMebibytes(4));
    static Engine.Recorder events;
    static DockerSandboxRuntime runtime;
    static String runId;
    static Path runDir;

    @BeforeAll
    static void engine() {
        events = new Engine.Recorder();
        runtime = Engine.runtime(events);
        Engine.ensureProbe(runtime);
        runId = "h" + UUID.randomUUID().toString().substring(0, 8);
        runDir = runtime.directories().createRun(runId);
    }

    @AfterEach
    void nothingLeftRunning() {
        assertThat(runtime.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.directories().removeRun(runId);
            runtime.close();
        }
    }

    static ProbeRun sh(String agent, Path pipe, String script) throws Exception {
        SandboxRequest request = new SandboxRequest(runId, agent, "airlock/probe", List.of("sh", "-c", script),
                Map.of(), LIMITS, null, pipe);
        return ProbeRun.of(runtime, request);
    }

    @Test
    void tcpAndUdpToTheHostsLoopbackNeverArrive() throws Exception {
        try (ServerSocket tcp = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    tcp.accept().close();
                    accepted.incrementAndGet();
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            ProbeRun r = sh("egress", null, "for h in 127.0.0.1 localhost; do "
                    + "if echo hi | nc -w 2 $h " + tcp.getLocalPort() + "; then echo TCP-OPEN; fi; "
                    + "echo hi | nc -u -w 1 $h " + udp.getLocalPort() + "; done; "
                    + "ls /sys/class/net; nslookup localhost 127.0.0.1 >/dev/null 2>&1 && echo DNS-OK; exit 0");
            udp.setSoTimeout(1500);
            boolean udpArrived;
            try {
                udp.receive(new DatagramPacket(new byte[64], 64));
                udpArrived = true;
            } catch (SocketTimeoutException e) {
                udpArrived = false;
            }
            assertThat(r.output()).doesNotContain("TCP-OPEN", "DNS-OK");
            assertThat(r.output().lines().filter(l -> l.matches("[a-z0-9]+")).toList()).containsExactly("lo");
            assertThat(accepted.get()).as("host TCP listener on loopback saw a connection").isZero();
            assertThat(udpArrived).as("host UDP listener on loopback got a datagram").isFalse();
            tcp.close();
            acceptor.join(1000);
        }
    }

    @Test
    void writesOutsideTmpAndExecutingFromTmpFail() throws Exception {
        ProbeRun r = sh("writer", null, "for f in /x /etc/passwd /bin/evil /run/airlock/x; do "
                + "(echo pwned > $f) 2>/dev/null && echo WROTE:$f; done; "
                + "echo ok > /tmp/fine && echo TMP-OK; "
                + "cp /bin/busybox /tmp/bb && (/tmp/bb true 2>/dev/null && echo EXEC-OK || echo EXEC-DENIED); "
                + "head -c 8000000 /dev/zero > /tmp/big 2>/dev/null || echo TMP-FULL");
        assertThat(r.output()).doesNotContain("WROTE:").contains("TMP-OK", "EXEC-DENIED", "TMP-FULL");
    }

    @Test
    void privilegeEscalationFails() throws Exception {
        ProbeRun r = sh("escalator", null, "id -u; "
                + "mkdir -p /tmp/m; mount -t tmpfs none /tmp/m 2>/dev/null && echo MOUNTED; "
                + "chown 0:0 /tmp 2>/dev/null && echo CHOWNED; "
                + "chroot / true 2>/dev/null && echo CHROOTED; "
                + "unshare -U -r true 2>/dev/null && echo UNSHARED; "
                + "setuidgid root true 2>/dev/null && echo SETUID; "
                + "su -c true root </dev/null 2>/dev/null && echo SU; "
                + "grep -E '^Cap(Eff|Prm|Bnd|Amb):' /proc/self/status; grep NoNewPrivs /proc/self/status");
        assertThat(r.output()).startsWith("65534").doesNotContain("MOUNTED", "CHOWNED", "CHROOTED", "UNSHARED",
                "SETUID", "SU\n");
        assertThat(r.output()).contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapBnd:\t0000000000000000", "NoNewPrivs:\t1");
    }

    @Test
    void theDockerSocketAndHostPathsAreOutOfReach() throws Exception {
        ProbeRun r = sh("snoop", null, "for p in /var/run/docker.sock /run/docker.sock /run/podman /etc/shadow "
                + "/host /root/.docker " + runDir + "; do [ -e $p ] && echo FOU\"\"ND:$p; done; "
                + "grep -c docker.sock /proc/mounts; cat /proc/1/cmdline | tr '\\0' ' '; echo; exit 0");
        assertThat(r.output()).doesNotContain("FOUND:");
        assertThat(r.output().lines().toList()).contains("0");
        // PID 1 is the init process, not anything of the host's.
        assertThat(r.output()).contains("/sbin/docker-init");
    }

    @Test
    void anAgentSeesOnlyItsOwnPipeDirectoryReadOnly() throws Exception {
        Path mine = java.nio.file.Files.createDirectory(runDir.resolve("0-mine"));
        Path theirs = java.nio.file.Files.createDirectory(runDir.resolve("1-theirs"));
        java.nio.file.Files.writeString(theirs.resolve("gate.sock"), "not for you");
        ProbeRun r = sh("mine", mine, "ls -a /run/airlock; ls /run; [ -e " + theirs + " ] && echo SEES-OTHER; "
                + "ls -d /run/airlock/../*/ 2>/dev/null; touch /run/airlock/x 2>/dev/null && echo WROTE; exit 0");
        assertThat(r.output()).doesNotContain("SEES-OTHER", "theirs", "WROTE", "not for you");
        assertThat(java.nio.file.Files.exists(mine.resolve("x"))).isFalse();
    }

    @Test
    void forkBombHitsThePidsLimitAndANeighbourKeepsWorking() throws Exception {
        SandboxRequest bomb = new SandboxRequest(runId, "bomb", "airlock/probe",
                List.of("sh", "-c", "b() { b | b & }; b; sleep 30"), Map.of(), LIMITS, null, null);
        Launcher launcher = new Launcher(runtime, new HelloServer(id -> { }), events, Duration.ofSeconds(6),
                runDir.resolve("bomb-run"), Duration.ZERO);
        try (launcher) {
            launcher.start(List.of(new AgentLaunch(bomb, null)));
            Thread.sleep(2500);
            ProbeRun neighbour = sh("neighbour", null, "echo alive; cat /sys/fs/cgroup/pids/pids.max");
            assertThat(neighbour.exit().exitCode()).isZero();
            assertThat(neighbour.output()).contains("alive");
            launcher.allEnded().get(60, TimeUnit.SECONDS);
        }
        SandboxExited exit = events.of(SandboxExited.class).stream().filter(e -> e.agentId().equals("bomb"))
                .findFirst().orElseThrow();
        assertThat(exit.reason()).isEqualTo("no hello within 6000 ms");
    }
}
