package dev.airlock.plugins.threatmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.export.ExportFinding;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.plugins.threatmodel.ThreatModel.PathFinding;
import dev.airlock.plugins.threatmodel.ThreatModel.Status;
import dev.airlock.plugins.threatmodel.ThreatModel.Step;
import dev.airlock.plugins.threatmodel.ThreatModel.Threat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The research assistant splits the three risky traits over three agents, yet a chain of pipes joins them again:
 * the model must name that chain step by step, and its statuses must follow the policy when the policy changes.
 */
class ResearchAssistantThreatModelTest {

    private static final Topology SAMPLE = Samples.read("research-assistant/research-assistant.yaml");

    @Test
    void namesTheInjectionToExfiltrationPathStepByStepWithItsStatus() {
        PathFinding path = onlyPath(SAMPLE);
        assertThat(path.path().describe())
                .isEqualTo("web → researcher → planner (reads notes) → researcher → writer → mailer");
        assertThat(path.steps()).extracting(Step::what).containsExactly(
                "web returns untrusted content to researcher",
                "researcher passes the injected instruction to planner on pipe planner<->researcher",
                "planner reads private data from notes",
                "planner passes the data to researcher on pipe planner<->researcher",
                "researcher passes the data to writer on pipe researcher->writer",
                "writer sends it out through mailer");
        // planner<->researcher has the default guardrails (pii, secrets) but no prompt-injection guardrail.
        assertThat(path.steps()).extracting(Step::status).containsExactly(Status.PARTIAL, Status.OPEN, Status.OPEN,
                Status.PARTIAL, Status.PARTIAL, Status.MITIGATED);
        assertThat(path.steps().get(4).control()).isEqualTo(
                "pii and secrets guardrails on pipe researcher->writer block the forms they know");
        // mailer has approval: required, so a person sees every send.
        assertThat(path.status()).isEqualTo(Status.MITIGATED);
    }

    @Test
    void theReportsAndTheThreatDragonModelNameThePath() throws IOException {
        String named = "web → researcher → planner (reads notes) → researcher → writer → mailer";
        assertThat(Samples.export(SAMPLE, "md")).contains("### 1. " + named + " (mitigated)");
        assertThat(Samples.export(SAMPLE, "html")).contains("<h3>1. " + named + " (mitigated)</h3>");
        JsonNode cells = new ObjectMapper().readTree(Samples.export(SAMPLE, "json")).at("/detail/diagrams/0/cells");
        List<String> texts = new ArrayList<>();
        cells.forEach(c -> texts.add(c.at("/attrs/text/text").asText()));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("1. " + named + " (mitigated)"));
    }

    @Test
    void withoutTheApprovalThePathIsOnlyPartlyMitigatedAndWithoutGuardrailsOpen() {
        Topology unapproved = SAMPLE.withTools(SAMPLE.tools().stream()
                .map(t -> t.id().equals("mailer") ? t.withApproval(ToolSpec.Approval.NEVER) : t).toList());
        assertThat(onlyPath(unapproved).status()).isEqualTo(Status.PARTIAL);
        Topology unguarded = unapproved.withPipes(unapproved.pipes().stream().map(p -> p.withGuardrails(List.of())).toList());
        assertThat(onlyPath(unguarded).status()).isEqualTo(Status.OPEN);
        assertThat(threat(ThreatModeler.model(unguarded), "agent:writer", ThreatRules.LLM06).status()).isEqualTo(Status.OPEN);
        assertThat(threat(ThreatModeler.model(SAMPLE), "agent:writer", ThreatRules.LLM06).status()).isEqualTo(Status.MITIGATED);
    }

    @Test
    void anOpenNetworkIsAnUnmitigatedDisclosureAndAScopeMitigatesPrivilege() {
        assertThat(threat(ThreatModeler.model(SAMPLE), "agent:researcher", "Information disclosure").status())
                .isEqualTo(Status.MITIGATED);
        Topology open = SAMPLE.withAgents(SAMPLE.agents().stream().map(a -> a.id().equals("researcher")
                ? withSandbox(a, SandboxOverrides.NONE.withNetwork("bridge")) : a).toList());
        Threat disclosure = threat(ThreatModeler.model(open), "agent:researcher", "Information disclosure");
        assertThat(disclosure.status()).isEqualTo(Status.OPEN);
        assertThat(disclosure.mitigation()).contains("network 'bridge'");
        ThreatModel model = ThreatModeler.model(SAMPLE);
        assertThat(model.flows()).filteredOn(f -> f.id().equals("call:writer->mailer/send_email")).singleElement()
                .satisfies(f -> assertThat(f.threats()).singleElement().satisfies(t -> {
                    assertThat(t.category()).isEqualTo("Elevation of privilege");
                    assertThat(t.status()).isEqualTo(Status.MITIGATED);
                }));
    }

    @Test
    void aPipeWithoutPiiLeavesDisclosureOpenAndOneWithItMitigated() {
        ThreatModel model = ThreatModeler.model(SAMPLE);
        assertThat(flowThreat(model, "pipe:researcher->writer", "Information disclosure").status()).isEqualTo(Status.MITIGATED);
        assertThat(flowThreat(model, "pipe:planner<->researcher", "Information disclosure").status())
                .as("the defaults' pii guardrail applies").isEqualTo(Status.MITIGATED);
        Topology unguarded = SAMPLE.withPipes(SAMPLE.pipes().stream()
                .map(p -> p.id().equals("planner<->researcher") ? p.withGuardrails(List.of()) : p).toList());
        assertThat(flowThreat(ThreatModeler.model(unguarded), "pipe:planner<->researcher", "Information disclosure")
                .status()).isEqualTo(Status.OPEN);
    }

    private static AgentSpec withSandbox(AgentSpec a, SandboxOverrides sandbox) {
        return new AgentSpec(a.id(), a.description(), a.image(), a.build(), a.command(), a.env(), a.resources(),
                a.models(), a.tools(), sandbox, a.restart());
    }

    private static PathFinding onlyPath(Topology t) {
        List<PathFinding> paths = ThreatModeler.model(t).paths();
        assertThat(paths).hasSize(1);
        return paths.getFirst();
    }

    private static Threat threat(ThreatModel m, String element, String category) {
        return m.elements().stream().filter(e -> e.id().equals(element)).flatMap(e -> e.threats().stream())
                .filter(t -> t.category().equals(category)).findFirst().orElseThrow();
    }

    private static Threat flowThreat(ThreatModel m, String flow, String category) {
        return m.flows().stream().filter(f -> f.id().equals(flow)).flatMap(f -> f.threats().stream())
                .filter(t -> t.category().equals(category)).findFirst().orElseThrow();
    }

    @Test
    void theFindingsForTheCanvasMarkEveryAgentOnThePathAndWhatNothingMitigates() throws Exception {
        var findings = new ThreatModelExporter().export(SAMPLE, ExportOptions.format("md")).findings();
        assertThat(findings).extracting(ExportFinding::element)
                .contains("agent:researcher", "agent:planner", "agent:writer")
                .doesNotContain("gate", "tool:notes");
        assertThat(findings).filteredOn(f -> f.element().equals("agent:writer")).singleElement()
                .satisfies(f -> assertThat(f.text()).contains("On an exfiltration path (mitigated): web → researcher"));
        assertThat(findings).filteredOn(f -> f.element().equals("agent:planner")).singleElement()
                .satisfies(f -> assertThat(f.text()).contains("Not mitigated, LLM01 Prompt Injection"));
    }
}
