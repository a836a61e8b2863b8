package dev.airlock.cli;

import dev.airlock.run.RunException;
import dev.airlock.run.expect.Expectations;
import dev.airlock.run.expect.ExpectationsReader;
import dev.airlock.run.expect.UserSocketClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "expect",
        description = {"Meet a topology's expectations against a gate that is already running ('airlock gate --user "
                + "unix:PATH', e.g. in Compose): send the file's messages as the user and check what the gate "
                + "decides and delivers.",
                "Exit 0 when every expectation was met, 3 when one was not, 2 for invalid input or no gate."})
final class ExpectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "X.expected.yaml", description = "The expectations (as for 'airlock run --expect').")
    Path file;

    @Option(names = "--connect", required = true, paramLabel = "unix:PATH", description = "The gate's user socket.")
    String connect;

    @Override
    public Integer call() throws Exception {
        Path socket = GateCommand.GateListen.userSocket(connect);
        Expectations expectations = ExpectationsReader.read(file);
        UserSocketClient.Outcome outcome;
        try {
            outcome = UserSocketClient.meet(socket, expectations, expectations.within());
        } catch (RunException e) {
            throw new UserError("--connect: " + e.getMessage());
        }
        outcome.refused().forEach(line -> Output.err().println("airlock: " + line));
        outcome.check().received().forEach(r -> Output.out().println("To the user from " + r));
        Output.out().printf("%nExpectations: %d of %d met%s%n", outcome.check().met(), outcome.check().total(),
                outcome.met() ? "" : " within " + expectations.within().toSeconds() + " s");
        List<String> failures = outcome.check().failures();
        failures.forEach(f -> Output.out().println("  not met: " + f));
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
