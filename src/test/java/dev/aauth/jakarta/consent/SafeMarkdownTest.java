package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** "Implementations MUST sanitize Markdown before rendering to users." */
class SafeMarkdownTest {

    /** The XSS corpus the browser test also posts in every agent-supplied field. */
    static java.util.List<String> corpus() {
        return XssCorpus.ENTRIES;
    }

    static final java.util.Set<String> ALLOWED_TAGS =
            java.util.Set.of(
                    "p",
                    "strong",
                    "em",
                    "a",
                    "ul",
                    "ol",
                    "li",
                    "code",
                    "pre",
                    "blockquote",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "hr",
                    "br");

    @ParameterizedTest
    @MethodSource("corpus")
    @DisplayName(
            "the PS MUST sanitize the Markdown before rendering: no tag, handler, script URL or image survives")
    void theMarkdownMustBeSanitized(String attack) {
        String html = SafeMarkdown.toHtml(attack).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher tag =
                java.util.regex.Pattern.compile("<(/?)([a-z0-9]+)([^>]*)>").matcher(html);
        while (tag.find()) {
            assertTrue(ALLOWED_TAGS.contains(tag.group(2)), "tag " + tag.group() + " in " + html);
            String attrs =
                    tag.group(3)
                            .replaceAll("href=\"(https?|mailto):[^\"]*\"", "")
                            .replace("rel=\"nofollow noopener noreferrer\"", "")
                            .strip();
            assertEquals("", attrs, "attributes of " + tag.group() + " in " + html);
        }
        for (char bidi :
                new char[] {
                    '\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u200E'
                }) {
            assertFalse(html.indexOf(bidi) >= 0, "bidi control U+" + Integer.toHexString(bidi));
        }
    }

    @Test
    void markdownStillRenders() {
        assertEquals(
                "<p>I need <strong>read</strong> access to <em>inventory</em>.</p>\n",
                SafeMarkdown.toHtml("I need **read** access to *inventory*."));
        assertEquals(
                "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n", SafeMarkdown.toHtml("- one\n- two"));
    }

    @Test
    @DisplayName(
            "https links keep their URL with rel=nofollow noopener noreferrer; javascript:, data: and relative links become text")
    void linksAreRestricted() {
        assertEquals(
                "<p><a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">docs</a></p>\n",
                SafeMarkdown.toHtml("[docs](https://example.com/a?b=1&c=2)"));
        assertEquals("<p>click</p>\n", SafeMarkdown.toHtml("[click](javascript:alert(1))"));
        assertEquals("<p>click</p>\n", SafeMarkdown.toHtml("[click](JaVaScRiPt:alert(1))"));
        assertEquals("<p>x</p>\n", SafeMarkdown.toHtml("[x](data:text/html;base64,PHNjcmlwdD4=)"));
        assertEquals("<p>x</p>\n", SafeMarkdown.toHtml("[x](/account)"));
        assertTrue(
                SafeMarkdown.toHtml("<https://example.com>")
                        .contains("href=\"https://example.com\""));
    }

    @Test
    @DisplayName("no remote images: an image is its alternative text")
    void imagesAreTheirAltText() {
        assertEquals(
                "<p>a tracking pixel</p>\n",
                SafeMarkdown.toHtml("![a tracking pixel](https://evil.example/p.png)"));
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertEquals(
                "<p>&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt;</p>\n",
                SafeMarkdown.toHtml("<b onclick=\"x()\">hi</b>"));
        assertEquals(
                "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
                SafeMarkdown.toHtml("<script>alert(1)</script>"));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertEquals("", SafeMarkdown.toHtml(null));
        assertEquals("", SafeMarkdown.toHtml("  "));
    }
}
