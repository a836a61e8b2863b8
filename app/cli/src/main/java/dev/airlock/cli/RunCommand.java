package dev.airlock.cli;

import dev.airlock.core.runtime.AgentStatus;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.Run;
import dev.airlock.run.RunSpec;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.run.Subscription;
import dev.airlock.run.Tally;
import dev.airlock.run.expect.ExpectationCheck;
import dev.airlock.run.expect.Expectations;
import dev.airlock.run.expect.ExpectationsReader;
import dev.airlock.run.scenario.Scenario;
import dev.airlock.run.scenario.ScenarioReader;
import dev.airlock.run.scenario.ScenarioRunner;
import dev.airlock.run.trace.RunTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "run",
        description = {"Launch a topology: the gate plus one hardened container per agent; builds missing images "
                + "offline, shows a live status line, and a final table. Ctrl-C stops cleanly; nothing is left behind.",
                "Exit 0 when every agent ended well (or was stopped), 3 when an agent failed, 2 for invalid input."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Topology file (YAML or JSON).")
    Path file;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s, 5m); default: until every agent has ended or Ctrl-C.")
    Duration duration;

    @Mixin
    RecordingOptions recording;

    @Option(names = "--expect", paramLabel = "X.expected.yaml", description = "Send the file's messages once every "
            + "agent is ready and check its expectations; exit 0 only if all were met (3 otherwise), saying which not.")
    Path expect;

    @Option(names = "--scenario", paramLabel = "X.scenario.yaml", description = "Step through a workshop scenario: "
            + "narration, injected messages, waits for the gate's decisions, and what-if replays of the run so far.")
    Path scenario;

    @Option(names = "--approve", paramLabel = "deny|allow", defaultValue = "deny", description = "How to answer "
            + "calls that need a human's approval (tools with 'approval: required', guardrails with action 'ask'); "
            + "default: ${DEFAULT-VALUE}.")
    RunSpec.Approvals approve;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long an agent may take to say hello (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    /** Events a subscriber may fall behind by before it misses some: minutes of a busy run. */
    private static final int EVENT_BUFFER = 65_536;

    @Override
    public Integer call() throws Exception {
        if (expect != null && scenario != null) {
            throw new UserError("--expect and --scenario cannot be combined");
        }
        recording.check();
        Topology topology = TopologyLoader.loadValid(file);
        Expectations expectations = expect == null ? null : ExpectationsReader.read(expect);
        Scenario script = scenario == null ? null : ScenarioReader.read(scenario);
        // The gate creates a capture file itself (mode 0600), so a scenario's own goes in a fresh directory.
        Path scenarioCapture = script == null || recording.capture != null ? recording.capture
                : Files.createTempDirectory("airlock-scenario").resolve("run.capture");
        ExpectationCheck check = expectations == null ? null : new ExpectationCheck(expectations);
        RunSpec spec = RunSpec.of(topology, file.toAbsolutePath().getParent()).withApprovals(approve)
                .withCapture(scenarioCapture).withReadyTimeout(readyTimeout)
                .withProgress(line -> Output.err().println("airlock: " + line));
        EventsJsonl jsonl = recording.events == null ? null : new EventsJsonl(recording.events);
        Run session;
        try {
            session = Run.open(spec, DockerCompartments.factory(spec.statsInterval()));
        } catch (SandboxException e) {
            closeQuietly(jsonl);
            throw new UserError(e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(jsonl);
            throw e;
        }
        Tally tally = new Tally();
        session.events().subscribe("tally", EVENT_BUFFER, tally::publish);
        tracer = RunTracer.open(topology, System.getenv(), recording.trace).orElse(null);
        if (tracer != null) {
            tracer.follow(session.events());
        }
        if (jsonl != null) {
            jsonl.follow(session.events());
        }
        if (check != null) {
            session.events().subscribe("expectations", EVENT_BUFFER, check::publish);
            session.onUserDelivery(d -> check.answer(d.from(), d.text()));
        }
        ScenarioRunner runner = script == null ? null : new ScenarioRunner(topology,
                file.toAbsolutePath().getParent(), scenarioCapture, line -> Output.out().println(line));
        if (runner != null) {
            session.events().subscribe("scenario", EVENT_BUFFER, runner::publish);
            session.onUserDelivery(d -> Output.out().println("  " + d.from() + " -> you: " + d.text()));
        }
        long begin = System.nanoTime();
        Thread onCtrlC = new Thread(() -> finish(session, tally, jsonl, begin, true), "airlock-run-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            Output.err().println("airlock: run " + session.id() + " of '" + topology.name() + "' on "
                    + session.engine().name() + " " + session.engine().version() + " ("
                    + session.engine().pipeMode().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " pipes)");
            var allReady = session.start();
            if (check != null) {
                return runExpectations(session, tally, jsonl, begin, allReady, expectations, check);
            }
            if (runner != null) {
                allReady.get(readyTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                boolean met = runner.run(script, session);
                finish(session, tally, jsonl, begin, false);
                if (recording.capture == null) {
                    Files.deleteIfExists(scenarioCapture);
                    Files.deleteIfExists(scenarioCapture.getParent());
                }
                return met ? ExitCode.OK : ExitCode.FINDINGS;
            }
            var allEnded = session.allEnded();
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            boolean readyShown = false;
            boolean terminal = System.console() != null;
            long lastLine = System.nanoTime() - 10_000_000_001L;
            while (!allEnded.isDone() && System.nanoTime() < deadline) {
                try {
                    allEnded.get(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Tick: refresh the status line.
                }
                if (allReady.isDone() && !allReady.isCompletedExceptionally() && !readyShown) {
                    readyShown = true;
                    Output.err().printf("%sairlock: all %d agents ready in %.0f ms%n", terminal ? "\r" : "",
                            topology.agents().size(), (System.nanoTime() - begin) / 1e6);
                }
                // One line rewritten in place on a terminal; a line every 10 s in logs.
                if (terminal) {
                    Output.err().print("\r" + statusLine(session, tally, begin) + "   ");
                    Output.err().flush();
                } else if (System.nanoTime() - lastLine > 10_000_000_000L) {
                    lastLine = System.nanoTime();
                    Output.err().println(statusLine(session, tally, begin));
                }
            }
            if (terminal) {
                Output.err().println();
            }
            return finish(session, tally, jsonl, begin, false);
        } catch (ExecutionException e) {
            throw new UserError(e.getCause().getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and takes the run down.
            }
            abandon(session, jsonl);
        }
    }

    private int runExpectations(Run session, Tally tally, EventsJsonl jsonl, long begin,
                                java.util.concurrent.CompletableFuture<?> allReady, Expectations expectations,
                                ExpectationCheck check) throws Exception {
        allReady.get(expectations.within().toMillis(), TimeUnit.MILLISECONDS);
        for (Expectations.Message m : expectations.send()) {
            var verdict = session.send(m.to(), m.kind() == null ? "message" : m.kind(), m.text());
            if (!verdict.passes()) {
                Output.err().println("airlock: the gate refused the user's message to " + m.to() + ": "
                        + verdict.reason());
            }
        }
        boolean met = check.await();
        finish(session, tally, jsonl, begin, false);
        Output.out().println();
        check.received().forEach(r -> Output.out().println("To the user from " + r));
        Output.out().printf("%nExpectations: %d of %d met%s%n", check.met(), check.total(),
                met ? "" : " within " + expectations.within().toSeconds() + " s");
        List<String> failures = check.failures();
        failures.forEach(f -> Output.out().println("  not met: " + f));
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private static String statusLine(Run session, Tally tally, long begin) {
        List<AgentStatus> agents = session.status();
        long ready = agents.stream().filter(a -> a.state() == AgentStatus.State.READY).count();
        Tally.Counts t = tally.totals();
        long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
        return String.format(Locale.ROOT, "airlock: %02d:%02d  %d/%d ready  %d delivered  %d masked  %d blocked",
                seconds / 60, seconds % 60, ready, agents.size(), t.delivered(), t.masked(), t.blocked());
    }

    /** Set once the run was taken down, by the normal end or by Ctrl-C (whichever comes first). */
    private boolean finished;

    /** Spans of the run when traces were asked for (--trace or an OTLP endpoint), else null: no cost. */
    private RunTracer tracer;

    /** When a run ends in an error, takes it down without a table: nothing may be left behind either way. */
    private void abandon(Run session, EventsJsonl jsonl) {
        synchronized (this) {
            if (!finished) {
                finished = true;
                session.close();
                closeQuietly(jsonl);
                closeTracer();
            }
        }
    }

    /** Takes everything down once (normal end or Ctrl-C) and prints the final table. */
    private int finish(Run session, Tally tally, EventsJsonl jsonl, long begin, boolean interrupted) {
        synchronized (this) {
            if (finished) {
                return ExitCode.OK;
            }
            List<AgentStatus> before = session.status();
            session.close();
            finished = true;
            List<AgentStatus> agents = session.status();
            closeQuietly(jsonl);
            closeTracer();
            if (jsonl != null && jsonl.dropped() > 0) {
                Output.err().println("airlock: " + jsonl.dropped() + " events came faster than " + recording.events
                        + " could be written and are missing from it");
            }
            printTable(tally, agents.isEmpty() ? before : agents, begin, interrupted);
            boolean failed = agents.stream().anyMatch(a -> a.state() == AgentStatus.State.FAILED);
            return failed ? ExitCode.FINDINGS : ExitCode.OK;
        }
    }

    private static void printTable(Tally tally, List<AgentStatus> agents, long begin, boolean interrupted) {
        var out = Output.out();
        out.printf("%s after %.1f s%n", interrupted ? "Interrupted" : "Finished", (System.nanoTime() - begin) / 1e9);
        out.printf("%-32s %9s %7s %8s%n", "PIPE", "DELIVERED", "MASKED", "BLOCKED");
        tally.pipes().forEach((pipe, c) -> out.printf("%-32s %9d %7d %8d%n", pipe, c.delivered(), c.masked(),
                c.blocked()));
        out.printf("%n%-20s %-10s %8s %9s  %s%n", "AGENT", "STATE", "RESTARTS", "READY MS", "DETAIL");
        for (AgentStatus a : agents) {
            out.printf(Locale.ROOT, "%-20s %-10s %8d %9s  %s%n", a.agentId(), a.state().name().toLowerCase(Locale.ROOT),
                    a.restarts(), Double.isNaN(a.readyMillis()) ? "-" : String.format(Locale.ROOT, "%.0f",
                            a.readyMillis()), a.detail());
        }
        Tally.Overhead o = tally.overhead();
        // The share is the figure the workbench's Overhead panel shows: what the security layer costs end to end.
        out.printf(Locale.ROOT, "%ntime in gate %.2f ms, in models %.2f ms, in tools %.2f ms over %d decisions; "
                        + "gate share %s%n", o.gateNanos() / 1e6, o.modelNanos() / 1e6, o.toolNanos() / 1e6,
                o.decisions(), Double.isNaN(o.gateShare()) ? "-" : String.format(Locale.ROOT, "%.2f %%",
                        o.gateShare() * 100));
    }

    /** After the run closed, so every decision it made is a span; sends or writes them all. */
    private void closeTracer() {
        if (tracer != null) {
            tracer.close();
            tracer.unsent().ifPresent(line -> Output.err().println("airlock: " + line));
            if (tracer.dropped() > 0) {
                Output.err().println("airlock: " + tracer.dropped() + " events came faster than they could be "
                        + "traced; their spans are missing");
            }
        }
    }

    private static void closeQuietly(EventsJsonl jsonl) {
        if (jsonl != null) {
            jsonl.close();
        }
    }
}
