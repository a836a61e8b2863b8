package dev.airlock.gate.guard;

import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.GuardrailSpec.Action;
import dev.airlock.core.topology.GuardrailSpec.Mask;
import dev.airlock.core.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;

/**
 * The guardrails of one policy: the built-in detectors with the topology's action and mask style overrides, the
 * topology's custom patterns, and detector plugins. {@link #scan} normalizes once, runs every requested detector
 * over every view, and decides. Thread-safe.
 */
public final class Guardrails {

    private static final Logger LOG = LoggerFactory.getLogger(Guardrails.class);
    static final long CUSTOM_REGEX_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Map<String, Action> actions;
    private final Map<String, Mask> masks;
    private final Map<String, List<Rule>> rules;
    /**
     * Of each guardrail's rules, those that run everywhere: all that is left to run on a text whose views mark
     * nothing. Going through every rule only to skip it cost a quarter of the window's scan on prose.
     */
    private final Map<String, List<Rule>> untriggered;
    private final Map<String, GuardDetector> plugins;
    private final ExecutorService pluginRunner;
    /** The literal index of each guardrail selection scanned so far; pipes share a handful of selections. */
    private final Map<Collection<String>, Needles> needles = new ConcurrentHashMap<>();
    /** Keys the {@code hash} mask style: tokens match within one gate's life and cannot be reversed by guessing. */
    private final byte[] hashKey = new byte[32];

    private Guardrails(Map<String, Action> actions, Map<String, Mask> masks, Map<String, List<Rule>> rules,
                       Map<String, GuardDetector> plugins) {
        this.actions = Map.copyOf(actions);
        this.masks = Map.copyOf(masks);
        new SecureRandom().nextBytes(hashKey);
        this.rules = Map.copyOf(rules);
        Map<String, List<Rule>> everywhere = new HashMap<>();
        rules.forEach((id, list) -> everywhere.put(id,
                list.stream().filter(r -> r.trigger() == Trigger.EVERYWHERE).toList()));
        this.untriggered = Map.copyOf(everywhere);
        this.plugins = Map.copyOf(plugins);
        this.pluginRunner = plugins.isEmpty() ? null : Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Built-ins with their default actions and no plugins. */
    public static Guardrails builtin() {
        return create(List.of(), List.of());
    }

    /** The topology's guardrails, plus every detector bundled or installed as a plugin ({@link Plugins}). */
    public static Guardrails forTopology(Topology topology) {
        List<GuardDetector> found = new ArrayList<>();
        found.addAll(Plugins.installed().providers(GuardDetector.class));
        return create(topology.guardrails(), found);
    }

    public static Guardrails create(List<GuardrailSpec> specs, List<GuardDetector> detectors) {
        Map<String, Action> actions = new HashMap<>(Builtins.DEFAULT_ACTIONS);
        Map<String, Mask> masks = new HashMap<>();
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (Rule r : Builtins.RULES) {
            rules.computeIfAbsent(r.guardrail(), k -> new ArrayList<>()).add(r);
        }
        for (GuardrailSpec spec : specs) {
            Action action = spec.action() != null ? spec.action() : Action.BLOCK;
            masks.put(spec.id(), spec.mask());
            if (spec.isCustom()) {
                String label = spec.id();
                rules.put(spec.id(), List.of(Rule.of(spec.id(), spec.id(), spec.pattern(), m -> true,
                        Rule.label(label), true)));
                actions.put(spec.id(), action);
            } else if (spec.action() != null) {
                actions.put(spec.id(), spec.action());
            }
        }
        Map<String, GuardDetector> plugins = new HashMap<>();
        for (GuardDetector d : detectors) {
            if (!rules.containsKey(d.id())) {
                plugins.put(d.id(), d);
                actions.putIfAbsent(d.id(), Action.BLOCK);
            }
        }
        rules.replaceAll((k, v) -> List.copyOf(v));
        return new Guardrails(actions, masks, rules, plugins);
    }

    /**
     * The same guardrails with every rule's regex run over the whole of every view: what the triggers, which only
     * save work, must agree with ({@code TriggersTest}).
     */
    Guardrails withoutTriggers() {
        Map<String, List<Rule>> everywhere = new LinkedHashMap<>();
        rules.forEach((id, list) -> everywhere.put(id, list.stream().map(r -> r.when(Trigger.EVERYWHERE)).toList()));
        return new Guardrails(actions, masks, everywhere, plugins);
    }

    public boolean knows(String id) {
        return rules.containsKey(id) || plugins.containsKey(id);
    }

    public Action actionOf(String id) {
        return actions.getOrDefault(id, Action.BLOCK);
    }

    public Scan scan(String text, Collection<String> ids) {
        return scan(text, ids, null);
    }

    /**
     * Guards one text against the guardrails {@code ids}. With a {@code window}, a finding that starts in earlier
     * messages of the same pipe is reported too, and blocks since the earlier part can no longer be masked.
     */
    public Scan scan(String text, Collection<String> ids, SlidingWindow window) {
        if (ids.isEmpty()) {
            return Scan.clean(text);
        }
        List<Finding> findings = new ArrayList<>();
        Needles index = needlesOf(ids);
        List<TextView> views = Normalizer.views(text, index);
        // Most prose marks nothing in any view: then no trigger has a region, and only a rule that runs everywhere
        // (a topology's own pattern) needs to look.
        boolean marked = marksAnything(views);
        for (String id : ids) {
            List<Rule> idRules = (marked ? rules : untriggered).get(id);
            if (idRules != null) {
                for (Rule rule : idRules) {
                    match(rule, views, findings);
                }
            } else if (plugins.containsKey(id)) {
                runPlugin(plugins.get(id), text, views, findings);
            } else {
                findings.add(new Finding(id, "guardrail.unknown", Action.BLOCK, -1, -1, "policy",
                        "[unknown guardrail " + id + "]"));
            }
        }
        if (window != null && !window.tail().isEmpty()) {
            findings.addAll(acrossWindow(window.tail(), text, ids, index));
        }
        return decide(text, findings);
    }

    private static boolean marksAnything(List<TextView> views) {
        for (TextView view : views) {
            if (!view.profile().marksNothing()) {
                return true;
            }
        }
        return false;
    }

    Needles needlesOf(Collection<String> ids) {
        Needles index = needles.get(ids);
        if (index == null) {
            BitSet everywhere = new BitSet();
            BitSet beforeAnchor = new BitSet();
            StringBuilder anchors = new StringBuilder();
            int within = 0;
            for (String id : ids) {
                for (Rule rule : rules.getOrDefault(id, List.of())) {
                    Trigger trigger = rule.trigger();
                    BitSet into = trigger.anchors().isEmpty() ? everywhere : beforeAnchor;
                    for (int literal : trigger.literals()) {
                        into.set(literal);
                    }
                    anchors.append(trigger.anchors());
                    within = Math.max(within, trigger.within());
                }
            }
            index = Needles.of(everywhere, beforeAnchor, anchors.toString(), within);
            needles.put(List.copyOf(ids), index);
        }
        return index;
    }

    private void match(Rule rule, List<TextView> views, List<Finding> out) {
        for (int v = 0; v < views.size(); v++) {
            TextView view = views.get(v);
            if (!rule.wordy() && view.step().contains("leet")) {
                continue;
            }
            List<int[]> regions = rule.trigger().regions(view.profile());
            if (regions.isEmpty()) {
                // The common case, so it costs no lookups.
                continue;
            }
            Action action = actionOf(rule.guardrail());
            Mask style = masks.getOrDefault(rule.guardrail(), Mask.PARTIAL);
            boolean custom = !Builtins.DEFAULT_ACTIONS.containsKey(rule.guardrail());
            CharSequence text = custom ? new DeadlineText(view.text(), System.nanoTime() + CUSTOM_REGEX_BUDGET_NANOS)
                    : view.text();
            try {
                Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int[] region : regions) {
                    matchRegion(rule, action, style, view, m, region[0], region[1], out);
                }
            } catch (DeadlineText.Expired e) {
                out.add(new Finding(rule.guardrail(), rule.rule() + ".timeout", Action.BLOCK, -1, -1, view.step(),
                        "[pattern too slow]"));
                return;
            }
        }
    }

    private void matchRegion(Rule rule, Action action, Mask style, TextView view, Matcher m, int regionStart,
                             int regionEnd, List<Finding> out) {
        int from = regionStart;
        while (from <= regionEnd) {
            m.region(from, regionEnd);
            if (!m.find()) {
                return;
            }
            int g = rule.group();
            // A shape match that fails its check may hide a real one starting inside it ("3 4111 1111 ..."),
            // so the search resumes one character later rather than after the rejected match.
            from = m.start() + 1;
            if (m.start(g) < 0 || m.end(g) == m.start(g)) {
                continue;
            }
            String value = m.group(g);
            String checked = view.step().contains("leet") ? view.asWritten(m.start(g), m.end(g)) : value;
            if (!rule.valid().test(checked)) {
                continue;
            }
            from = Math.max(from, m.end());
            int[] span = view.rawSpan(m.start(g), m.end(g));
            int start = span[0];
            int end = span[1];
            Finding found = new Finding(rule.guardrail(), rule.rule(), action, start, end, view.step(),
                    rule.render(style, value, hashKey));
            int same = overlapsSameRule(out, rule.rule(), start, end);
            if (same < 0) {
                out.add(found);
            } else if (end - start > out.get(same).end() - out.get(same).start()
                    || end - start == out.get(same).end() - out.get(same).start() && view.transformed()) {
                // A later view saw more of the same value (a look-alike the raw text hid): mask all of it. Read
                // backwards or rotated, the value is what that view saw, so its rendering is the one to show.
                out.set(same, found);
            }
        }
    }

    /** The index of a finding of {@code rule} overlapping {@code [start, end)}, or -1. */
    private static int overlapsSameRule(List<Finding> found, String rule, int start, int end) {
        for (int i = 0; i < found.size(); i++) {
            Finding f = found.get(i);
            if (f.rule().equals(rule) && f.start() < end && start < f.end()) {
                return i;
            }
        }
        return -1;
    }

    private void runPlugin(GuardDetector detector, String raw, List<TextView> views, List<Finding> out) {
        String canonical = views.stream().filter(v -> v.step().equals("canonical")).map(TextView::text)
                .findFirst().orElse(raw);
        Action action = actionOf(detector.id());
        Future<List<GuardDetector.Hit>> hits = pluginRunner.submit(() -> detector.inspect(raw, canonical));
        try {
            for (GuardDetector.Hit hit : hits.get(detector.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                out.add(new Finding(detector.id(), detector.id() + "." + hit.rule(), action, hit.start(), hit.end(),
                        "plugin", "[REDACTED:" + detector.id() + "]"));
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            hits.cancel(true);
            LOG.warn("guardrail {} failed: {}", detector.id(), e.toString());
            if (detector.failClosed()) {
                out.add(new Finding(detector.id(), detector.id() + ".unavailable", Action.BLOCK, -1, -1, "plugin",
                        "[guardrail unavailable]"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.add(new Finding(detector.id(), detector.id() + ".unavailable", Action.BLOCK, -1, -1, "plugin",
                    "[guardrail unavailable]"));
        }
    }

    /** Findings that straddle the boundary between the window's tail and the start of this text. */
    private List<Finding> acrossWindow(String tail, String text, Collection<String> ids, Needles index) {
        String joined = tail + text.substring(0, Math.min(text.length(), SlidingWindow.SIZE));
        List<TextView> views = Normalizer.views(joined, index);
        List<Finding> raw = new ArrayList<>();
        boolean marked = marksAnything(views);
        for (String id : ids) {
            for (Rule rule : (marked ? rules : untriggered).getOrDefault(id, List.of())) {
                match(rule, views, raw);
            }
        }
        List<Finding> split = new ArrayList<>();
        int boundary = tail.length();
        for (Finding f : raw) {
            if (f.located() && f.start() < boundary && f.end() > boundary && f.action() != Action.ALLOW) {
                Action action = f.action() == Action.MASK ? Action.BLOCK : f.action();
                split.add(new Finding(f.guardrail(), f.rule(), action, -1, -1, "window(" + f.step() + ")",
                        f.masked()));
            }
        }
        return split;
    }

    private static Scan decide(String text, List<Finding> findings) {
        Action action = Action.ALLOW;
        List<Finding> decided = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Finding g = f.action() == Action.MASK && !f.located() ? f.withAction(Action.BLOCK) : f;
            decided.add(g);
            action = Scan.stronger(action, g.action());
        }
        String out = action == Action.MASK || action == Action.ASK ? mask(text, decided) : text;
        return new Scan(action, decided, out);
    }

    /**
     * What a pipe's window should remember of a delivered text: the original with masked spans cut out by line
     * breaks, so the digits a mask keeps ("***-**-6789") never join the next message into a false finding.
     */
    public static String forWindow(String original, List<Finding> findings) {
        if (findings.isEmpty()) {
            return original;
        }
        List<Finding> cut = findings.stream().filter(f -> f.action() == Action.MASK && f.located())
                .map(f -> new Finding(f.guardrail(), f.rule(), f.action(), f.start(), f.end(), f.step(), "\n"))
                .toList();
        return mask(original, cut);
    }

    /** Replaces every located masking finding's raw span by its rendering; overlapping spans merge. */
    static String mask(String text, List<Finding> findings) {
        List<Finding> spans = findings.stream().filter(f -> f.action() == Action.MASK && f.located())
                .sorted(Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end())).toList();
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int pos = 0;
        int i = 0;
        while (i < spans.size()) {
            Finding first = spans.get(i);
            int start = first.start();
            int end = first.end();
            Finding widest = first;
            i++;
            while (i < spans.size() && spans.get(i).start() < end) {
                Finding next = spans.get(i++);
                if (next.end() - next.start() > widest.end() - widest.start()) {
                    widest = next;
                }
                end = Math.max(end, next.end());
            }
            b.append(text, pos, Math.max(pos, start)).append(widest.masked());
            pos = Math.max(pos, end);
        }
        b.append(text, Math.min(pos, text.length()), text.length());
        return b.toString();
    }

    public void close() {
        if (pluginRunner != null) {
            pluginRunner.shutdownNow();
        }
    }
}
