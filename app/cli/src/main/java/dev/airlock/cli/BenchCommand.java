package dev.airlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Parent of the benchmarks; each measures one part of Airlock against a baseline taken in the same run. */
@Command(name = "bench",
        description = "Measure what Airlock's layers cost, as ratios against a baseline measured in the same run.",
        subcommands = {BenchGateCommand.class, BenchLaunchCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(Output.out());
        return ExitCode.OK;
    }
}
