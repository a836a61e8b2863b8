package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.topology.Topology;
import dev.airlock.run.inspect.GuardrailScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "scan",
        description = {"Run the gate's guardrails over text read from stdin and print one JSON object: the action "
                + "(allow, mask, block or ask), the findings, and the masked text when masking applies.",
                "Without --topology every built-in guardrail runs with its default action (pii: mask; secrets, "
                        + "sql-injection, prompt-injection: block); with one, its custom patterns run too and its "
                        + "action overrides apply.",
                "Exit 0 when the action is allow, 3 otherwise, 2 for bad input."})
final class ScanCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_INPUT = 16 << 20;

    @Option(names = "--topology", paramLabel = "FILE", description = "Use this topology's guardrails.")
    Path topology;

    @Option(names = "--explain", description = "Say which normalization step revealed each finding.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        String text = readStdin(System.in);
        Topology t = topology == null ? null : TopologyLoader.loadValid(topology);
        GuardrailScan.Verdict verdict = GuardrailScan.scan(text, t, explain);
        Output.out().println(JSON.writeValueAsString(verdict.json()));
        return verdict.allowed() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    static String readStdin(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT + 1);
        if (bytes.length > MAX_INPUT) {
            throw new UserError("stdin: more than " + MAX_INPUT / (1 << 20) + " MiB; scan a smaller piece");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError("stdin: not valid UTF-8 text");
        }
    }
}
