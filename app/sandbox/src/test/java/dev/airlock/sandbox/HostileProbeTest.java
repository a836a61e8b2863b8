package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxExited;
import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.runtime.AgentLaunch;
import dev.airlock.core.runtime.AgentStatus;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents that try to get out, launched the way {@code airlock run} launches them: through the {@link Launcher},
 * under the agents' profile, next to a well-behaved Java agent. Each test proves the attempt failed from inside
 * and, where there is an outside to watch (host listeners on loopback, the host's files), from outside too; that
 * the run's events recorded it with the kernel's or the runtime's reason; that the bystander stayed ready; and
 * that nothing was left behind.
 */
class HostileProbeTest {

    static final Resources LIMITS = new Resources(ByteSize.ofMebibytes(64), 0.5, 32, ByteSize.ofMebibytes(4));
    static final Resources JVM_LIMITS = new Resources(ByteSize.ofMebibytes(256), 0.5, 64, ByteSize.ofMebibytes(16));
    static Engine.Recorder events;
    static DockerSandboxRuntime runtime;
    static String runId;
    static Path runDir;

    @BeforeAll
    static void engine() {
        events = new Engine.Recorder();
        runtime = Engine.runtime(events);
        Engine.ensureProbe(runtime);
        Engine.ensureAgentJava(runtime);
        runId = "h" + UUID.randomUUID().toString().substring(0, 8);
        runDir = runtime.directories().createRun(runId);
    }

    @AfterEach
    void nothingLeftBehind() throws Exception {
        assertThat(runtime.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("airlock.run", runId)).exec()).isEmpty();
        try (var left = Files.list(runDir)) {
            assertThat(left.filter(Files::isDirectory).toList()).as("pipe directories left in the run directory")
                    .isEmpty();
        }
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.directories().removeRun(runId);
            runtime.close();
        }
    }

    /** What a hostile agent's run left in the event stream, and how its well-behaved neighbour fared. */
    record Attempt(List<SandboxOutput> lines, SandboxExited exit, AgentStatus bystander) {

        String output() {
            return lines.stream().map(SandboxOutput::line).collect(Collectors.joining("\n"));
        }

        /** The attempt's failure is in the run's events, in the words of whoever refused it. */
        void recorded(String... reasons) {
            for (String reason : reasons) {
                assertThat(lines).as("an output event saying '%s'", reason)
                        .anyMatch(l -> l.line().contains(reason));
            }
        }
    }

    static Attempt attack(String agent, String script) throws Exception {
        return attack(agent, script, LIMITS, Duration.ofSeconds(60));
    }

    /**
     * Runs {@code script} as agent {@code agent} next to a Java agent that says hello, as one run; returns when
     * the hostile agent has ended and the run is closed.
     */
    static Attempt attack(String agent, String script, Resources limits, Duration readyTimeout) throws Exception {
        String bystander = agent + "-bystander";
        AtomicReference<Launcher> launcherRef = new AtomicReference<>();
        AgentStatus bystanderAfter;
        try (HelloServer gate = new HelloServer(id -> launcherRef.get().helloReceived(id));
             Launcher launcher = new Launcher(runtime, gate, events, readyTimeout, runDir.resolve(agent),
                     Duration.ZERO)) {
            launcherRef.set(launcher);
            launcher.start(List.of(
                    new AgentLaunch(new SandboxRequest(runId, agent, "airlock/probe", List.of("sh", "-c", script),
                            Map.of(), limits, null, null), null),
                    new AgentLaunch(new SandboxRequest(runId, bystander, "airlock/agent-java", List.of(), Map.of(),
                            JVM_LIMITS, null, null), null)));
            awaitState(launcher, bystander, AgentStatus.State.READY);
            awaitEnded(launcher, agent);
            bystanderAfter = statusOf(launcher, bystander);
        }
        List<SandboxOutput> lines = events.of(SandboxOutput.class).stream()
                .filter(o -> o.agentId().equals(agent)).toList();
        SandboxExited exit = events.of(SandboxExited.class).stream().filter(e -> e.agentId().equals(agent))
                .findFirst().orElseThrow();
        return new Attempt(lines, exit, bystanderAfter);
    }

    private static void awaitState(Launcher launcher, String agent, AgentStatus.State state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (statusOf(launcher, agent).state() != state) {
            assertThat(System.nanoTime()).as(agent + " " + state + " in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitEnded(Launcher launcher, String agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!List.of(AgentStatus.State.EXITED, AgentStatus.State.FAILED)
                .contains(statusOf(launcher, agent).state())) {
            assertThat(System.nanoTime()).as(agent + " ended in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static AgentStatus statusOf(Launcher launcher, String agent) {
        return launcher.status().stream().filter(s -> s.agentId().equals(agent)).findFirst().orElseThrow();
    }

    private static void bystanderKeptWorking(Attempt a) {
        assertThat(a.bystander().state()).as("the well-behaved agent next to it").isEqualTo(AgentStatus.State.READY);
        assertThat(a.bystander().restarts()).isZero();
    }

    @Test
    void tcpUdpAndDnsToTheHostsLoopbackNeverArrive() throws Exception {
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
            // busybox has no UDP client but its resolver: a DNS query to the host listener's port is a datagram.
            Attempt a = attack("egress", "for h in 127.0.0.1 localhost; do "
                    + "echo hi | nc -w 2 $h " + tcp.getLocalPort() + " && echo TCP-OPEN; done; "
                    + "nslookup localhost 127.0.0.1:" + udp.getLocalPort() + " && echo UDP-ANSWERED; "
                    + "nslookup localhost && echo DNS-OK; ls /sys/class/net; ip route; exit 0");
            udp.setSoTimeout(1500);
            boolean udpArrived;
            try {
                udp.receive(new DatagramPacket(new byte[512], 512));
                udpArrived = true;
            } catch (SocketTimeoutException e) {
                udpArrived = false;
            }
            assertThat(a.output()).doesNotContain("TCP-OPEN", "UDP-ANSWERED", "DNS-OK");
            // The only interface is the compartment's own loopback and there is no route anywhere.
            assertThat(a.lines()).filteredOn(l -> !l.stderr() && l.line().matches("[a-z0-9]+"))
                    .extracting(SandboxOutput::line).containsExactly("lo");
            assertThat(accepted.get()).as("host TCP listener on loopback saw a connection").isZero();
            assertThat(udpArrived).as("host UDP listener on loopback got a datagram").isFalse();
            // The strict seccomp profile refuses an IP socket before any packet could be built.
            a.recorded("nc: socket: Operation not permitted", "nc: bad address 'localhost'",
                    "nslookup: socket: Operation not permitted", "ip: socket: Operation not permitted");
            bystanderKeptWorking(a);
            tcp.close();
            acceptor.join(1000);
        }
    }

    @Test
    void writesOutsideTmpExecutingFromTmpAndFillingTmpFail() throws Exception {
        Attempt a = attack("writer", "for f in /x /etc/passwd /bin/evil /run/airlock/x; do "
                + "(echo pwned > $f) && echo WROTE:$f; done; "
                + "echo ok > /tmp/fine && echo TMP-OK; "
                + "cp /bin/busybox /tmp/bb && /tmp/bb true && echo EXEC-OK; "
                + "head -c 8000000 /dev/zero > /tmp/big || echo TMP-FULL; exit 0");
        assertThat(a.output()).doesNotContain("WROTE:", "EXEC-OK").contains("TMP-OK", "TMP-FULL");
        a.recorded("can't create /x: Read-only file system", "can't create /etc/passwd: Read-only file system",
                "can't create /bin/evil: Read-only file system", "can't create /run/airlock/x: Read-only file system",
                "/tmp/bb: Permission denied", "head: standard output: I/O error");
        bystanderKeptWorking(a);
    }

    @Test
    void privilegeEscalationFails() throws Exception {
        Attempt a = attack("escalator", "id -u; "
                + "mkdir -p /tmp/m; mount -t tmpfs none /tmp/m && echo MOUNTED; "
                + "chown 0:0 /tmp && echo CHOWNED; "
                + "chroot / true && echo CHROOTED; "
                + "unshare -U -r true && echo UNSHARED; "
                + "ip link add evil0 type dummy && echo LINK-ADDED; "
                + "su -c true root </dev/null && echo SU; "
                + "grep -E '^Cap(Eff|Prm|Bnd|Amb):' /proc/self/status; grep NoNewPrivs /proc/self/status");
        assertThat(a.lines()).filteredOn(l -> !l.stderr()).first().extracting(SandboxOutput::line)
                .satisfies(uid -> assertThat(Long.parseLong(uid)).isGreaterThanOrEqualTo(AgentIdentities.FIRST));
        assertThat(a.output()).doesNotContain("MOUNTED", "CHOWNED", "CHROOTED", "UNSHARED",
                "LINK-ADDED", "SU\n");
        assertThat(a.output()).contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapBnd:\t0000000000000000", "NoNewPrivs:\t1");
        a.recorded("mount: permission denied", "chown: /tmp: Operation not permitted",
                "chroot: can't change root directory to '/': Operation not permitted",
                "unshare(0x10000000): Operation not permitted", "ip: socket: Operation not permitted",
                "su: must be suid to work properly");
        bystanderKeptWorking(a);
    }

    @Test
    void theDockerSocketAndHostPathsAreOutOfReach() throws Exception {
        Attempt a = attack("snoop", "for p in /var/run/docker.sock /run/docker.sock /run/podman/podman.sock "
                + "/etc/shadow /root/.docker/config.json " + runDir + "; do cat $p >/dev/null && echo READ-$p; done; "
                + "grep -c docker.sock /proc/mounts; cat /proc/1/cmdline | tr '\\0' ' '; echo; exit 0");
        assertThat(a.output()).doesNotContain("READ-/");
        assertThat(a.output().lines().toList()).contains("0");
        // PID 1 is the init process, not anything of the host's.
        assertThat(a.output()).contains("/sbin/docker-init");
        a.recorded("can't open '/var/run/docker.sock': No such file or directory",
                "can't open '/run/podman/podman.sock': No such file or directory",
                "can't open '" + runDir + "': No such file or directory");
        bystanderKeptWorking(a);
    }

    @Test
    void anAgentCannotReachAnotherAgentsPipe() throws Exception {
        // The bystander's pipe directory is the run directory's second entry; the hostile agent's own is mounted.
        Path theirs = runDir.resolve("peer").resolve(RunDirectories.agentDirectoryName(1, "peer-bystander"));
        Attempt a = attack("peer", "ls -a /run/airlock; "
                + "for p in /run/airlock/../" + theirs.getFileName() + "/gate.sock " + theirs + "/gate.sock; do "
                + "cat $p >/dev/null && echo REACHED:$p; done; "
                + "rm /run/airlock/gate.sock && echo REMOVED; touch /run/airlock/x && echo WROTE; exit 0");
        assertThat(a.output()).doesNotContain("REACHED:", "REMOVED", "WROTE");
        assertThat(a.lines()).filteredOn(l -> !l.stderr()).extracting(SandboxOutput::line)
                .containsExactly(".", "..", "gate.sock");
        a.recorded("/gate.sock': No such file or directory", "Read-only file system");
        bystanderKeptWorking(a);
    }

    @Test
    void forkBombHitsThePidsLimitAndTheBystanderKeepsWorking() throws Exception {
        // The shell then becomes the sleep instead of forking one: by then the bomb may hold every pid, and a shell
        // that cannot fork exits, which would end the attempt before it has to be stopped.
        Attempt a = attack("bomb", "b() { b | b & }; b; exec sleep 30", LIMITS, Duration.ofSeconds(6));
        assertThat(a.exit().reason()).isEqualTo("no hello within 6000 ms");
        a.recorded("can't fork: Resource temporarily unavailable");
        bystanderKeptWorking(a);
    }

    @Test
    void exhaustingMemoryEndsInAnOutOfMemoryKill() throws Exception {
        Attempt a = attack("hog", "x=$(head -c 400000000 /dev/zero | tr '\\0' a); echo SURVIVED");
        assertThat(a.output()).doesNotContain("SURVIVED");
        assertThat(a.exit().oomKilled()).isTrue();
        assertThat(a.exit().exitCode()).isEqualTo(137);
        assertThat(a.exit().reason()).contains("out of memory");
        bystanderKeptWorking(a);
    }
}
