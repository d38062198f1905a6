/**
 * Where the plain-Java core meets the Jakarta runtime: the CDI producers of the core objects
 * ({@link dev.aauth.jakarta.boundary.CoreProducers}), the adapter that shows a JAX-RS request to
 * the core without copying it ({@link dev.aauth.jakarta.boundary.JaxRsRequests}), the matched
 * resource handed to the CDI-managed filters ({@link dev.aauth.jakarta.boundary.MatchedResource}),
 * the gate filters answering {@code 404} for endpoints an origin does not serve ({@link
 * dev.aauth.jakarta.boundary.RoleGateFilter}), and the one place an {@link
 * dev.aauth.error.AAuthException} becomes an HTTP response ({@link
 * dev.aauth.jakarta.boundary.AAuthExceptionMapper}).
 */
package dev.aauth.jakarta.boundary;
