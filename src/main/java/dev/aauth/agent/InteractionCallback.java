package dev.aauth.agent;

/**
 * Receives "Interaction Required": "The agent constructs a user-facing URL by appending the code as
 * a query parameter: {url}?code={code}" and shows it to the person (a link, a QR code). Called once
 * per code, before polling continues.
 */
@FunctionalInterface
public interface InteractionCallback {

    InteractionCallback NONE = (url, code, userUrl) -> {};

    void interactionRequired(String url, String code, String userUrl);
}
