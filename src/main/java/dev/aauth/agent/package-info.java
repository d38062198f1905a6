/**
 * The agent side of AAuth in plain Java: the agent's credentials (short-lived key and agent token,
 * and the draft it speaks), signed outgoing requests, the answer to a resource's {@code 401}
 * challenge (resource token verification, exchange at the Person Server, auth token response
 * verification), the auth token cache, and the polling of deferred ({@code 202}) responses. Draft
 * -11 is the same runtime with the profile as a parameter: person tokens ({@code
 * requirement=person-token}, {@link dev.aauth.agent.PersonTokenCache}), the -11 challenge and
 * response verification, and the {@code 202} delivery of {@code requirement=auth-token}. No Jakarta
 * or MicroProfile imports: {@code dev.aauth.jakarta.agent} wires this into CDI and MicroProfile
 * REST Client.
 */
package dev.aauth.agent;
