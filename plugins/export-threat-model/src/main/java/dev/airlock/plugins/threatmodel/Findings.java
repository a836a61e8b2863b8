package dev.airlock.plugins.threatmodel;

import dev.airlock.core.export.ExportFinding;
import dev.airlock.plugins.threatmodel.ThreatModel.Element;
import dev.airlock.plugins.threatmodel.ThreatModel.PathFinding;
import dev.airlock.plugins.threatmodel.ThreatModel.Status;
import dev.airlock.plugins.threatmodel.ThreatModel.Threat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the workbench marks on the canvas after an export: per element, the exfiltration paths that pass through it
 * and its threats that nothing mitigates. Partly mitigated threats are left to the report, so a mark means work.
 */
final class Findings {

    private Findings() {
    }

    static List<ExportFinding> of(ThreatModel model) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        model.elements().forEach(e -> lines.put(e.id(), new ArrayList<>()));
        for (PathFinding p : model.paths()) {
            for (String agent : new LinkedHashSet<>(p.path().elements().subList(1, p.path().elements().size() - 1))) {
                lines.get("agent:" + agent).add("On an exfiltration path (" + p.status().text + "): " + p.path().describe());
            }
        }
        for (Element e : model.elements()) {
            for (Threat t : e.threats()) {
                if (t.status() == Status.OPEN) {
                    lines.get(e.id()).add("Not mitigated, " + t.category() + ": " + t.title() + ". " + t.mitigation());
                }
            }
        }
        List<ExportFinding> findings = new ArrayList<>();
        lines.forEach((element, found) -> {
            if (!found.isEmpty()) {
                findings.add(new ExportFinding(element, "Threat model:\n• " + String.join("\n• ", found)));
            }
        });
        return findings;
    }
}
