package dev.airlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Parent of the commands that hold a recorded run against its topology's policy. */
@Command(name = "policy",
        description = "Compare what a recorded run did (the events of 'airlock run --events') with what its "
                + "topology allows.",
        subcommands = {PolicyDriftCommand.class, PolicySuggestCommand.class})
final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(Output.out());
        return ExitCode.OK;
    }
}
