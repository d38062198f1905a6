package dev.aauth.httpsig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Reads RFC 9421 Appendix B in place from {@code ${aauth.vectors}/rfc9421-appendix-b-examples.md}:
 * the code blocks under each heading, with RFC 8792 line wrapping undone, the example messages and
 * the example keys. Nothing is copied into the tests, so they fail if the implementation drifts
 * from the file.
 */
final class Rfc9421Examples {

    static final String FILE = "rfc9421-appendix-b-examples.md";
    private static final String RFC8792_NOTE = "NOTE: '\\' line wrapping per RFC 8792";

    /** A fenced block: its info string (e.g. {@code http-message}) and its text, unwrapped. */
    record Block(String info, String text) {}

    /** A message from an {@code http-message} block: start line (or null), fields, content. */
    record Message(String startLine, HttpFields fields, String body) {

        HttpRequestMessage request(String scheme) {
            String[] parts = startLine.split(" ");
            String target = parts[1];
            int q = target.indexOf('?');
            return HttpRequestMessage.of(
                    parts[0],
                    scheme,
                    fields.lines("host").get(0).strip(),
                    q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1),
                    fields);
        }

        HttpResponseMessage response(HttpRequestMessage related) {
            return HttpResponseMessage.of(
                    Integer.parseInt(startLine.split(" ")[1]), fields, related);
        }
    }

    private final Map<String, List<Block>> sections;

    private Rfc9421Examples(Map<String, List<Block>> sections) {
        this.sections = sections;
    }

    static Rfc9421Examples load() {
        String dir = System.getProperty("aauth.vectors");
        if (dir == null) {
            throw new IllegalStateException(
                    "system property aauth.vectors is not set (Surefire sets it)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(dir, FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Block>> sections = new LinkedHashMap<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading =
                        line.replaceAll("^#+\\s*", "").replaceAll("\\s*\\{[^}]*}\\s*$", "").strip();
                sections.putIfAbsent(heading, new ArrayList<>());
            } else if (line.startsWith("~~~")) {
                String info = line.substring(3).strip();
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (!lines.get(j).equals("~~~")) {
                    text.append(lines.get(j)).append('\n');
                    j++;
                }
                text.setLength(Math.max(0, text.length() - 1));
                sections.computeIfAbsent(heading, k -> new ArrayList<>())
                        .add(new Block(info, unwrap(text.toString())));
                i = j;
            }
        }
        return new Rfc9421Examples(sections);
    }

    /**
     * RFC 8792 Section 7 single backslash strategy: a trailing '\' joins the next line, minus its
     * indent.
     */
    static String unwrap(String text) {
        if (!text.startsWith(RFC8792_NOTE)) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        if (!lines[1].isEmpty()) {
            throw new IllegalStateException("RFC 8792 note must be followed by a blank line");
        }
        return joinWrappedLines(text.substring(text.indexOf('\n') + 2));
    }

    /**
     * Joins lines wrapped with a trailing '\' regardless of the RFC 8792 note: the B.4 signature
     * base block of the vector file wraps its last line this way but carries no note.
     */
    static String joinWrappedLines(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            while (line.endsWith("\\") && i + 1 < lines.length) {
                line = line.substring(0, line.length() - 1) + lines[++i].stripLeading();
            }
            out.append(line);
            if (i + 1 < lines.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Every block of the file, in order (e.g. to seed the fuzz targets). */
    List<Block> allBlocks() {
        List<Block> all = new ArrayList<>();
        sections.values().forEach(all::addAll);
        return all;
    }

    List<Block> blocks(String heading) {
        List<Block> blocks = sections.get(heading);
        if (blocks == null || blocks.isEmpty()) {
            throw new IllegalStateException(
                    "no code blocks under heading '" + heading + "' in " + FILE);
        }
        return blocks;
    }

    String text(String heading, int index) {
        return blocks(heading).get(index).text();
    }

    /** Parses an http-message block: optional start line, header lines, blank line, content. */
    static Message message(String text) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        String startLine = null;
        if (lines[0].startsWith("HTTP/") || lines[0].matches("^[A-Z]+ \\S+ HTTP/1\\.1$")) {
            startLine = lines[0];
            i = 1;
        }
        HttpFields.Builder fields = HttpFields.builder();
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            fields.add(lines[i].substring(0, colon), lines[i].substring(colon + 1));
        }
        StringBuilder body = new StringBuilder();
        for (i++; i < lines.length; i++) {
            body.append(lines[i]);
            if (i + 1 < lines.length) {
                body.append('\n');
            }
        }
        return new Message(startLine, fields.build(), body.toString());
    }

    Message message(String heading, int index) {
        return message(text(heading, index));
    }

    /** The JWK of an example key section (its {@code json} block). */
    Map<String, Object> jwk(String heading) {
        for (Block b : blocks(heading)) {
            if (b.info().equals("json")) {
                try {
                    return JsonUtil.parseJson(b.text());
                } catch (JoseException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no JWK under " + heading);
    }

    /** Adds the header lines of {@code extra} to a copy of {@code fields}. */
    static HttpFields plus(HttpFields fields, HttpFields extra) {
        HttpFields.Builder b = fields.toBuilder();
        for (String name : extra.names()) {
            for (String line : extra.lines(name)) {
                b.add(name, line);
            }
        }
        return b.build();
    }
}
