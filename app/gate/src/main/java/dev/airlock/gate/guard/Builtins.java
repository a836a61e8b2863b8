package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec.Action;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The detectors Airlock ships, by guardrail id, with the action each takes unless the topology changes it. */
public final class Builtins {

    public static final String PII = "pii";
    public static final String SECRETS = "secrets";
    public static final String SQL_INJECTION = "sql-injection";
    public static final String PROMPT_INJECTION = "prompt-injection";

    public static final Map<String, Action> DEFAULT_ACTIONS = Map.of(
            PII, Action.MASK, SECRETS, Action.BLOCK, SQL_INJECTION, Action.BLOCK, PROMPT_INJECTION, Action.BLOCK);

    /**
     * Base64 lines of a key body: a first line starting as DER or OpenSSH keys do, then full lines, then a short one.
     * A short last line that could be a word must look like base64: a digit, '+', '/' or padding in it, or letters
     * only, 4, 8 or 12 of them (an unpadded body's length is a multiple of four) with a capital after the first.
     */
    static final String PEM_BODY = "(?:(?:M[A-Za-z0-9+/]{15,}|b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]*)={0,2}"
            + "(?:[ \\t]*\\r?\\n[ \\t]*[A-Za-z0-9+/]{16,}={0,2})*"
            + "(?:[ \\t]*\\r?\\n[ \\t]*(?:[A-Za-z]{0,14}[0-9+/][A-Za-z0-9+/]{0,14}={0,2}|[A-Za-z0-9+/]{1,15}={1,2}"
            + "|(?=(?:[A-Za-z]{4}){1,3}(?![A-Za-z]))[A-Za-z][a-z]*[A-Z][A-Za-z]*)"
            + "(?=[ \\t]*(?:\\r?\\n|$)))?)";

    private static final String DOT = "(?:\\s{1,3}dot\\s{1,3}|\\s{0,3}[\\[({<]\\s{0,2}dot\\s{0,2}[\\])}>]\\s{0,3})";
    private static final String AT = "(?:\\s{1,3}at\\s{1,3}|\\s{0,3}[\\[({<]\\s{0,2}at\\s{0,2}[\\])}>]\\s{0,3}"
            + "|\\s{0,3}@\\s{0,3})";
    /** An address with "at" and "dot" as words or in brackets, in any mix with '@' and '.'. */
    static final String WORD_EMAIL = "(?i)(?<![\\w.+%-])[a-z0-9][a-z0-9._%+-]{0,63}(?:" + DOT + "[a-z0-9_%+-]{1,32}){0,3}"
            + AT + "[a-z0-9][a-z0-9-]{0,62}(?:(?:\\.|" + DOT + ")[a-z0-9][a-z0-9-]{0,62}){0,4}(?:\\.|" + DOT
            + ")[a-z]{2,24}"
            + "(?![\\w-])";

    private static final String SEP = "[-_.]{0,2}";
    /** An AWS key id in either case, its prefix letters or look-alikes, one optional separator between any two. */
    static final String LOOSE_AWS_KEY = "(?i)(?<![a-z0-9])(?:[a4]" + SEP + "k" + SEP + "[i1l|!]" + SEP + "[a4]|[a4]"
            + SEP + "[s5]" + SEP + "[i1l|!]" + SEP + "[a4]|[a4]" + SEP + "[g6]" + SEP + "p" + SEP + "[a4]|[a4]" + SEP
            + "[i1l|!]" + SEP + "d" + SEP + "[a4]|[a4]" + SEP + "r" + SEP + "[o0]" + SEP + "[a4])(?:" + SEP
            + "[a-z0-9]){16}(?![a-z0-9]|[-_.]{1,2}[a-z0-9])";

    static final List<Rule> RULES = List.of(
            Rule.of(PII, "pii.ssn", "(?<![\\d.]|[\\d.]-)\\d{3}([- ./])\\d{2}\\1\\d{4}(?!\\d|-\\d|\\.\\d)", Checks::ssn,
                    m -> "***-**-" + Checks.lastFour(m), false)
                    .identifiedBy(Checks::digits).when(Trigger.digits(9, 1)),
            Rule.of(PII, "pii.ssn", "(?i)(?:s\\.?s\\.?n|social security(?: number)?)\\W{0,12}(\\d{9})(?!\\d)",
                    Checks::ssn, m -> "***-**-" + Checks.lastFour(m), false).group(1)
                    .identifiedBy(Checks::digits).when(Trigger.digits(9, 40)),
            Rule.of(PII, "pii.card", "(?<![\\d.])(?:\\d[ -]?){12,18}\\d(?![\\d])", Checks::card,
                    m -> "**** **** **** " + Checks.lastFour(m), false)
                    .identifiedBy(Checks::digits).when(Trigger.digits(13, 1)),
            Rule.of(PII, "pii.card", "(?<![\\d.])(?:\\d{4}([./])\\d{4}\\1\\d{4}\\1\\d{4}|\\d{4}([./])\\d{6}\\2\\d{5})"
                    + "(?!\\d|\\.\\d)", Checks::card, m -> "**** **** **** " + Checks.lastFour(m), false)
                    .identifiedBy(Checks::digits).when(Trigger.digits(13, 1)),
            // Starts at the first letter or digit of a run: an address glued to "+", "-" or "_" ("+john@…") is an
            // address; a start inside a longer run is found from the run's own start.
            Rule.of(PII, "pii.email", "(?i)(?<![a-z0-9])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}\\.)+"
                    + "[a-z]{2,24}(?![\\w-])", m -> true,
                    m -> m.charAt(0) + "***" + m.substring(m.indexOf('@')), false)
                    .identifiedBy(m -> m.toLowerCase(Locale.ROOT)).when(Trigger.near(70, 260, "@")),
            // Spelled out, one space at most around each part: the collapsed view makes longer spacing one space,
            // and "[at" or "[ at" is then the literal that triggers it.
            Rule.of(PII, "pii.email", "(?i)(?<![\\w.+-])[a-z0-9][a-z0-9._%+-]{0,63} ?[\\[(] ?at ?[\\])] ?[a-z0-9]"
                    + "(?:[a-z0-9-]{0,62} ?(?:\\.|[\\[(] ?dot ?[\\])]) ?)+[a-z]{2,24}(?![\\w-])", m -> true,
                    Checks::maskWordEmail, false)
                    .identifiedBy(Checks::wordEmailAddress).when(Trigger.near(70, 260, "[at", "(at", "[ at", "( at")),
            Rule.of(PII, "pii.phone", "(?<![\\w+.-])(?:\\+?1[ .-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}([ ./-]))\\d{3}(?:\\1|[ .-])\\d{4}"
                    + "(?![\\w-])", Checks::phone, m -> "***-***-" + Checks.lastFour(m), false)
                    .identifiedBy(Checks::digits).when(Trigger.digits(10, 1)),
            Rule.of(PII, "pii.phone", "(?<![\\w+])\\+(?:[2-9]\\d{0,2})(?:[ .-]?\\d{2,4}){3,5}(?![\\w-])",
                    Checks::phone, m -> "+** *** " + Checks.lastFour(m), false)
                    .identifiedBy(Checks::digits).when(Trigger.near(1, 40, "+")),
            // Ten digits with no separator are a phone number only after a label that says so ("tel 4155550132").
            Rule.of(PII, "pii.phone", "(?i)(?<![a-z])(?:tel|tele|telephone|phone|ph|mobile|mob|cell|cellphone|fax"
                    + "|whatsapp|call|sms)(?:\\s*(?:no|nr|number|#))?\\.?\\s{0,3}[:#=.-]?\\s{0,3}(\\+?\\d{10,12})(?!\\d)",
                    Checks::labelledPhone, m -> "***-***-" + Checks.lastFour(m), false).group(1)
                    .identifiedBy(Checks::digits).when(Trigger.digits(10, 40)),
            Rule.of(PII, "pii.email", WORD_EMAIL, Checks::wordEmail, Checks::maskWordEmail, false)
                    .identifiedBy(Checks::wordEmailAddress).when(Trigger.anyOf(Trigger.DOT_SPOTS,
                            Trigger.near(300, 600, "[at", "(at", "[ at", "( at", "{at", "<at", "[dot", "(dot", "[ dot",
                                    "( dot", "{dot", "<dot"))),
            Rule.of(PII, "pii.iban", "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![A-Za-z0-9])",
                    Checks::iban, m -> Checks.alnumUpper(m).substring(0, 2) + "** **** " + lastFourChars(m), false)
                    .identifiedBy(Checks::alnumUpper).when(Trigger.IBAN_START),
            // In any case or grouped with dashes: groups of four and one separator throughout (or none), so that a
            // word after the number never joins it.
            Rule.of(PII, "pii.iban", "(?i)(?<![A-Z0-9])[A-Z]{2}\\d{2}([ -]?)[A-Z0-9]{4}(?:\\1[A-Z0-9]{4}){1,6}"
                    + "(?:\\1[A-Z0-9]{1,3})?(?![A-Z0-9])",
                    Checks::iban, m -> Checks.alnumUpper(m).substring(0, 2) + "** **** " + lastFourChars(m), false)
                    .identifiedBy(Checks::alnumUpper).when(Trigger.IBAN_START),

            Rule.of(SECRETS, "secrets.aws-access-key", "(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}"
                    + "(?![A-Z0-9])", m -> true, Rule.label("aws-access-key"), false)
                    .when(Trigger.encoded(20, 1)),
            // The same key in five groups of four, one separator throughout ("AKIA IOSF ODNN 7EXA MPLE").
            Rule.of(SECRETS, "secrets.aws-access-key", "(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA)([ ._-])[A-Z0-9]{4}"
                    + "(?:\\1[A-Z0-9]{4}){3}(?![A-Z0-9])", m -> true, Rule.label("aws-access-key"), false)
                    .when(Trigger.CHUNK_START),
            // In lower case, with a look-alike in the prefix ("AK1A", "4KIA"), or split by uneven separators.
            Rule.of(SECRETS, "secrets.aws-access-key", LOOSE_AWS_KEY, Checks::looseAwsKey,
                    Rule.label("aws-access-key"), false)
                    .when(Trigger.anyOf(Trigger.encoded(15, 4), Trigger.CAPITAL_SPOTS, Trigger.MIXED_SPOTS)),
            Rule.of(SECRETS, "secrets.aws-secret-key", "(?i)aws.{0,20}(?:secret|key).{0,20}?[=:\"'\\s]"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", Checks::highEntropy,
                    Rule.label("aws-secret-key"), true).group(1)
                    .when(Trigger.encoded(40, 64)),
            Rule.of(SECRETS, "secrets.gcp-api-key", "AIza[0-9A-Za-z_-]{35}", m -> true,
                    Rule.label("gcp-api-key"), false)
                    .when(Trigger.encoded(39, 1)),
            Rule.of(SECRETS, "secrets.private-key", "(?i)-{3,}\\s*(?:BEGIN|END)[A-Z ]{0,20}PRIVATE\\s*KEY(?:\\s*BLOCK)?\\s*-{3,}"
                    + "(?:[\\s\\S]{0,8000}?-{3,}\\s*END[A-Z ]{0,20}PRIVATE\\s*KEY\\s*-{3,})?", m -> true,
                    Rule.label("private-key"), true)
                    .when(Trigger.near(0, 9000, "---")),
            // The header written without its dashes, with the body and footer that follow it.
            Rule.of(SECRETS, "secrets.private-key", "B(?i:EGIN[ _](?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP)[ _])?"
                    + "PRIVATE[ _]KEY(?:[ _]BLOCK)?)(?:\\s*" + PEM_BODY + ")?(?:\\s*-*\\s*(?i:END[ _][A-Z ]{0,20}PRIVATE[ _]KEY"
                    + "(?:[ _]BLOCK)?)-*)?", m -> true, Rule.label("private-key"), false)
                    .when(Trigger.CAPITAL_SPOTS_FAR),
            // The body alone: base64 whose first bytes are the DER of a private key (or an OpenSSH key).
            Rule.of(SECRETS, "secrets.private-key", "(?<![A-Za-z0-9+/])" + PEM_BODY, Checks::privateKeyBody,
                    Rule.label("private-key"), false)
                    .when(Trigger.KEY_BODY),
            Rule.of(SECRETS, "secrets.github-token", "(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})",
                    m -> true, Rule.label("github-token"), false)
                    .when(Trigger.encoded(40, 1)),
            Rule.of(SECRETS, "secrets.slack-token", "xox[abprs]-[A-Za-z0-9-]{10,72}", m -> true,
                    Rule.label("slack-token"), false)
                    .when(Trigger.encoded(15, 1)),
            Rule.of(SECRETS, "secrets.stripe-key", "(?:sk|rk)_live_[A-Za-z0-9]{20,99}", m -> true,
                    Rule.label("stripe-key"), false)
                    .when(Trigger.near(3, 100, "_live_")),
            Rule.of(SECRETS, "secrets.api-key", "(?<![A-Za-z0-9])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,200}",
                    Checks::highEntropy, Rule.label("api-key"), false)
                    .when(Trigger.encoded(23, 1)),
            Rule.of(SECRETS, "secrets.jwt", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
                    m -> true, Rule.label("jwt"), false)
                    .when(Trigger.near(4000, 4000, ".eyj")),
            Rule.of(SECRETS, "secrets.assigned", "(?i)(?:api[_ -]?key|secret|pass ?w(?:or)?d|access[_ -]?token|auth[_ -]?"
                    + "token)[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_\\-/+=.]{12,})", Checks::highEntropy,
                    Rule.label("credential"), true).group(1)
                    .when(Trigger.nearBefore(":=", 200, 0, 200, "api", "secret", "pass", "access", "auth")),

            Rule.of(SQL_INJECTION, "sql-injection.tautology", "(?i)['\"]\\s*(?:or|and)\\s+['\"]?(\\w+)['\"]?\\s*=\\s*"
                    + "['\"]?\\1\\b", m -> true, Rule.label("sql"), true)
                    .when(Trigger.near(0, 80, "' or", "'or", "\" or", "\"or", "' and", "'and", "\" and", "\"and")),
            Rule.of(SQL_INJECTION, "sql-injection.stacked", "(?i);\\s*(?:drop|truncate|alter|delete\\s+from|insert\\s+"
                    + "into|update\\s+\\w+\\s+set|exec(?:ute)?)\\b", m -> true, Rule.label("sql"), true)
                    .when(Trigger.near(0, 60, ";")),
            Rule.of(SQL_INJECTION, "sql-injection.union", "(?i)\\bunion(?:\\s+all)?\\s+select\\b", m -> true,
                    Rule.label("sql"), true)
                    .when(Trigger.near(0, 60, "union")),
            Rule.of(SQL_INJECTION, "sql-injection.comment", "(?i)'\\s*;?\\s*--(?:\\s|$)", m -> true,
                    Rule.label("sql"), true)
                    .when(Trigger.near(1, 20, "--")),

            Rule.of(PROMPT_INJECTION, "prompt-injection.override", "(?i)\\b(?:ignore|disregard|forget|override)\\s+"
                    + "(?:all\\s+|any\\s+|the\\s+|your\\s+)*(?:previous|prior|above|earlier|preceding|system)\\s+"
                    + "(?:instructions?|prompts?|directions?|rules|messages?)", m -> true,
                    Rule.label("prompt-injection"), true)
                    .when(Trigger.near(0, 120, "ignore", "disregard", "forget", "override")),
            Rule.of(PROMPT_INJECTION, "prompt-injection.role", "(?i)\\byou\\s+are\\s+now\\s+(?:in\\s+)?(?:dan|"
                    + "developer\\s+mode|jailbroken|unrestricted)|\\bact\\s+as\\s+(?:an?\\s+)?unrestricted",
                    m -> true, Rule.label("prompt-injection"), true)
                    .when(Trigger.near(0, 80, "you are now", "act as")),
            Rule.of(PROMPT_INJECTION, "prompt-injection.exfiltrate", "(?i)\\b(?:reveal|print|show|repeat|leak|send)\\s+"
                    + "(?:me\\s+)?(?:your|the)\\s+(?:system\\s+prompt|hidden\\s+instructions|api\\s+keys?|"
                    + "credentials|secrets?)", m -> true, Rule.label("prompt-injection"), true)
                    .when(Trigger.near(0, 100, "reveal", "print", "show", "repeat", "leak", "send")),
            Rule.of(PROMPT_INJECTION, "prompt-injection.delimiter", "<\\|im_start\\|>|<\\|system\\|>|\\[/?INST\\]|"
                    + "<<SYS>>|(?im)^\\s*###\\s*(?:system|instruction)s?\\s*:", m -> true,
                    Rule.label("prompt-injection"), false)
                    .when(Trigger.near(1, 30, "<|", "[inst", "[/inst", "<<sys", "###")));

    private Builtins() {
    }


    private static String lastFourChars(String m) {
        String s = Checks.alnumUpper(m);
        return s.substring(s.length() - 4);
    }
}
