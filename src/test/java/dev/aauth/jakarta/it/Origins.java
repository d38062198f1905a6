package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.ItRequests.baseUrl;

/** The three origins of the aauth-it server (Failsafe's {@code aauth.it.*.url}). */
public final class Origins {

    /** The Person Server and Agent Provider (and the backend agent). */
    public static final String PERSON = baseUrl("person");

    /** The supply-chain resource (also an agent downstream). */
    public static final String SUPPLY = baseUrl("supply");

    /** The market-analysis resource. */
    public static final String MARKET = baseUrl("market");

    /** The Person Server's token endpoint. */
    public static final String TOKEN = PERSON + "/aauth/token";

    private Origins() {}
}
