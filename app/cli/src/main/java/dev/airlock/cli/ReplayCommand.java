package dev.airlock.cli;

import dev.airlock.run.inspect.CaptureReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay",
        description = {"Re-decide a captured run (a gate capture file) under a topology's policy and print, as a "
                + "diff, every frame whose decision would change: '-' the decision then, '+' the decision now.",
                "Rate limits and human approvals are not replayed (an 'ask' stays 'ask').",
                "Exit 0 when nothing would change, 3 when something would, 2 for bad input."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "A capture file written by the gate.")
    Path capture;

    @Option(names = "--topology", paramLabel = "FILE", required = true, description = "The policy to replay under.")
    Path topologyFile;

    @Override
    public Integer call() {
        CaptureReplay.Diff diff = CaptureReplay.replay(capture, TopologyLoader.loadValid(topologyFile));
        for (CaptureReplay.Change c : diff.changes()) {
            Output.out().println("@@ #" + c.seq() + " " + c.what() + " @@");
            Output.out().println("- " + c.before());
            Output.out().println("+ " + c.after());
        }
        Output.out().println(diff.summary());
        return diff.changes().isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
