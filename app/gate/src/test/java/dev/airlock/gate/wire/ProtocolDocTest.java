package dev.airlock.gate.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client printed in {@code docs/protocol.md} is, byte for byte, the {@code airlock_agent.py} the tests run
 * against a real gate and the wire corpus; so what readers copy is what was tested.
 */
class ProtocolDocTest {

    @Test
    void theDocumentedPythonClientIsTheTestedFile() throws IOException {
        String doc = Files.readString(WireCorpus.dir().getParent().getParent().resolve("protocol.md"));
        int start = doc.indexOf("```python\n");
        assertThat(start).as("docs/protocol.md has a ```python block").isNotNegative();
        String block = doc.substring(start + "```python\n".length(), doc.indexOf("\n```", start) + 1);

        try (InputStream in = getClass().getResourceAsStream("/airlock_agent.py")) {
            assertThat(block).as("docs/protocol.md's Python client differs from app/gate/src/test/resources/"
                    + "airlock_agent.py; change both").isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
