/**
 * AAuth enforcement for Jakarta REST resources: mark endpoints with {@link
 * dev.aauth.jakarta.resource.AAuthProtected} (or {@code aauth.resource.protect}), and the request
 * filters verify every request ("Verification (Server)"), answer {@code 401} with a resource token
 * when an auth token is needed ("Auth Token Required", step-up included), {@code 401} with {@code
 * Signature-Error} when a signature or key fails, {@code 403} when policy refuses, and hand the
 * endpoint an {@link dev.aauth.jakarta.resource.AAuthCaller}. Also the resource's protocol
 * endpoints: metadata ({@code /.well-known/aauth-resource.json}), authorization and revocation.
 */
package dev.aauth.jakarta.resource;
