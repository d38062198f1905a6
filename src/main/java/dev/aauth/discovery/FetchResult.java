package dev.aauth.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The response to a {@link HttpFetcher} GET.
 *
 * @param status HTTP status code (never 3xx: redirects are failures)
 * @param headers header fields; names are stored in lower case, values in arrival order
 * @param body the decoded body (chunked framing removed); not copied, do not modify
 */
public record FetchResult(int status, Map<String, List<String>> headers, byte[] body) {

    public FetchResult {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach(
                (name, values) ->
                        lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(lower);
    }

    /** All values of a header (case-insensitive name), or an empty list. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** True for 200..299. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
