package dev.airlock.gate.guard;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A generated corpus of what attackers write and of what merely looks like it. Every sensitive category (SSN, card,
 * phone, e-mail, cloud key, private key, IBAN) in every form that applies to it, each time with fresh values,
 * separators, casing, surrounding prose and position; and benign look-alikes (versions, dates, order and invoice
 * numbers, ISBNs, UUIDs, hashes, prices, phone-like product codes, prose with "at", "dot" and number words).
 * Deterministic for a seed.
 */
final class RecallCorpus {

    /** One sensitive text: {@code before + written + after}, where {@code written} is the offending span. */
    record Case(String category, String form, String before, String written, String after) {
        String text() {
            return before + written + after;
        }
    }

    /** One text that holds nothing sensitive. */
    record Benign(String kind, String text) {
    }

    private static final String[] FIRST = {"john", "maria", "li", "ahmed", "olga", "peter", "sara", "kenji", "ana",
            "tom"};
    private static final String[] LAST = {"doe", "garcia", "wang", "khan", "ivanova", "smith", "berg", "sato",
            "silva", "miller"};
    private static final String[] DOMAINS = {"example", "acme-corp", "mailbox", "contoso", "northwind", "initech"};
    private static final String[] TLDS = {"com", "org", "net", "io", "de", "co.uk"};
    private static final String[] UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine"};
    private static final String LOOK_FROM = "0123456789";
    private static final String[][] LOOK_TO = {{"O", "o"}, {"l", "I"}, {"Z"}, {}, {}, {"S"}, {"G", "b"}, {"T"},
            {"B"}, {"g", "q"}};

    private final Random random;
    private final List<String> pems;

    RecallCorpus(long seed) {
        this.random = new Random(seed);
        this.pems = keys();
    }

    // ---- values ----

    String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    String card() {
        String[] prefixes = {"4", "4", "51", "52", "53", "54", "55", "34", "37", "6011", "2221"};
        String prefix = prefixes[random.nextInt(prefixes.length)];
        int length = prefix.startsWith("3") ? 15 : 16;
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < length - 1) {
            b.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (Checks.luhn(b.toString() + check) && b.chars().distinct().count() > 1) {
                b.append(check);
                break;
            }
        }
        String d = b.toString();
        if (length == 15) {
            return d.substring(0, 4) + " " + d.substring(4, 10) + " " + d.substring(10);
        }
        String sep = pick(" ", "-", " ");
        return d.substring(0, 4) + sep + d.substring(4, 8) + sep + d.substring(8, 12) + sep + d.substring(12);
    }

    String phone() {
        String area = (2 + random.nextInt(8)) + digits(2);
        String exchange = (2 + random.nextInt(8)) + digits(2);
        String line = digits(4);
        return switch (random.nextInt(4)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "-" + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            default -> "+1 " + area + " " + exchange + " " + line;
        };
    }

    String email() {
        String local = pick(FIRST) + pick(".", "_", "") + pick(LAST) + (random.nextBoolean() ? "" : digits(2));
        return local + "@" + pick(DOMAINS) + "." + pick(TLDS);
    }

    String awsKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(pick("AKIA", "AKIA", "ASIA"));
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        if (b.chars().noneMatch(Character::isDigit)) {
            b.setCharAt(4 + random.nextInt(16), '7');
        }
        return b.toString();
    }

    String iban() {
        String[] ibans = {"DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606",
                "NL91 ABNA 0417 1643 00", "ES91 2100 0418 4502 0005 1332"};
        return pick(ibans);
    }

    // ---- sentences ----

    private static final String[] OPENERS = {"", "Hi, ", "Please note: ", "FYI ", "Update - ", "ok so ",
            "As requested, ", "Quick one: "};
    private static final String[] CLOSERS = {"", ".", " thanks", ", cheers!", " - let me know.", " (do not share)",
            "\nBest, Sam", " and that is all for today."};

    private String before(String label) {
        return pick(OPENERS) + label;
    }

    private String after() {
        return pick(CLOSERS);
    }

    private Case of(String category, String form, String label, String written) {
        return new Case(category, form, before(label), written, after());
    }

    // ---- forms ----

    private String spaced(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    private String zeroWidth(String s) {
        StringBuilder b = new StringBuilder();
        String[] marks = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};
        for (int i = 0; i < s.length(); i++) {
            b.append(s.charAt(i));
            if (i < s.length() - 1 && random.nextInt(3) == 0) {
                b.append(pick(marks));
            }
        }
        return b.toString();
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c > ' ' && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return b.toString();
    }

    /** Digits as look-alike letters, some of them, always at least two. */
    private String lookalikes(String s) {
        char[] c = s.toCharArray();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            if (Character.isDigit(c[i]) && LOOK_TO[c[i] - '0'].length > 0) {
                candidates.add(i);
            }
        }
        java.util.Collections.shuffle(candidates, random);
        int n = Math.max(2, candidates.size() * (20 + random.nextInt(40)) / 100);
        for (int k = 0; k < Math.min(n, candidates.size()); k++) {
            int i = candidates.get(k);
            String[] options = LOOK_TO[c[i] - '0'];
            c[i] = options[random.nextInt(options.length)].charAt(0);
        }
        return new String(c);
    }

    /** Cyrillic and Greek look-alikes of digits and letters. */
    private String cyrillic(String s) {
        String from = "03AEKMHOPCTXBaeopcx";
        String[] to = {"ОΟ", "З", "АΑ", "ЕΕ", "КΚ", "МΜ", "НΗ", "ОΟ", "РΡ", "С", "ТΤ", "ХΧ", "ВΒ", "а", "е", "оο",
                "р", "с", "х"};
        char[] c = s.toCharArray();
        int changed = 0;
        for (int i = 0; i < c.length; i++) {
            int k = from.indexOf(c[i]);
            if (k >= 0 && (random.nextBoolean() || changed == 0)) {
                c[i] = to[k].charAt(random.nextInt(to[k].length()));
                changed++;
            }
        }
        return new String(c);
    }

    /** Each digit as its English word, groups kept apart by a comma, a dash or the word "dash". */
    private String spelled(String s) {
        String between = pick(" ", " ", "-");
        String groupSeparator = pick(", ", " - ", " dash ", ", ");
        boolean capital = random.nextInt(4) == 0;
        StringBuilder b = new StringBuilder();
        boolean groupEnded = false;
        for (char c : s.toCharArray()) {
            if (Character.isDigit(c)) {
                if (!b.isEmpty()) {
                    b.append(groupEnded ? groupSeparator : between);
                }
                String w = UNITS[c - '0'];
                if (c == '0' && random.nextInt(3) == 0) {
                    w = "oh";
                }
                b.append(capital ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
                groupEnded = false;
            } else if (!b.isEmpty()) {
                groupEnded = true;
            }
        }
        return b.toString();
    }

    private static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    private String hex(String s) {
        String h = HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
        return random.nextBoolean() ? h : h.toUpperCase(Locale.ROOT);
    }

    private String hexBytes(String s) {
        String sep = pick(" ", ":", " ", ",");
        String prefix = pick("", "0x");
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            if (!b.isEmpty()) {
                b.append(sep);
            }
            b.append(prefix).append(String.format("%02x", x));
        }
        return b.toString();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private String url(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            if (random.nextBoolean() || x == ' ' || x == '@' || x == '+') {
                b.append(String.format("%%%02X", x));
            } else {
                b.append((char) x);
            }
        }
        return b.toString();
    }

    static String rot13(String s) {
        return Reversals.rot13(s);
    }

    // ---- the corpus ----

    List<Case> cases(int perForm) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < perForm; i++) {
            numeric(out, "ssn", this::ssn, pick("SSN ", "my ssn is ", "social security number: ", "SSN: ", ""));
            numeric(out, "card", this::card, pick("card ", "my card number is ", "Visa: ", "pay with ", ""));
            numeric(out, "phone", this::phone, pick("call me at ", "phone ", "my number is ", "reach me on ", ""));
            String bare = phone().replaceAll("\\D", "");
            bare = bare.length() == 11 ? bare.substring(1) : bare;
            out.add(of("phone", "labelled-bare", pick("tel ", "Tel: ", "tel.", "phone:", "mobile ", "Call "), bare));
            emails(out);
            keys(out);
            privateKeys(out);
            String iban = iban();
            out.add(of("iban", "plain", pick("IBAN ", "account ", "iban: "), iban));
            out.add(of("iban", "compact", pick("IBAN ", "account "), iban.replace(" ", "")));
            out.add(of("iban", "zero-width", "IBAN ", zeroWidth(iban)));
        }
        return out;
    }

    private void numeric(List<Case> out, String category, java.util.function.Supplier<String> value, String label) {
        // A bare SSN needs its label; other forms carry their own shape.
        String ssnLabel = category.equals("ssn") && label.isEmpty() ? "SSN " : label;
        out.add(of(category, "plain", label, value.get()));
        out.add(of(category, "spaced", label, spaced(value.get())));
        out.add(of(category, "split", label, value.get().replaceAll("[ .-]", pick(".", "/", " - ", "–"))
                .replace("(", "").replace(") ", "" + pick(".", "/", "–"))));
        out.add(of(category, "zero-width", label, zeroWidth(value.get())));
        out.add(of(category, "full-width", label, fullWidth(value.get())));
        out.add(of(category, "base64", label, base64(value.get())));
        out.add(of(category, "url", "see /lookup?q=", url(value.get())));
        out.add(of(category, "lookalike", label, lookalikes(value.get())));
        out.add(of(category, "cyrillic", label, cyrillic(value.get())));
        out.add(of(category, "spelled", label, spelled(value.get())));
        // Reversed and rotated as a whole sentence; the offending span is still the number alone.
        out.add(new Case(category, "reversed", "", reversed(value.get()), reversed(pick(OPENERS) + label)));
        out.add(new Case(category, "rot13", rot13(pick(OPENERS) + ssnLabel), rot13(value.get()), rot13(after())));
        out.add(of(category, "hex", label, hex(value.get())));
        out.add(of(category, "hex-0x", label, "0x" + hex(value.get())));
        out.add(of(category, "hex-bytes", label, hexBytes(value.get())));
    }

    private void emails(List<Case> out) {
        String label = pick("email ", "write to ", "contact: ", "mail me at ", "");
        String e = email();
        out.add(of("email", "plain", label, e));
        out.add(of("email", "zero-width", label, zeroWidth(e)));
        out.add(of("email", "full-width", label, fullWidth(e)));
        out.add(of("email", "cyrillic", label, cyrillic(e)));
        out.add(of("email", "base64", label, base64(email())));
        out.add(of("email", "url", "see /u?m=", url(email())));
        out.add(of("email", "reversed", "", reversed(email())));
        out.add(of("email", "rot13", label, rot13(email())));
        out.add(of("email", "hex", label, hex(email())));
        out.add(of("email", "hex-bytes", label, hexBytes(email())));
        out.add(of("email", "brackets", label, spellEmail(email(), pick("[at]", "(at)", " [at] ", " (AT) ", "{at}"),
                pick("[dot]", "(dot)", " [dot] ", ".", " (DOT) "))));
        out.add(of("email", "words", label, spellEmail(email(), pick(" at ", " AT ", " At "),
                pick(" dot ", " DOT ", " dot ", "."))));
    }

    private static String spellEmail(String e, String at, String dot) {
        int a = e.indexOf('@');
        String local = e.substring(0, a);
        String domain = e.substring(a + 1).replace(".", dot);
        return (dot.equals(".") ? local : local.replace(".", dot)) + at + domain;
    }

    private void keys(List<Case> out) {
        String label = pick("key ", "aws_access_key_id=", "use ", "creds: ", "");
        String k = awsKey();
        out.add(of("aws-key", "plain", label, k));
        out.add(of("aws-key", "spaced", label, spaced(awsKey())));
        out.add(of("aws-key", "chunked", label, chunks(awsKey(), pick(" ", "-", ".", "_"))));
        out.add(of("aws-key", "zero-width", label, zeroWidth(awsKey())));
        out.add(of("aws-key", "full-width", label, fullWidth(awsKey())));
        out.add(of("aws-key", "base64", label, base64(awsKey())));
        out.add(of("aws-key", "url", "see /k?id=", url(awsKey())));
        out.add(of("aws-key", "cyrillic", label, cyrillic(awsKey())));
        out.add(of("aws-key", "lowercase", label, awsKey().toLowerCase(Locale.ROOT)));
        String look = awsKey();
        String prefix = look.substring(0, 4).replaceFirst("I", pick("1", "l", "|")).replaceFirst("^A", pick("4", "A"));
        out.add(of("aws-key", "lookalike-prefix", label, prefix + look.substring(4)));
        out.add(of("aws-key", "uneven-dashes", label, uneven(awsKey())));
        out.add(of("aws-key", "reversed", label, reversed(awsKey())));
        out.add(of("aws-key", "rot13", label, rot13(awsKey())));
        out.add(of("aws-key", "hex", label, hex(awsKey())));
        out.add(of("aws-key", "hex-0x", label, "0x" + hex(awsKey())));
    }

    private String chunks(String key, String sep) {
        return String.join(sep, key.substring(0, 4), key.substring(4, 8), key.substring(8, 12), key.substring(12, 16),
                key.substring(16));
    }

    private String uneven(String key) {
        StringBuilder b = new StringBuilder();
        int next = 1 + random.nextInt(6);
        for (int i = 0; i < key.length(); i++) {
            if (i == next && i < key.length() - 1) {
                b.append(pick("-", "-", "--", "_"));
                next += 1 + random.nextInt(6);
            }
            b.append(key.charAt(i));
        }
        return b.toString();
    }

    private void privateKeys(List<Case> out) {
        String pem = pick(pems.toArray(String[]::new));
        String type = pem.substring(pem.indexOf("BEGIN ") + 6, pem.indexOf("-----", 5));
        String header = "BEGIN " + type;
        String body = pem.substring(pem.indexOf('\n') + 1, pem.lastIndexOf("-----END")).strip();
        String label = pick("here is the key:\n", "key:\n", "", "deploy with\n");
        out.add(new Case("private-key", "pem", before(label), pem, "\n" + after()));
        out.add(new Case("private-key", "pem-body", before(label), body, "\n" + after()));
        out.add(new Case("private-key", "pem-body-one-line", before(label), body.replace("\n", ""), " " + after()));
        out.add(new Case("private-key", "pem-dashless", before(label),
                header + pick("\n", "\n", " ") + body + "\nEND " + type, "\n" + after()));
        out.add(new Case("private-key", "pem-header-only", before(label), "-----" + header + "-----", after()));
        out.add(new Case("private-key", "reversed", before(label), reversed("-----" + header + "-----"), after()));
        out.add(new Case("private-key", "rot13", before(label), rot13("-----" + header + "-----"), after()));
        out.add(new Case("private-key", "base64", before(label), base64("-----" + header + "-----"), " " + after()));
    }

    private static List<String> keys() {
        try {
            List<String> out = new ArrayList<>();
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            for (int i = 0; i < 2; i++) {
                byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
                out.add(pem("PRIVATE KEY", pkcs8));
                out.add(pem("RSA PRIVATE KEY", pkcs1(pkcs8)));
                out.add(pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
            }
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#1 key inside a PKCS#8 RSA key: the OCTET STRING after the version and the algorithm. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int o = 4; // SEQUENCE with a two-byte length
        o += 3; // INTEGER 0
        o += 2 + (pkcs8[o + 1] & 0xFF); // AlgorithmIdentifier
        int lengthBytes = pkcs8[o + 1] & 0x7F;
        int start = o + 2 + lengthBytes;
        return java.util.Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----";
    }

    // ---- benign ----

    List<Benign> benign(int perKind) {
        List<Benign> out = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            out.add(new Benign("versions", pick("Upgrade to ", "Tested on ", "Supported: ") + version() + ", "
                    + version() + " and " + version() + after()));
            out.add(new Benign("dates", pick("Due ", "Shipped on ", "Between ") + date() + pick(" and ", " to ", ", ")
                    + date() + pick("", " at 10:45", " 14:30 UTC") + after()));
            out.add(new Benign("order-number", pick("Order #", "Order no. ", "order ", "PO-") + digits(9 + random
                    .nextInt(4)) + pick(" shipped", " is delayed", " was refunded") + after()));
            out.add(new Benign("invoice", pick("Invoice INV-", "Invoice ", "Ref ") + (2020 + random.nextInt(6)) + "-"
                    + digits(5) + pick(" of ", " for ") + price() + after()));
            out.add(new Benign("isbn", pick("ISBN ", "ISBN-13: ", "see ") + isbn13() + pick(" (paperback)", "", " p. 42")
                    + after()));
            out.add(new Benign("isbn10", "ISBN-10 " + isbn10() + after()));
            out.add(new Benign("uuid", pick("Request id ", "trace ", "uuid=") + java.util.UUID.randomUUID()
                    + pick(" failed", " ok", "") + after()));
            out.add(new Benign("hash", pick("sha256 ", "commit ", "md5: ", "digest ") + hexDigits(pick(64, 40, 32))
                    + after()));
            out.add(new Benign("price", pick("Total: ", "It costs ", "Price ") + price() + pick(" incl. VAT", "", " or ")
                    + price() + after()));
            out.add(new Benign("product-code", pick("Part ", "SKU ", "Model ", "Item ") + productCode() + after()));
            out.add(new Benign("prose-at-dot", pick(PROSE_AT_DOT) + after()));
            out.add(new Benign("prose-numbers", pick(PROSE_NUMBERS) + after()));
            out.add(new Benign("ip-and-ports", "Host 10." + random.nextInt(255) + "." + random.nextInt(255) + "."
                    + random.nextInt(255) + ":" + (1024 + random.nextInt(60000)) + " build " + digits(8) + "." + digits(1)
                    + after()));
            out.add(new Benign("statistics", "Population " + String.format("%,d", 1_000_000 + random.nextInt(90_000_000))
                    .replace(',', pick(' ', ',', '.')) + " in " + (1990 + random.nextInt(35)) + ", up "
                    + random.nextInt(9) + "." + random.nextInt(9) + "%" + after()));
        }
        return out;
    }

    private static final String[] PROSE_AT_DOT = {
            "Meet me at five by the station", "version two point one is out", "Look at the dot on the map",
            "We met at the dot com party in two thousand", "Let's meet at noon dot on the hour",
            "She works at Google and lives at home", "The cursor sits at the dot at the end of the line",
            "I was at one point at example of the problem", "Stay at home, dot your i's and cross your t's",
            "Arrive at nine sharp; the talk is at ten thirty", "He stared at the red dot, then at the clock",
            "The file is at version three point two point one now", "Point at the dot, then click at once",
            "Check the site at example dot com for updates", "The meeting at the office starts at eight",
            "Room four oh four is at the end of the hall", "Call it at one two three o'clock",
            "She paid twenty five dollars at the market", "Chapter one, page two, line three, word four",
            "We need one or two volunteers at the front desk", "The polka dot dress is at the cleaners",
            "Score: four to two at half time, then five to three at the end",
            "Count down from ten nine eight seven six", "Sprint two starts at nine on day one",
            "The reply is addressed to the archive desk at exfil.example.com, and then summarised"};
    private static final String[] PROSE_NUMBERS = {
            "The top three items were one, two and five", "It takes two to three days, sometimes four",
            "I have one cat, two dogs and three fish", "Seven people came, then eight more arrived",
            "Steps one through six are done; seven is next", "Pick a number from one to nine",
            "one two three four five", "Table for six at seven thirty please", "Two hundred and fifty copies sold",
            "Version one point two point three, build four five six", "Five by five grid, zero indexed",
            "We counted one, two, three, four before the start"};

    private String version() {
        return pick("v", "", "") + random.nextInt(10) + "." + random.nextInt(30) + "." + random.nextInt(100);
    }

    private String date() {
        int y = 1990 + random.nextInt(36);
        int m = 1 + random.nextInt(12);
        int d = 1 + random.nextInt(28);
        return switch (random.nextInt(4)) {
            case 0 -> String.format("%d-%02d-%02d", y, m, d);
            case 1 -> String.format("%02d/%02d/%d", d, m, y);
            case 2 -> String.format("%02d.%02d.%d", d, m, y);
            default -> String.format("%d/%d/%d", m, d, y);
        };
    }

    private String price() {
        return pick("$", "€", "EUR ", "£") + (1 + random.nextInt(5000)) + "." + digits(2);
    }

    private String isbn13() {
        String d = "978" + digits(9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        d += (10 - sum % 10) % 10;
        return random.nextBoolean() ? d : d.substring(0, 3) + "-" + d.charAt(3) + "-" + d.substring(4, 7) + "-"
                + d.substring(7, 12) + "-" + d.charAt(12);
    }

    private String isbn10() {
        String d = digits(9);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        d += check == 10 ? "X" : String.valueOf(check);
        return random.nextBoolean() ? d : d.charAt(0) + "-" + d.substring(1, 4) + "-" + d.substring(4, 9) + "-"
                + d.charAt(9);
    }

    private String productCode() {
        return switch (random.nextInt(5)) {
            case 0 -> pick("XR", "AB", "KT") + "-" + digits(3) + "-" + digits(4);
            case 1 -> digits(3) + "-" + digits(3) + "-" + digits(3);
            case 2 -> digits(4) + "-" + digits(3) + "-" + digits(3);
            case 3 -> pick("MX", "ZB", "B0") + digits(8);
            default -> digits(2) + "-" + digits(4) + "-" + digits(4);
        };
    }

    private String hexDigits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return b.toString();
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
