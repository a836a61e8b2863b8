package dev.airlock.run.scenario;

import dev.airlock.run.RunException;
import dev.airlock.run.YamlFile;
import dev.airlock.run.expect.DecisionMatcher;
import dev.airlock.run.expect.Expectations;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.Named;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a scenario file; every mistake is one located line. */
public final class ScenarioReader {

    private ScenarioReader() {
    }

    private record File(String title, List<StepFile> steps) {
    }

    private record StepFile(String say, Expectations.Message send, DecisionMatcher await, Integer withinSeconds,
                            ToggleFile toggle, String replay) {
    }

    private record ToggleFile(String guardrail, String action) {
    }

    public static Scenario read(Path path) {
        File f = YamlFile.read(path, File.class, "a scenario file");
        if (f == null || f.steps() == null || f.steps().isEmpty()) {
            throw new RunException(path + ":1:1: error: a scenario needs 'steps'");
        }
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < f.steps().size(); i++) {
            StepFile s = f.steps().get(i);
            String at = path + ": step " + (i + 1) + ": error: ";
            int actions = (s.send() == null ? 0 : 1) + (s.toggle() == null ? 0 : 1) + (s.replay() == null ? 0 : 1);
            if (actions > 1) {
                throw new RunException(at + "one action per step (send, toggle or replay)");
            }
            if (s.send() != null && (s.send().to() == null || s.send().text() == null)) {
                throw new RunException(at + "'send' needs 'to' and 'text'");
            }
            Scenario.Toggle toggle = null;
            if (s.toggle() != null) {
                GuardrailSpec.Action action = s.toggle().action() == null ? null
                        : Named.parse(GuardrailSpec.Action.class, s.toggle().action()).orElse(null);
                if (s.toggle().guardrail() == null || action == null) {
                    throw new RunException(at + "'toggle' needs 'guardrail' and an 'action' of allow, mask, block or ask");
                }
                toggle = new Scenario.Toggle(s.toggle().guardrail(), action);
            }
            steps.add(new Scenario.Step(s.say(), s.send(), s.await(),
                    Duration.ofSeconds(s.withinSeconds() == null ? 60 : s.withinSeconds()), toggle, s.replay()));
        }
        return new Scenario(f.title() == null ? path.getFileName().toString() : f.title(), steps);
    }
}
