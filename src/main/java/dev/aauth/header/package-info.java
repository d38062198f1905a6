/**
 * The AAuth draft's own HTTP header fields between agents and servers, as plain structured-field
 * codecs (parse and serialize, no Jakarta): {@link dev.aauth.header.AAuthRequirement}, the response
 * header telling an agent what a server requires ({@code auth-token} with a resource token, {@code
 * interaction}, {@code approval}, {@code clarification}, {@code claims}), and {@link
 * dev.aauth.header.MissionHeader}, the {@code AAuth-Mission} request header declaring the mission
 * an agent acts under; and {@link dev.aauth.header.PreferWait}, the RFC 7240 {@code wait}
 * preference agents send on polls. The Signature-Key draft's headers live in {@code
 * dev.aauth.sigkey}.
 */
package dev.aauth.header;
