/**
 * The agent side of AAuth in plain Java: the agent's credentials (short-lived key and agent token),
 * signed outgoing requests, the answer to a resource's {@code 401} challenge (resource token
 * verification, exchange at the Person Server, auth token response verification), the auth token
 * cache, and the polling of deferred ({@code 202}) responses. No Jakarta or MicroProfile imports:
 * {@code dev.aauth.jakarta.agent} wires this into CDI and MicroProfile REST Client.
 */
package dev.aauth.agent;
