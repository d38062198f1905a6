package dev.aauth.jakarta.consent;

import java.util.List;

/**
 * Hostile strings for every agent-supplied field (justification, client names, scope descriptions,
 * platform, device, clarification answers). Each would, if it reached the page as markup, run
 * {@code alert}, set {@code window.__xss} or add an element with id {@code xss}.
 */
public final class XssCorpus {

    public static final List<String> ENTRIES =
            List.of(
                    "<script>window.__xss=1;alert(1)</script>",
                    "<img src=x onerror=\"window.__xss=2;alert(2)\" id=xss>",
                    "<svg onload=alert(3) id=xss></svg>",
                    "<iframe id=xss src=\"javascript:alert(4)\"></iframe>",
                    "[click me](javascript:window.__xss=5)",
                    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==)",
                    "![x](https://evil.example/pixel.png)",
                    "<a href=\"javascript:alert(7)\" id=xss>link</a>",
                    "\"><script>alert(8)</script>",
                    "'><img src=x onerror=alert(9) id=xss>",
                    "<div id=xss style=\"position:fixed;inset:0\" onmouseover=\"alert(10)\">cover</div>",
                    "<style>body{display:none}</style>",
                    "Read only \u202Etpircs\u202C \u2066evil\u2069 \u200Fx",
                    "<form id=xss action=https://evil.example><button>Approve</button></form>",
                    "[x](  javascript:alert(11)  )",
                    "<details open ontoggle=alert(12) id=xss>");

    private XssCorpus() {}
}
