/**
 * Fixtures the integration tests share (issue 16: "Integration-test helpers move out of {@code
 * PersonServerIT} into fixtures that tests share"): the IT server's origins ({@link Origins}), an
 * agent enrolled at the real Agent Provider ({@link EnrolledAgent}), the token endpoint's requests
 * and answers ({@link TokenRequests}), a deferred request and its polls ({@link Deferred}, {@link
 * EnrolledDeferred}), the person's side over plain HTTP ({@link PersonOverHttp}) and stopping and
 * starting the IT server ({@link ItServer}). Each helper has one home here; the ITs import it.
 */
package dev.aauth.jakarta.it;
