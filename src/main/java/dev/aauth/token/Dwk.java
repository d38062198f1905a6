package dev.aauth.token;

/**
 * The well-known metadata document names ({@code dwk}) of the AAuth draft's "Metadata Documents".
 */
public final class Dwk {

    public static final String AGENT = "aauth-agent.json";
    public static final String RESOURCE = "aauth-resource.json";
    public static final String PERSON = "aauth-person.json";
    public static final String ACCESS = "aauth-access.json";

    private Dwk() {}
}
