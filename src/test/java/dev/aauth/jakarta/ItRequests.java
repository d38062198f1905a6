package dev.aauth.jakarta;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.aauth.httpsig.FieldLookup;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.sigkey.SignatureKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Building, signing and sending requests to the aauth-it server over real HTTP. */
public final class ItRequests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * A client that speaks HTTP/1.1 only, for the floods of many concurrent requests: the default
     * client's {@code Upgrade: h2c} on plain HTTP left an answer of a burst of concurrent async
     * requests never delivered (60 s timeout) while the server was idle.
     */
    public static final HttpClient HTTP_1_1 =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private ItRequests() {}

    /** The base URL of an origin of the aauth-it server: person, supply or market. */
    public static String baseUrl(String origin) {
        String property = "aauth.it." + origin + ".url";
        String url = System.getProperty(property);
        assertNotNull(url, property + " is not set: run the integration tests with `mvn verify`");
        return url;
    }

    /** A request under construction: method, URL, header fields (lowercase names), body. */
    public static final class Req {
        public String method;
        public String url;
        public final Map<String, String> fields = new LinkedHashMap<>();
        public String body;

        public Req(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Req header(String name, String value) {
            fields.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        private Duration timeout = Duration.ofSeconds(60);

        /**
         * How long the client waits for the answer (60 s unless set: a long poll may need more).
         */
        public Req timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Req body(String json) {
            this.body = json;
            return header("content-type", "application/json");
        }

        public FieldLookup lookup() {
            return name -> {
                String v = fields.get(name);
                return v == null ? null : List.of(v);
            };
        }

        /**
         * Signs as of now with {@code key}'s owner presenting {@code signatureKey}; extra
         * components as given.
         */
        public Req sign(dev.aauth.jose.SigningKey key, SignatureKey signatureKey, String... extra) {
            return sign(new AAuthRequestSigner(key, Clock.systemUTC()), signatureKey, extra);
        }

        /**
         * Signs as a conforming agent does: a request with a body also covers {@code content-type}
         * and {@code content-digest} (the digest header is added when absent), which the Person
         * Server and Agent Provider require and resources require by default (issue 12); {@link
         * #unsignedBody} turns that off, for tests of what happens without it.
         */
        public Req sign(AAuthRequestSigner signer, SignatureKey signatureKey, String... extra) {
            java.util.LinkedHashSet<String> covered = new java.util.LinkedHashSet<>(List.of(extra));
            if (body != null && signBody) {
                fields.computeIfAbsent(
                        "content-digest",
                        n ->
                                dev.aauth.digest.ContentDigest.create(
                                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                if (fields.containsKey("content-type")) {
                    covered.add("content-type");
                }
                covered.add("content-digest");
            }
            return apply(signer.sign(method, url, lookup(), signatureKey, List.copyOf(covered)));
        }

        private boolean signBody = true;

        /** The signature will cover neither Content-Type nor Content-Digest (unless named). */
        public Req unsignedBody() {
            signBody = false;
            return this;
        }

        public Req apply(SignedHeaders h) {
            header("signature-key", h.signatureKey());
            header("signature-input", h.signatureInput());
            header("signature", h.signature());
            return this;
        }

        private HttpRequest build() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
            fields.forEach(b::header);
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            return b.build();
        }

        /** Sends it without waiting for the answer (a long poll). */
        public java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync() {
            return sendAsync(HTTP);
        }

        /** Sends it with {@code client} without waiting for the answer. */
        public java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(
                HttpClient client) {
            return client.sendAsync(build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Sends it (possibly to another URL or with another method than was signed: tampering). */
        public HttpResponse<String> send() {
            return send(HTTP);
        }

        /** Sends it with {@code client}. */
        public HttpResponse<String> send(HttpClient client) {
            try {
                return client.send(build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Req get(String url) {
        return new Req("GET", url);
    }

    public static Req post(String url) {
        return new Req("POST", url);
    }
}
