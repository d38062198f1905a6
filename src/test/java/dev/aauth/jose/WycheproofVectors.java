package dev.aauth.jose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** Reads a Wycheproof vector file in place from {@code ${aauth.vectors}/wycheproof/}. */
final class WycheproofVectors {

    private WycheproofVectors() {}

    static Map<String, Object> load(String fileName) {
        String dir = System.getProperty("aauth.vectors");
        if (dir == null) {
            throw new IllegalStateException(
                    "system property aauth.vectors is not set (Surefire sets it)");
        }
        Path file = Path.of(dir, "wycheproof", fileName);
        try {
            return JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String name) {
        return (List<Map<String, Object>>) m.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String name) {
        return (Map<String, Object>) m.get(name);
    }

    static String name(Map<String, Object> test) {
        return "tcId "
                + test.get("tcId")
                + " ["
                + test.get("result")
                + "] "
                + test.get("comment")
                + " "
                + test.get("flags");
    }
}
