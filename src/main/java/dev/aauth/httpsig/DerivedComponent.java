package dev.aauth.httpsig;

/** The derived component names of RFC 9421 Section 2.2, with the message each applies to. */
enum DerivedComponent {
    METHOD("@method"),
    TARGET_URI("@target-uri"),
    AUTHORITY("@authority"),
    SCHEME("@scheme"),
    REQUEST_TARGET("@request-target"),
    PATH("@path"),
    QUERY("@query"),
    QUERY_PARAM("@query-param"),
    STATUS("@status");

    private final String componentName;

    DerivedComponent(String componentName) {
        this.componentName = componentName;
    }

    String componentName() {
        return componentName;
    }

    /** Everything but {@code @status} derives from a request. */
    boolean targetsRequest() {
        return this != STATUS;
    }

    static DerivedComponent byName(String name) {
        return switch (name) {
            case "@method" -> METHOD;
            case "@target-uri" -> TARGET_URI;
            case "@authority" -> AUTHORITY;
            case "@scheme" -> SCHEME;
            case "@request-target" -> REQUEST_TARGET;
            case "@path" -> PATH;
            case "@query" -> QUERY;
            case "@query-param" -> QUERY_PARAM;
            case "@status" -> STATUS;
            default -> null;
        };
    }
}
