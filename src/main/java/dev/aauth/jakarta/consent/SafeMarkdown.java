package dev.aauth.jakarta.consent;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Agent-supplied Markdown (justifications, clarification questions and answers) rendered to inert
 * HTML: "Implementations MUST sanitize Markdown before rendering to users." CommonMark, with
 *
 * <ul>
 *   <li>raw HTML, inline or block, escaped: shown as text, never markup ({@code escapeHtml});
 *   <li>links only to {@code https:}, {@code http:} and {@code mailto:} URLs, with {@code
 *       rel="nofollow noopener noreferrer"}; any other link ({@code javascript:}, {@code data:},
 *       {@code vbscript:}, relative, malformed) is rendered as its text alone;
 *   <li>no images at all: an image is rendered as its alternative text (nothing is ever loaded from
 *       outside the server);
 *   <li>bidi and control characters neutralised first ({@link UntrustedText}), input cut at {@value
 *       #MAX_CHARS} characters.
 * </ul>
 *
 * (No HTML sanitizer library: none is available from this build's repository; escaping all raw HTML
 * and rendering links and images ourselves leaves no HTML from the input to sanitize.) Plain Java,
 * thread-safe.
 */
public final class SafeMarkdown {

    public static final int MAX_CHARS = 8000;
    static final Set<String> LINK_SCHEMES = Set.of("https", "http", "mailto");

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder()
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .nodeRendererFactory(SafeNodes::new)
                    .build();

    private SafeMarkdown() {}

    /** The HTML of {@code markdown}; empty for null. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(UntrustedText.clean(markdown, MAX_CHARS)));
    }

    /**
     * Whether a link may point there: an absolute URL of an allowed scheme, with a host for
     * http(s).
     */
    static boolean allowedLink(String destination) {
        if (destination == null) {
            return false;
        }
        try {
            URI uri = new URI(destination.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !LINK_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return false;
            }
            return scheme.equalsIgnoreCase("mailto") || uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Renders links (allowed ones only) and images (as text) instead of the default renderer. */
    private static final class SafeNodes implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        SafeNodes(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class, Image.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Link link && allowedLink(link.getDestination())) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("href", context.encodeUrl(link.getDestination().strip()));
                attrs.put("rel", "nofollow noopener noreferrer");
                html.tag("a", attrs);
                children(node);
                html.tag("/a");
            } else {
                // a refused link, or an image: its text only
                children(node);
            }
        }

        private void children(Node node) {
            Node child = node.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }
    }
}
