/**
 * AAuth identifiers and URL rules from the draft's "Identifiers" section: {@link
 * dev.aauth.id.ServerIdentifier} ("Server Identifiers"), {@link dev.aauth.id.EndpointUrl}
 * ("Endpoint URLs"), {@link dev.aauth.id.OtherUrl} ("Other URLs") and {@link
 * dev.aauth.id.AgentIdentifier} ("Agent Identifiers"), plus the {@link dev.aauth.id.SecurityMode}
 * switch that relaxes only http, ports and loopback for local demos.
 *
 * <p>Every parser here throws {@link dev.aauth.error.AAuthException} with a code chosen by the
 * caller, because the same malformed value means {@code invalid_jwt} in one place and {@code
 * invalid_request} in another. Comparison is always exact string comparison: "Implementations MUST
 * perform exact string comparison on server identifiers."
 */
package dev.aauth.id;
