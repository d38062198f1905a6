/**
 * The person's side of the Person Server, in Jakarta Faces: the interaction page where a person
 * opens a request by its code, the consent screen (verified facts apart from the agent's claims;
 * approve, narrow, deny, ask the agent), the completion page and callback, and the account page
 * (connected agents, remembered consents and their revocation, pending requests, recent decisions);
 * the filter that serves these pages only on the {@code person-server} origin with their security
 * headers and Origin check; and the sanitizers for every agent-supplied string.
 */
package dev.aauth.jakarta.consent;
